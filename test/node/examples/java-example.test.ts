/**
 * The Java 17 example (examples/java/) compiles with `javac` alone (no libraries, every lint warning
 * an error), its webhook signature check agrees with the Node signer the dispatcher uses, and the
 * walkthrough runs end to end against the stand-in's real /api/v1 routes (every answer checked
 * against the OpenAPI document by the API tests' helper). Skipped, saying why, only when no `javac` is
 * installed (CI installs openjdk-17-jdk-headless).
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { REPLAY_WINDOW_SECONDS, signWebhook } from '../../../core/events/signature.ts';
import { TOKEN_PATH } from '../../../core/auth/discovery.ts';
import { S3_MIN_PART_SIZE } from '../../../src/upload/part-plan.ts';
import { apiTestBed } from '../api/helpers.ts';
import { paddedClip } from '../uploads/padded-clip.ts';

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
  'the walkthrough runs end to end against the stand-in’s /api/v1: token, parts, complete, clip.ready by polling and by verified webhook, publish, embed',
  { skip },
  async () => {
    const bed = await apiTestBed({ packager: true, webhooks: { settings: { retryBaseMs: 200 } }, uploadMinPartSize: S3_MIN_PART_SIZE });
    try {
      const admin = await bed.login('admin');
      const created = await bed.call<{ client: { clientId: string }; clientSecret: string }>('POST', '/v1/clients', {
        token: admin,
        body: { name: 'Sistema de Monitoreo', role: 'admin', scopes: ['clips:read', 'clips:publish', 'uploads:write'] },
      });
      assert.equal(created.status, 201);
      const clip = join(dir, 'nota.mp4');
      await writeFile(clip, await paddedClip(join(dir, 'source.mp4'), 6 * 1024 * 1024));
      const env = {
        ...process.env,
        INE_API_URL: bed.standIn.urls.api,
        INE_TOKEN_URL: `${bed.standIn.config.authUrl}${TOKEN_PATH}`,
        INE_CLIENT_ID: created.body.client.clientId,
        INE_CLIENT_SECRET: created.body.clientSecret,
      };
      const run = (extra: Record<string, string>) =>
        exec('java', ['-cp', out, 'mx.ine.examples.Walkthrough', clip, 'Nota del noticiero «estelar»'], {
          env: { ...env, ...extra },
          timeout: 180_000,
        });
      const published = async (id: string) => {
        const got = await bed.call<{ record: { status: string; published: boolean; metadata: { title: string } }; embed: { html: string } }>(
          'GET',
          `/v1/clips/${id}`,
          { token: admin },
        );
        assert.equal(got.status, 200);
        assert.equal(got.body.record.status, 'ready');
        assert.equal(got.body.record.published, true);
        assert.equal(got.body.record.metadata.title, 'Nota del noticiero «estelar»');
        return got.body.embed.html;
      };

      // Polling GET /v1/clips/{id}.
      const polled = await run({});
      assert.match(polled.stdout, /in 2 part\(s\)/);
      const first = /clip ([0-9a-f]{32}) is being packaged/.exec(polled.stdout)![1]!;
      assert.match(polled.stdout, new RegExp(`clip ${first}: ready \\(by polling\\)`));
      const firstEmbed = await published(first);
      assert.ok(polled.stdout.includes(`published; embed snippet:\n${firstEmbed}\n`), polled.stdout);
      assert.match(firstEmbed, new RegExp(`video-id="${first}"`));

      // By webhook: an admin subscribes the Java receiver, which verifies the dispatcher's signature before trusting clip.ready.
      const port = await freePort();
      const sub = await bed.call<{ id: string; secret: string }>('POST', '/v1/webhooks/subscriptions', {
        token: admin,
        body: { url: `http://127.0.0.1:${port}/`, events: ['clip.ready', 'clip.failed'], description: 'Monitoreo' },
      });
      assert.equal(sub.status, 201);
      const hooked = await run({ INE_WEBHOOK_PORT: String(port), INE_WEBHOOK_SECRET: sub.body.secret });
      const second = /clip ([0-9a-f]{32}) is being packaged/.exec(hooked.stdout)![1]!;
      assert.match(hooked.stdout, new RegExp(`clip ${second}: ready \\(by webhook\\)`));
      assert.ok(hooked.stdout.includes(`published; embed snippet:\n${await published(second)}\n`), hooked.stdout);
      const log = await bed.call<{ items: { eventType: string; outcome: string; statusCode?: number }[] }>(
        'GET',
        `/v1/webhooks/subscriptions/${sub.body.id}/deliveries`,
        { token: admin },
      );
      assert.ok(
        log.body.items.some((e) => e.eventType === 'clip.ready' && e.outcome === 'delivered' && e.statusCode === 204),
        'the Java receiver accepted the signed clip.ready',
      );
      // Both uploads are in the audit log under the system client.
      const audit = await bed.call<{ items: { action: string; clipId?: string; actor: { clientId?: string } }[] }>('GET', '/v1/audit?limit=100', {
        token: admin,
      });
      for (const id of [first, second])
        for (const action of ['upload.complete', 'clip.publish'])
          assert.ok(
            audit.body.items.some((e) => e.action === action && e.clipId === id && e.actor.clientId === created.body.client.clientId),
            `${action} ${id} audited`,
          );
    } finally {
      await bed.cleanup();
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
