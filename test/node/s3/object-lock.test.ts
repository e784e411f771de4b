// S3 Object Lock in the stand-in, through the real AWS SDK and the real AWS CLI (/usr/bin/aws):
// versioning, default and per-object retention, legal hold, and the refusals S3 gives when a locked
// version is deleted or its retention shortened. The stand-in's own audit bucket is set up this way.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetObjectLegalHoldCommand,
  GetObjectLockConfigurationCommand,
  GetObjectRetentionCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectLegalHoldCommand,
  PutObjectLockConfigurationCommand,
  PutObjectRetentionCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { serviceClient, testStandIn, type TestStandIn } from '../stand-in/helpers.ts';
import { auditBucketFor } from '../../../server/audit.ts';

const AWS = '/usr/bin/aws';
const run = promisify(execFile);
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000);

/** The error an SDK call fails with: its name (S3's code) and HTTP status. */
async function refusal(p: Promise<unknown>): Promise<{ code: string; status: number | undefined }> {
  try {
    await p;
  } catch (e) {
    return { code: (e as Error).name, status: (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode };
  }
  assert.fail('expected a refusal');
}

describe('stand-in S3: versioning and Object Lock', () => {
  let si: TestStandIn;
  let s3: S3Client;
  let home: string;
  before(async () => {
    si = await testStandIn({ webhooks: false, indexer: false });
    s3 = serviceClient(si);
    home = mkdtempSync(join(tmpdir(), 'ine-aws-home-'));
  });
  after(async () => {
    s3?.destroy();
    await si?.cleanup();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('sets up the audit bucket as on AWS: versioned, COMPLIANCE default retention of about seven years', async () => {
    const bucket = auditBucketFor(si.config.bucket);
    assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status, 'Enabled');
    const lock = await s3.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }));
    assert.equal(lock.ObjectLockConfiguration?.ObjectLockEnabled, 'Enabled');
    assert.equal(lock.ObjectLockConfiguration?.Rule?.DefaultRetention?.Mode, 'COMPLIANCE');
    assert.ok((lock.ObjectLockConfiguration?.Rule?.DefaultRetention?.Days ?? 0) >= 2555);
  });

  it('refuses lock operations on a bucket without Object Lock, as S3 does', async () => {
    const bucket = si.config.bucket;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'plain.txt', Body: 'x' }));
    assert.deepEqual(await refusal(s3.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }))), {
      code: 'ObjectLockConfigurationNotFoundError',
      status: 404,
    });
    assert.deepEqual(
      await refusal(
        s3.send(new PutObjectRetentionCommand({ Bucket: bucket, Key: 'plain.txt', Retention: { Mode: 'GOVERNANCE', RetainUntilDate: inDays(1) } })),
      ),
      { code: 'InvalidRequest', status: 400 },
    );
    assert.deepEqual(
      await refusal(
        s3.send(
          new PutObjectCommand({ Bucket: bucket, Key: 'plain2.txt', Body: 'x', ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: inDays(1) }),
        ),
      ),
      { code: 'InvalidRequest', status: 400 },
    );
    assert.deepEqual(
      await refusal(s3.send(new PutObjectLockConfigurationCommand({ Bucket: bucket, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } }))),
      { code: 'InvalidBucketState', status: 409 },
    );
  });

  it('keeps every version, and a delete without a version adds a delete marker', async () => {
    const Bucket = 'lock-versions';
    await s3.send(new CreateBucketCommand({ Bucket, ObjectLockEnabledForBucket: true }));
    const v1 = (await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'one' }))).VersionId!;
    const v2 = (await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'two' }))).VersionId!;
    assert.notEqual(v1, v2);
    assert.equal(await (await s3.send(new GetObjectCommand({ Bucket, Key: 'k' }))).Body!.transformToString(), 'two');
    assert.equal(await (await s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: v1 }))).Body!.transformToString(), 'one');
    const del = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    assert.equal(del.DeleteMarker, true);
    assert.equal((await refusal(s3.send(new GetObjectCommand({ Bucket, Key: 'k' })))).code, 'NoSuchKey');
    assert.equal((await refusal(s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: '0'.repeat(32) })))).code, 'NoSuchVersion');
    const listed = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'k' }));
    assert.deepEqual(
      listed.Versions?.map((v) => [v.VersionId, v.IsLatest]),
      [
        [v2, false],
        [v1, false],
      ],
    );
    assert.deepEqual(
      listed.DeleteMarkers?.map((m) => [m.VersionId, m.IsLatest]),
      [[del.VersionId, true]],
    );
    // Removing the marker brings the newest version back (nothing was locked here).
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: del.VersionId }));
    assert.equal(await (await s3.send(new GetObjectCommand({ Bucket, Key: 'k' }))).Body!.transformToString(), 'two');
    assert.equal(
      (await refusal(s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } })))).code,
      'InvalidBucketState',
    );
  });

  it('refuses to delete a COMPLIANCE-locked version or shorten its retention, even with the governance bypass', async () => {
    const Bucket = 'lock-compliance';
    await s3.send(new CreateBucketCommand({ Bucket, ObjectLockEnabledForBucket: true }));
    const until = inDays(2);
    const put = await s3.send(
      new PutObjectCommand({ Bucket, Key: 'e', Body: 'entry', ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: until }),
    );
    const VersionId = put.VersionId!;
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'e' }));
    assert.equal(head.ObjectLockMode, 'COMPLIANCE');
    assert.equal(head.ObjectLockRetainUntilDate?.toISOString(), until.toISOString());
    assert.deepEqual(await refusal(s3.send(new DeleteObjectCommand({ Bucket, Key: 'e', VersionId }))), { code: 'AccessDenied', status: 403 });
    assert.deepEqual(await refusal(s3.send(new DeleteObjectCommand({ Bucket, Key: 'e', VersionId, BypassGovernanceRetention: true }))), {
      code: 'AccessDenied',
      status: 403,
    });
    const shorten = (Mode: 'COMPLIANCE' | 'GOVERNANCE', RetainUntilDate: Date) =>
      s3.send(new PutObjectRetentionCommand({ Bucket, Key: 'e', VersionId, Retention: { Mode, RetainUntilDate }, BypassGovernanceRetention: true }));
    assert.equal((await refusal(shorten('COMPLIANCE', inDays(1)))).code, 'AccessDenied');
    assert.equal((await refusal(shorten('GOVERNANCE', inDays(3)))).code, 'AccessDenied');
    await shorten('COMPLIANCE', inDays(5)); // extending is allowed
    const retention = await s3.send(new GetObjectRetentionCommand({ Bucket, Key: 'e', VersionId }));
    assert.equal(retention.Retention?.Mode, 'COMPLIANCE');
    assert.ok(retention.Retention!.RetainUntilDate!.getTime() > inDays(4).getTime());
    // The version is still there to read, after a delete marker hides it.
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'e' }));
    assert.equal(await (await s3.send(new GetObjectCommand({ Bucket, Key: 'e', VersionId }))).Body!.transformToString(), 'entry');
  });

  it('lets GOVERNANCE be bypassed only with the header, and a legal hold block even that', async () => {
    const Bucket = 'lock-governance';
    await s3.send(new CreateBucketCommand({ Bucket, ObjectLockEnabledForBucket: true }));
    await s3.send(
      new PutObjectLockConfigurationCommand({
        Bucket,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 1 } } },
      }),
    );
    const VersionId = (await s3.send(new PutObjectCommand({ Bucket, Key: 'g', Body: 'g' }))).VersionId!;
    assert.equal((await s3.send(new GetObjectRetentionCommand({ Bucket, Key: 'g', VersionId }))).Retention?.Mode, 'GOVERNANCE');
    assert.equal((await refusal(s3.send(new DeleteObjectCommand({ Bucket, Key: 'g', VersionId })))).code, 'AccessDenied');
    await s3.send(new PutObjectLegalHoldCommand({ Bucket, Key: 'g', VersionId, LegalHold: { Status: 'ON' } }));
    assert.equal((await s3.send(new GetObjectLegalHoldCommand({ Bucket, Key: 'g', VersionId }))).LegalHold?.Status, 'ON');
    assert.equal(
      (await refusal(s3.send(new DeleteObjectCommand({ Bucket, Key: 'g', VersionId, BypassGovernanceRetention: true })))).code,
      'AccessDenied',
    );
    await s3.send(new PutObjectLegalHoldCommand({ Bucket, Key: 'g', VersionId, LegalHold: { Status: 'OFF' } }));
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'g', VersionId, BypassGovernanceRetention: true }));
    assert.equal((await refusal(s3.send(new GetObjectCommand({ Bucket, Key: 'g', VersionId })))).code, 'NoSuchVersion');
  });

  async function aws(...args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(AWS, ['--endpoint-url', si.config.s3Endpoint, '--no-cli-pager', '--output', 'json', ...args], {
        env: {
          PATH: '/usr/bin:/bin',
          HOME: home,
          AWS_ACCESS_KEY_ID: si.staticCredentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: si.staticCredentials.secretAccessKey,
          AWS_REGION: si.config.region,
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_CONFIG_FILE: join(home, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
        },
        timeout: 120_000,
      });
      return { ok: true, stdout, stderr };
    } catch (e) {
      const x = e as { stdout?: string; stderr?: string };
      return { ok: false, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
    }
  }

  it('DeleteObjects in a versioned bucket: delete markers without a version id, locked versions refused per key', async () => {
    const Bucket = 'lock-batch';
    await s3.send(new CreateBucketCommand({ Bucket, ObjectLockEnabledForBucket: true }));
    await s3.send(
      new PutObjectLockConfigurationCommand({
        Bucket,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1 } } },
      }),
    );
    const locked = (await s3.send(new PutObjectCommand({ Bucket, Key: 'a', Body: 'locked by default' }))).VersionId!;
    const held = (await s3.send(new PutObjectCommand({ Bucket, Key: 'b', Body: 'b' }))).VersionId!;
    await s3.send(new PutObjectLegalHoldCommand({ Bucket, Key: 'b', VersionId: held, LegalHold: { Status: 'ON' } }));
    // Without version ids: a delete marker per key, every version kept.
    const marked = await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'a' }, { Key: 'b' }] } }));
    assert.deepEqual(
      marked.Deleted?.map((d) => [d.Key, d.DeleteMarker, !!d.DeleteMarkerVersionId]),
      [
        ['a', true, true],
        ['b', true, true],
      ],
    );
    assert.equal((await refusal(s3.send(new GetObjectCommand({ Bucket, Key: 'a' })))).code, 'NoSuchKey');
    assert.equal(await (await s3.send(new GetObjectCommand({ Bucket, Key: 'a', VersionId: locked }))).Body!.transformToString(), 'locked by default');
    // With version ids: the locked and the held versions are refused (AccessDenied in Errors), a marker is removed.
    const markerA = marked.Deleted![0]!.DeleteMarkerVersionId!;
    const byVersion = await s3.send(
      new DeleteObjectsCommand({
        Bucket,
        BypassGovernanceRetention: true,
        Delete: {
          Objects: [
            { Key: 'a', VersionId: locked },
            { Key: 'b', VersionId: held },
            { Key: 'a', VersionId: markerA },
          ],
        },
      }),
    );
    assert.deepEqual(
      byVersion.Errors?.map((e) => [e.Key, e.VersionId, e.Code]),
      [
        ['a', locked, 'AccessDenied'],
        ['b', held, 'AccessDenied'],
      ],
    );
    assert.deepEqual(
      byVersion.Deleted?.map((d) => [d.Key, d.VersionId, d.DeleteMarker]),
      [['a', markerA, true]],
    );
    // Removing the marker made the locked version current again.
    assert.equal(await (await s3.send(new GetObjectCommand({ Bucket, Key: 'a' }))).Body!.transformToString(), 'locked by default');
    if (existsSync(AWS)) {
      const cli = await aws(
        's3api',
        'delete-objects',
        '--bucket',
        Bucket,
        '--delete',
        JSON.stringify({ Objects: [{ Key: 'a', VersionId: locked }] }),
      );
      assert.match(cli.stdout, /AccessDenied/);
      const listed = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'a' }));
      assert.ok(
        listed.Versions?.some((v) => v.VersionId === locked),
        'the locked version is still there',
      );
    }
  });

  it('CopyObject into a versioned bucket makes a new version under the default retention; the old one stays', async () => {
    const Bucket = 'lock-copy';
    await s3.send(new CreateBucketCommand({ Bucket, ObjectLockEnabledForBucket: true }));
    await s3.send(
      new PutObjectLockConfigurationCommand({
        Bucket,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2 } } },
      }),
    );
    const first = (await s3.send(new PutObjectCommand({ Bucket, Key: 'dst', Body: 'first' }))).VersionId!;
    const src = (await s3.send(new PutObjectCommand({ Bucket, Key: 'src', Body: 'copied' }))).VersionId!;
    const copied = await s3.send(new CopyObjectCommand({ Bucket, Key: 'dst', CopySource: `${Bucket}/src` }));
    assert.ok(copied.VersionId && copied.VersionId !== first);
    assert.equal(copied.CopySourceVersionId, src);
    assert.equal(await (await s3.send(new GetObjectCommand({ Bucket, Key: 'dst' }))).Body!.transformToString(), 'copied');
    assert.equal(await (await s3.send(new GetObjectCommand({ Bucket, Key: 'dst', VersionId: first }))).Body!.transformToString(), 'first');
    const retention = await s3.send(new GetObjectRetentionCommand({ Bucket, Key: 'dst', VersionId: copied.VersionId }));
    assert.equal(retention.Retention?.Mode, 'COMPLIANCE');
    assert.ok(Date.parse(String(retention.Retention?.RetainUntilDate)) > Date.now() + 86_400_000);
    assert.equal((await refusal(s3.send(new DeleteObjectCommand({ Bucket, Key: 'dst', VersionId: copied.VersionId })))).code, 'AccessDenied');
    // What the stand-in does not emulate is refused, never done differently.
    assert.equal((await refusal(s3.send(new CopyObjectCommand({ Bucket, Key: 'dst', CopySource: `${Bucket}/src?versionId=${src}` })))).status, 501);
  });

  it('answers the AWS CLI as S3 does', { skip: !existsSync(AWS) && 'no /usr/bin/aws' }, async () => {
    const bucket = 'lock-cli';
    assert.ok((await aws('s3api', 'create-bucket', '--bucket', bucket, '--object-lock-enabled-for-bucket')).ok);
    const body = join(home, 'body.txt');
    await import('node:fs/promises').then((fs) => fs.writeFile(body, 'cli entry'));
    const put = await aws(
      's3api',
      'put-object',
      '--bucket',
      bucket,
      '--key',
      'e',
      '--body',
      body,
      '--object-lock-mode',
      'COMPLIANCE',
      '--object-lock-retain-until-date',
      inDays(1).toISOString(),
      '--checksum-algorithm',
      'SHA256',
    );
    assert.ok(put.ok, put.stderr);
    const versionId = (JSON.parse(put.stdout) as { VersionId: string }).VersionId;
    const retention = await aws('s3api', 'get-object-retention', '--bucket', bucket, '--key', 'e', '--version-id', versionId);
    assert.equal((JSON.parse(retention.stdout) as { Retention: { Mode: string } }).Retention.Mode, 'COMPLIANCE');
    const del = await aws('s3api', 'delete-object', '--bucket', bucket, '--key', 'e', '--version-id', versionId, '--bypass-governance-retention');
    assert.equal(del.ok, false);
    assert.match(del.stderr, /AccessDenied/);
    const shorten = await aws(
      's3api',
      'put-object-retention',
      '--bucket',
      bucket,
      '--key',
      'e',
      '--version-id',
      versionId,
      '--retention',
      `Mode=COMPLIANCE,RetainUntilDate=${new Date(Date.now() + 3_600_000).toISOString()}`,
    );
    assert.equal(shorten.ok, false);
    assert.match(shorten.stderr, /AccessDenied/);
    const marker = await aws('s3api', 'delete-object', '--bucket', bucket, '--key', 'e');
    assert.equal((JSON.parse(marker.stdout) as { DeleteMarker: boolean }).DeleteMarker, true);
    const versions = JSON.parse((await aws('s3api', 'list-object-versions', '--bucket', bucket)).stdout) as {
      Versions: Array<{ VersionId: string }>;
      DeleteMarkers: Array<{ IsLatest: boolean }>;
    };
    assert.deepEqual(
      versions.Versions.map((v) => v.VersionId),
      [versionId],
    );
    assert.equal(versions.DeleteMarkers[0]?.IsLatest, true);
    const lock = await aws('s3api', 'get-object-lock-configuration', '--bucket', bucket);
    assert.match(lock.stdout, /"ObjectLockEnabled": "Enabled"/);
  });
});
