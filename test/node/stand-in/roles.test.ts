// Each role's allowed and refused S3 actions, through the official SDK exactly as the elements use it:
// broker login → fromCognitoIdentity → S3Client (and lib-storage's Upload for multipart).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AbortMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { codeOf, guestCredentials, loginCredentials, s3Client, serviceClient, testStandIn, type TestStandIn } from './helpers.ts';

let si: TestStandIn;
before(async () => {
  si = await testStandIn();
});
after(async () => si?.cleanup());

const Bucket = () => si.config.bucket;

test('uploader: multipart and put under its own uploads/ prefix; nothing else', async () => {
  const { login, provider } = await loginCredentials(si, 'uploader');
  assert.equal(login.role, 'uploader');
  const s3 = s3Client(si, provider);
  const own = `uploads/${login.identityId}`;

  assert.equal(
    await codeOf(s3.send(new PutObjectCommand({ Bucket: Bucket(), Key: `${own}/small.json`, Body: '{}', ContentType: 'application/json' }))),
    'OK',
  );

  // lib-storage multipart (2 parts) as the uploader element does it.
  const body = Buffer.alloc(6 * 1024 * 1024 + 123, 7);
  const up = new Upload({
    client: s3,
    params: { Bucket: Bucket(), Key: `${own}/clip.mp4`, Body: body, ContentType: 'video/mp4' },
    queueSize: 2,
    partSize: 5 * 1024 * 1024,
  });
  const done = await up.done();
  assert.match(String(done.ETag), /-2"$/);
  const head = await si.s3.store.head(Bucket(), `${own}/clip.mp4`);
  assert.equal(head?.size, body.length);

  // ListParts and Abort on its own upload.
  const mpu = await s3.send(new CreateMultipartUploadCommand({ Bucket: Bucket(), Key: `${own}/b.mp4` }));
  await s3.send(new UploadPartCommand({ Bucket: Bucket(), Key: `${own}/b.mp4`, UploadId: mpu.UploadId, PartNumber: 1, Body: Buffer.alloc(1024, 1) }));
  const parts = await s3.send(new ListPartsCommand({ Bucket: Bucket(), Key: `${own}/b.mp4`, UploadId: mpu.UploadId }));
  assert.equal(parts.Parts?.length, 1);
  assert.equal(await codeOf(s3.send(new AbortMultipartUploadCommand({ Bucket: Bucket(), Key: `${own}/b.mp4`, UploadId: mpu.UploadId }))), 'OK');

  // Refused: someone else's prefix, media/, catalog/, index/, reading, deleting, listing.
  const someoneElse = `uploads/${si.config.region}:00000000-0000-0000-0000-000000000000/x.mp4`;
  const refused = [
    () => s3.send(new PutObjectCommand({ Bucket: Bucket(), Key: someoneElse, Body: 'x' })),
    () => s3.send(new CreateMultipartUploadCommand({ Bucket: Bucket(), Key: someoneElse })),
    () => s3.send(new PutObjectCommand({ Bucket: Bucket(), Key: 'media/abc/video.json', Body: '{}' })),
    () => s3.send(new PutObjectCommand({ Bucket: Bucket(), Key: 'catalog/index.json', Body: '{}' })),
    () => s3.send(new PutObjectCommand({ Bucket: Bucket(), Key: 'index/all.json', Body: '{}' })),
    () => s3.send(new PutObjectCommand({ Bucket: Bucket(), Key: `${own}`, Body: 'x' })),
    () => s3.send(new GetObjectCommand({ Bucket: Bucket(), Key: `${own}/small.json` })),
    () => s3.send(new DeleteObjectCommand({ Bucket: Bucket(), Key: `${own}/small.json` })),
    () => s3.send(new ListObjectsV2Command({ Bucket: Bucket(), Prefix: `${own}/` })),
    () => s3.send(new ListMultipartUploadsCommand({ Bucket: Bucket(), Prefix: `${own}/` })),
    // The packaging status of its uploads is the one thing it reads, and only in its own folder.
    () => s3.send(new GetObjectCommand({ Bucket: Bucket(), Key: `${own}/clip.mp4` })),
    () => s3.send(new GetObjectCommand({ Bucket: Bucket(), Key: someoneElse.replace(/x\.mp4$/, `${'a'.repeat(32)}.status.json`) })),
  ];
  for (const [i, p] of refused.entries()) assert.equal(await codeOf(p()), 'AccessDenied', `refused #${i}`);
  assert.equal(await si.s3.store.head(Bucket(), someoneElse), undefined, 'nothing was written');

  const status = `${own}/${'b'.repeat(32)}.status.json`;
  const service = serviceClient(si);
  await service.send(new PutObjectCommand({ Bucket: Bucket(), Key: status, Body: '{"schemaVersion":1}', ContentType: 'application/json' }));
  const got = await s3.send(new GetObjectCommand({ Bucket: Bucket(), Key: status }));
  assert.equal(await got.Body!.transformToString(), '{"schemaVersion":1}');
  // Not written yet: S3 answers 403 to a role that may not list the bucket (the stand-in 404);
  // the uploader's watch treats both as "not yet" (src/upload/s3-multipart.ts getJson).
  const missing = await codeOf(s3.send(new GetObjectCommand({ Bucket: Bucket(), Key: `${own}/${'c'.repeat(32)}.status.json` })));
  assert.ok(['AccessDenied', 'NoSuchKey'].includes(missing), missing);
});

test('admin: reads sources, clips and catalogs, deletes sources, lists; clip records and catalogs only through the Web API', async () => {
  const up = await loginCredentials(si, 'uploader');
  const s3Up = s3Client(si, up.provider);
  const source = `uploads/${up.login.identityId}/for-admin.mp4`;
  await s3Up.send(new PutObjectCommand({ Bucket: Bucket(), Key: source, Body: 'source-bytes' }));

  const { login, provider } = await loginCredentials(si, 'admin');
  assert.equal(login.role, 'admin');
  assert.notEqual(login.identityId, up.login.identityId);
  const s3 = s3Client(si, provider);
  const got = await s3.send(new GetObjectCommand({ Bucket: Bucket(), Key: source }));
  assert.equal(await got.Body?.transformToString(), 'source-bytes');
  for (const Key of ['media/clip1/video.json', 'catalog/page-1.json', 'index/drafts.json']) {
    assert.equal(await codeOf(s3.send(new PutObjectCommand({ Bucket: Bucket(), Key, Body: '{}' }))), 'AccessDenied', Key);
  }
  assert.equal(await codeOf(s3.send(new PutObjectCommand({ Bucket: Bucket(), Key: `uploads/${login.identityId}/own.mp4`, Body: '{}' }))), 'OK');
  // The packager (service keys) writes records; the admin lists and reads them.
  await serviceClient(si).send(new PutObjectCommand({ Bucket: Bucket(), Key: 'media/clip1/video.json', Body: '{}' }));
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: Bucket(), Prefix: 'media/' }));
  assert.deepEqual(
    listed.Contents?.map((c) => c.Key),
    ['media/clip1/video.json'],
  );
  assert.equal(await codeOf(s3.send(new ListObjectsV2Command({ Bucket: Bucket(), Prefix: 'uploads/', Delimiter: '/' }))), 'OK');
  assert.equal(await codeOf(s3.send(new DeleteObjectCommand({ Bucket: Bucket(), Key: source }))), 'OK');
  assert.equal(await si.s3.store.head(Bucket(), source), undefined);

  // admin.json grants ListBucket without a prefix condition: S3 answers a GET of a missing key with
  // 404 (not 403) only then, and the catalog's create-if-absent reads rely on it.
  assert.equal(await codeOf(s3.send(new ListObjectsV2Command({ Bucket: Bucket() }))), 'OK', 'listing without a prefix');
  assert.equal(
    await codeOf(s3.send(new PutObjectCommand({ Bucket: Bucket(), Key: `uploads/${up.login.identityId}/forged.mp4`, Body: 'x' }))),
    'AccessDenied',
  );
  assert.equal(await codeOf(s3.send(new PutObjectCommand({ Bucket: Bucket(), Key: 'elsewhere/x', Body: 'x' }))), 'AccessDenied');
});

