/**
 * The Java 17 example (examples/java/) compiles with `javac` alone (no libraries, every lint warning
 * an error), its webhook signature check agrees with the Node signer the dispatcher uses, and the
 * walkthrough runs end to end against the stand-in, through a test-only shim of the /api/v1 routes
 * (api-shim.ts) until the real router serves them. Skipped, saying why, only when no `javac` is
 * installed (CI installs openjdk-17-jdk-headless).
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { REPLAY_WINDOW_SECONDS, signWebhook } from '../../../core/events/signature.ts';
import { createSubscription, listDeliveries, listSubscriptions } from '../../../core/events/index.ts';
import { readRecord } from '../../../packaging/clip-store.ts';
import { S3_MIN_PART_SIZE } from '../../../src/upload/part-plan.ts';
import { serviceClient, testStandIn } from '../stand-in/helpers.ts';
import { paddedClip } from '../uploads/padded-clip.ts';
import { startApiShim } from './api-shim.ts';

const exec = promisify(execFile);

function hasJavac(): boolean {
  try {
    execFileSync('javac', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const skip = hasJavac() ? false : 'javac not found: install a JDK 17 (Debian: openjdk-17-jdk-headless) to compile examples/java';

let dir: string;
let out: string;

async function javaFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.java')).map((e) => join(e.parentPath, e.name));
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ine-java-'));
  out = join(dir, 'classes');
});
after(() => rm(dir, { recursive: true, force: true }));

test('examples/java compiles with javac --release 17, no dependencies, no warnings', { skip }, async () => {
  const files = await javaFiles('examples/java/src');
  assert.ok(files.some((f) => f.endsWith('Walkthrough.java')) && files.some((f) => f.endsWith('WebhookSignature.java')));
  await exec('javac', ['--release', '17', '-Xlint:all', '-Werror', '-d', out, ...files]);
});

test('the Java signature check accepts what the Node signer signs and refuses tampering and replays', { skip }, async () => {
  const secret = 'whsec_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';
  const body = JSON.stringify({
    id: `evt_${'1'.repeat(32)}`,
    type: 'clip.ready',
    createdAt: new Date().toISOString(),
    data: { clipId: 'c'.repeat(32) },
    nota: 'ñandú «México»',
  });
  const bodyFile = join(dir, 'body.json');
  await writeFile(bodyFile, body);
  const tampered = join(dir, 'tampered.json');
  await writeFile(tampered, body.replace('clip.ready', 'clip.deleted'));
  const t = Math.floor(Date.now() / 1000);
  const now = t * 1000;
  const java = async (header: string, file: string, key: string, at: number) => {
    try {
      const r = await exec('java', ['-cp', out, 'mx.ine.examples.WebhookSignature', header, file, key, String(at)]);
      return r.stdout.trim();
    } catch (e) {
      return ((e as { stdout?: string }).stdout ?? '').trim() || String(e);
    }
  };
  const header = signWebhook(body, [secret], t);
  assert.equal(await java(header, bodyFile, secret, now), 'ok');
  assert.equal(await java(header, tampered, secret, now), 'mismatch');
  assert.equal(await java(header, bodyFile, 'whsec_other', now), 'mismatch');
  assert.equal(await java(header, bodyFile, secret, now + (REPLAY_WINDOW_SECONDS + 1) * 1000), 'too-old');
  assert.equal(await java(header, bodyFile, secret, now - (REPLAY_WINDOW_SECONDS + 1) * 1000), 'too-new');
  assert.equal(await java('v1=abc', bodyFile, secret, now), 'malformed');
  // After a rotation, both secrets sign: either verifies.
  const rotated = signWebhook(body, ['whsec_new', secret], t);
  assert.equal(await java(rotated, bodyFile, secret, now), 'ok');
  assert.equal(await java(rotated, bodyFile, 'whsec_new', now), 'ok');
});

test(
  'the walkthrough runs end to end against the stand-in: token, parts, complete, clip.ready by polling and by verified webhook, publish, embed',
  { skip },
  async () => {
    const standIn = await testStandIn({ packager: true, webhooks: { settings: { retryBaseMs: 200 } } });
    const s3 = serviceClient(standIn);
    const principal = { identityId: `us-east-1:${randomUUID()}`, subject: 'client:monitoreo' };
    const shim = await startApiShim({
      s3,
      bucket: standIn.config.bucket,
      principal,
      clientId: 'monitoreo',
      clientSecret: 's3cr3t',
      minPartSize: S3_MIN_PART_SIZE,
    });
    try {
      const clip = join(dir, 'nota.mp4');
      await writeFile(clip, await paddedClip(join(dir, 'source.mp4'), 6 * 1024 * 1024));
      const env = {
        ...process.env,
        INE_API_URL: `${shim.url}/api/v1`,
        INE_TOKEN_URL: `${shim.url}/oauth2/token`,
        INE_CLIENT_ID: 'monitoreo',
        INE_CLIENT_SECRET: 's3cr3t',
      };
      const run = (extra: Record<string, string>) =>
        exec('java', ['-cp', out, 'mx.ine.examples.Walkthrough', clip, 'Nota del noticiero «estelar»'], {
          env: { ...env, ...extra },
          timeout: 180_000,
        });

      // Polling GET /v1/clips/{id}.
      const polled = await run({});
      assert.match(polled.stdout, /in 2 part\(s\)/);
      const first = /clip ([0-9a-f]{32}) is being packaged/.exec(polled.stdout)![1];
      assert.match(polled.stdout, new RegExp(`published; embed snippet:\\n<ine-player video-id="${first}"></ine-player>`));
      assert.equal((await readRecord(s3, standIn.config.bucket, first))?.status, 'ready');
      assert.equal((await readRecord(s3, standIn.config.bucket, first))?.metadata.title, 'Nota del noticiero «estelar»');

      // By webhook: the Java receiver verifies the dispatcher's signature before trusting clip.ready.
      const port = await freePort();
      const { secret } = await createSubscription(standIn.webhooks!.subscriptionContext, 'admin', {
        url: `http://127.0.0.1:${port}/`,
        events: ['clip.ready', 'clip.failed'],
      });
      const hooked = await run({ INE_WEBHOOK_PORT: String(port), INE_WEBHOOK_SECRET: secret });
      const second = /clip ([0-9a-f]{32}) is being packaged/.exec(hooked.stdout)![1];
      assert.match(hooked.stdout, /published; embed snippet:/);
      assert.deepEqual(shim.published, [first, second]);
      // It waited by webhook, not by polling: its only read of the clip comes after publishing.
      const routes = shim.calls.map((c) => c.route);
      assert.ok(routes.indexOf(`GET /api/v1/clips/${second}`) > routes.indexOf(`POST /api/v1/clips/${second}/publish`));
      const log = await listDeliveries(
        standIn.webhooks!.subscriptionContext,
        (await listSubscriptions(standIn.webhooks!.subscriptionContext)).items[0].id,
      );
      assert.ok(
        log.items.some((e) => e.outcome === 'delivered' && e.statusCode === 204),
        'the Java receiver accepted the signed clip.ready',
      );
      // Every POST to the API carried an Idempotency-Key and the bearer token.
      for (const c of shim.calls.filter((c) => c.route.startsWith('POST /api/'))) {
        assert.match(c.idempotencyKey ?? '', /^[0-9a-f-]{36}$/, c.route);
        assert.equal(c.authorization, 'Bearer test-access-token');
      }
    } finally {
      await shim.close();
      s3.destroy();
      await standIn.cleanup();
    }
  },
);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
