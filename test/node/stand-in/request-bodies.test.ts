// XML request bodies and response overrides: a caller who may delete nothing is refused before its body is read;
// bodies and their element counts are capped as S3 caps them; DTDs and entities are refused; response-* values
// that cannot be a header value are 400, not 500.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { CreateMultipartUploadCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../../server/auth/sigv4.ts';
import { codeOf, guestCredentials, serviceClient, testStandIn, type TestStandIn } from './helpers.ts';

let si: TestStandIn;
let bucket: string;
before(async () => {
  si = await testStandIn();
  bucket = si.config.bucket;
  await serviceClient(si).send(new PutObjectCommand({ Bucket: bucket, Key: 'catalog/keep.json', Body: '{}' }));
});
after(async () => si?.cleanup());

const codeIn = (xml: string) => /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
const exists = async (key: string) => (await si.s3.store.head(bucket, key)) !== undefined;

/** POSTs an XML body signed (payload hash and Content-MD5 included) with the given keys. */
async function postXml(
  path: string,
  xml: string,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = si.staticCredentials,
) {
  const url = new URL(`${si.config.s3Endpoint}${path}`);
  const signer = new SignatureV4({ service: 's3', region: si.config.region, credentials, sha256: NodeSha256, uriEscapePath: false });
  const body = Buffer.from(xml);
  const headers = {
    host: url.host,
    'content-md5': createHash('md5').update(body).digest('base64'),
    'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
  };
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body,
  });
  const { host: _host, ...send } = signed.headers;
  const res = await fetch(url, { method: 'POST', headers: send, body: new Uint8Array(body) });
  return { status: res.status, text: await res.text() };
}

const deleteBody = (keys: string[], padding = '') => `<Delete>${padding}${keys.map((k) => `<Object><Key>${k}</Key></Object>`).join('')}</Delete>`;

test('DeleteObjects from a caller who may delete nothing is refused before its body is read', async () => {
  const guest = await guestCredentials(si);
  const huge = deleteBody(Array.from({ length: 140_000 }, (_, i) => `catalog/k${i}`));
  const r = await postXml(`/${bucket}?delete=`, huge, guest);
  assert.equal(r.status, 403, r.text.slice(0, 300));
  assert.equal(codeIn(r.text), 'AccessDenied');
  // The connection was drained and the stand-in answers the next request.
  assert.equal(await codeOf(serviceClient(si).send(new GetObjectCommand({ Bucket: bucket, Key: 'catalog/keep.json' }))), 'OK');
});

test('DeleteObjects: at most 1,000 keys and 2 MiB; DTDs and entities are MalformedXML; nothing is deleted', async () => {
  const tooMany = await postXml(`/${bucket}?delete=`, deleteBody(Array.from({ length: 1001 }, (_, i) => `catalog/k${i}`)));
  assert.equal(tooMany.status, 400);
  assert.equal(codeIn(tooMany.text), 'MalformedXML');
  const tooBig = await postXml(`/${bucket}?delete=`, deleteBody(['catalog/keep.json'], `<!--${' '.repeat(2 * 1024 * 1024)}-->`));
  assert.equal(tooBig.status, 400);
  assert.equal(codeIn(tooBig.text), 'MaxMessageLengthExceeded');
  const entity = await postXml(`/${bucket}?delete=`, `<!DOCTYPE Delete [<!ENTITY k "catalog/keep.json">]>${deleteBody(['&k;'])}`);
  assert.equal(entity.status, 400);
  assert.equal(codeIn(entity.text), 'MalformedXML');
  assert.equal(await exists('catalog/keep.json'), true);
  // Within the limits it works.
  const ok = await postXml(
    `/${bucket}?delete=`,
    `<?xml version="1.0" encoding="UTF-8"?>\n<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${deleteBody(['catalog/keep.json', 'catalog/a&amp;b.json']).slice(8)}`,
  );
  assert.equal(ok.status, 200, ok.text);
  assert.match(ok.text, /<Key>catalog\/a&amp;b\.json<\/Key>/);
  assert.equal(await exists('catalog/keep.json'), false);
});

test('CompleteMultipartUpload: NoSuchUpload before the body; more than 10,000 parts is MalformedXML', async () => {
  const parts = (n: number) =>
    `<CompleteMultipartUpload>${Array.from({ length: n }, (_, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>"0123456789abcdef0123456789abcdef"</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
  const unknown = await postXml(`/${bucket}/uploads/svc/x.bin?uploadId=nope`, '<not-even-xml');
  assert.equal(unknown.status, 404);
  assert.equal(codeIn(unknown.text), 'NoSuchUpload');
  const { UploadId } = await serviceClient(si).send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'uploads/svc/x.bin' }));
  const tooMany = await postXml(`/${bucket}/uploads/svc/x.bin?uploadId=${UploadId}`, parts(10_001));
  assert.equal(tooMany.status, 400);
  assert.equal(codeIn(tooMany.text), 'MalformedXML');
  const unknownParts = await postXml(`/${bucket}/uploads/svc/x.bin?uploadId=${UploadId}`, parts(10_000));
  assert.equal(codeIn(unknownParts.text), 'InvalidPart', 'a full-size body is read and checked part by part');
});

test('response-* overrides that are not header text are 400 InvalidArgument, not 500', async () => {
  const s3 = serviceClient(si);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'catalog/o.json', Body: '{}' }));
  for (const override of [
    { ResponseContentType: 'text/plain\r\nX-Injected: 1' },
    { ResponseContentType: 'text/plain\n' },
    { ResponseContentDisposition: 'attachment; filename="€.json"' },
    { ResponseCacheControl: 'no-cache\u0000' },
  ]) {
    assert.equal(
      await codeOf(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'catalog/o.json', ...override }))),
      'InvalidArgument',
      JSON.stringify(override),
    );
  }
  const latin1 = await s3.send(
    new GetObjectCommand({
      Bucket: bucket,
      Key: 'catalog/o.json',
      ResponseContentDisposition: 'attachment; filename="caf\u00e9.json"',
      ResponseContentType: 'application/json',
    }),
  );
  assert.equal(latin1.ContentType, 'application/json');
  assert.equal(latin1.$metadata.httpStatusCode, 200);
});