test('viewer login and unauthenticated identities: every S3 call is AccessDenied', async () => {
  const viewer = await loginCredentials(si, 'viewer');
  assert.equal(viewer.login.role, 'viewer');
  const guest = await guestCredentials(si);
  assert.match(guest.accessKeyId, /^ASIA/);
  for (const creds of [viewer.credentials, guest]) {
    const s3 = s3Client(si, creds);
    await serviceClient(si).send(new PutObjectCommand({ Bucket: Bucket(), Key: 'catalog/public.json', Body: '{}' }));
    for (const p of [
      () => s3.send(new GetObjectCommand({ Bucket: Bucket(), Key: 'catalog/public.json' })),
      () => s3.send(new PutObjectCommand({ Bucket: Bucket(), Key: `uploads/${viewer.login.identityId}/x.mp4`, Body: 'x' })),
      () => s3.send(new ListObjectsV2Command({ Bucket: Bucket(), Prefix: 'catalog/' })),
    ]) {
      assert.equal(await codeOf(p()), 'AccessDenied');
    }
  }
});

test('static service keys may do anything (server-side tools)', async () => {
  const s3 = serviceClient(si);
  await s3.send(new PutObjectCommand({ Bucket: Bucket(), Key: 'anywhere/x.txt', Body: 'hello' }));
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: Bucket() }));
  assert.ok(listed.Contents?.some((c) => c.Key === 'anywhere/x.txt'));
});

test('a request without any signature is AccessDenied', async () => {
  const res = await fetch(`${si.config.s3Endpoint}/${Bucket()}/anywhere/x.txt`);
  assert.equal(res.status, 403);
  assert.match(await res.text(), /<Code>AccessDenied<\/Code>/);
});
