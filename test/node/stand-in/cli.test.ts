// The AWS CLI v2 (Debian's awscli, /usr/bin/aws) as a client: multipart `s3 cp` of 20 MiB,
// `s3api list-objects-v2`, `cognito-identity get-id`, with the static keys.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { testStandIn, type TestStandIn } from './helpers.ts';

const AWS = '/usr/bin/aws';
const run = promisify(execFile);
let si: TestStandIn;
let home: string;

before(async () => {
  si = await testStandIn();
  home = mkdtempSync(join(tmpdir(), 'ine-aws-home-'));
});
after(async () => {
  await si?.cleanup();
  if (home) rmSync(home, { recursive: true, force: true });
});

async function aws(...args: string[]): Promise<string> {
  const { stdout } = await run(AWS, ['--endpoint-url', si.config.s3Endpoint, '--no-cli-pager', ...args], {
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
    maxBuffer: 16 * 1024 * 1024,
    timeout: 240_000,
  });
  return stdout;
}

test('aws s3 cp uploads 20 MiB with multipart and downloads it intact', { skip: !existsSync(AWS) && 'no /usr/bin/aws' }, async () => {
  const file = join(home, 'clip.bin');
  const bytes = randomBytes(20 * 1024 * 1024 + 4321);
  writeFileSync(file, bytes);
  await aws('s3', 'cp', file, `s3://${si.config.bucket}/uploads/cli/clip.bin`);
  const meta = await si.s3.store.head(si.config.bucket, 'uploads/cli/clip.bin');
  assert.equal(meta?.size, bytes.length);
  assert.match(meta!.etag, /-\d+"$/, 'multipart ETag');
  const back = join(home, 'back.bin');
  await aws('s3', 'cp', `s3://${si.config.bucket}/uploads/cli/clip.bin`, back);
  assert.equal(createHash('sha256').update(readFileSync(back)).digest('hex'), createHash('sha256').update(bytes).digest('hex'));
});

test('aws s3api list-objects-v2 lists with prefix and delimiter', { skip: !existsSync(AWS) && 'no /usr/bin/aws' }, async () => {
  await aws('s3api', 'put-object', '--bucket', si.config.bucket, '--key', 'catalog/a b+c.json', '--body', '/etc/hostname');
  const out = JSON.parse(await aws('s3api', 'list-objects-v2', '--bucket', si.config.bucket, '--prefix', 'catalog/', '--delimiter', '/')) as {
    Contents?: Array<{ Key: string }>;
  };
  assert.deepEqual(
    out.Contents?.map((c) => c.Key),
    ['catalog/a b+c.json'],
  );
});

test('aws cognito-identity get-id gives an unauthenticated identity of the pool', { skip: !existsSync(AWS) && 'no /usr/bin/aws' }, async () => {
  const out = JSON.parse(await aws('cognito-identity', 'get-id', '--identity-pool-id', si.config.identityPoolId)) as { IdentityId: string };
  assert.match(out.IdentityId, /^us-east-1:[0-9a-f-]{36}$/);
  await assert.rejects(
    aws('cognito-identity', 'get-id', '--identity-pool-id', 'us-east-1:00000000-0000-0000-0000-000000000000'),
    /ResourceNotFoundException/,
  );
});

test('wrong static secret: the CLI gets SignatureDoesNotMatch', { skip: !existsSync(AWS) && 'no /usr/bin/aws' }, async () => {
  const { stderr } = await run(AWS, ['--endpoint-url', si.config.s3Endpoint, 's3api', 'list-objects-v2', '--bucket', si.config.bucket], {
    env: {
      PATH: '/usr/bin:/bin',
      HOME: home,
      AWS_ACCESS_KEY_ID: si.staticCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: 'wrong',
      AWS_REGION: si.config.region,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_MAX_ATTEMPTS: '1',
    },
  }).catch((e: { stderr: string }) => ({ stderr: e.stderr }));
  assert.match(stderr, /SignatureDoesNotMatch/);
});
