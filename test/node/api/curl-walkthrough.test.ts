/**
 * docs/api.md's "Walkthrough with curl" cannot rot: its `sh` blocks, taken from the page as they are,
 * run as one bash script with real `curl` and `jq` against a test stand-in (its packager and webhook
 * dispatcher), with the addresses passed through the variables the page defines. The system client
 * and the webhook subscription are made through the API, as the page's prerequisites say; the
 * receiver verifies each delivery's signature before appending it to `$INE_EVENTS`.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { verifyWebhookSignature } from '../../../core/events/signature.ts';
import { S3_MIN_PART_SIZE } from '../../../src/upload/part-plan.ts';
import { paddedClip } from '../uploads/padded-clip.ts';
import { apiTestBed } from './helpers.ts';

const exec = promisify(execFile);

/** The `sh` code blocks of the page's section, in order. */
async function walkthroughScript(): Promise<string> {
  const page = await readFile(new URL('../../../docs/api.md', import.meta.url), 'utf8');
  const start = page.indexOf('\n## Walkthrough with curl\n');
  assert.ok(start >= 0, 'docs/api.md has a "Walkthrough with curl" section');
  const rest = page.slice(start + 1);
  const end = rest.indexOf('\n## ', 3);
  const section = end < 0 ? rest : rest.slice(0, end);
  const blocks = [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  assert.ok(blocks.length >= 5, 'the section has its commands');
  return blocks.join('\n');
}

const missing = ['bash', 'curl', 'jq'].filter((tool) => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return false;
  } catch {
    return true;
  }
});
const skip = missing.length ? `not installed: ${missing.join(', ')} (Debian: apt-get install -y ${missing.join(' ')})` : false;

test(
  'the curl walkthrough of docs/api.md runs against the stand-in: token, parts, complete, clip.ready by webhook, publish, embed',
  { skip },
  async () => {
    const script = await walkthroughScript();
    const dir = await mkdtemp(join(tmpdir(), 'ine-curl-'));
    const bed = await apiTestBed({ packager: true, webhooks: { settings: { retryBaseMs: 200 } }, uploadMinPartSize: S3_MIN_PART_SIZE });
    const events = join(dir, 'events.jsonl');
    let secret = '';
    const refused: string[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const check = verifyWebhookSignature(req.headers['ine-signature'] as string | undefined, body, secret);
        if (!check.ok) {
          refused.push(check.message);
          return void res.writeHead(401).end();
        }
        void appendFile(events, `${body}\n`).then(() => res.writeHead(204).end());
      });
    });
    try {
      await writeFile(events, '');
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
      const admin = await bed.login('admin');
      const client = await bed.call<{ client: { clientId: string }; clientSecret: string }>('POST', '/v1/clients', {
        token: admin,
        body: { name: 'Monitoreo', role: 'admin', scopes: ['uploads:write', 'clips:read', 'clips:publish'] },
      });
      assert.equal(client.status, 201);
      const sub = await bed.call<{ secret: string }>('POST', '/v1/webhooks/subscriptions', {
        token: admin,
        body: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`, events: ['clip.ready', 'clip.failed'] },
      });
      assert.equal(sub.status, 201);
      secret = sub.body.secret;
      const clip = join(dir, 'nota.mp4');
      await writeFile(clip, await paddedClip(join(dir, 'source.mp4'), 6 * 1024 * 1024));

      const run = await exec('bash', ['-c', script], {
        cwd: dir,
        timeout: 240_000,
        env: {
          PATH: process.env.PATH,
          INE_API: bed.standIn.urls.api,
          INE_AUTH: bed.standIn.config.authUrl,
          INE_CLIENT_ID: client.body.client.clientId,
          INE_CLIENT_SECRET: client.body.clientSecret,
          CLIP: clip,
          INE_EVENTS: events,
        },
      });
      const ready = (await readFile(events, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { type: string; data: { clipId: string } })
        .find((e) => e.type === 'clip.ready');
      assert.ok(ready, 'the receiver got a verified clip.ready');
      assert.deepEqual(refused, []);
      const clipId = ready.data.clipId;
      const got = await bed.call<{ record: { status: string; published: boolean; source?: { size?: number } }; embed: { html: string } }>(
        'GET',
        `/v1/clips/${clipId}`,
        { token: admin },
      );
      assert.equal(got.body.record.status, 'ready');
      assert.equal(got.body.record.published, true);
      assert.equal(run.stdout.trim(), got.body.embed.html.trim(), 'the script prints the embed snippet');
      assert.match(run.stdout, new RegExp(`video-id="${clipId}"`));
      // Both changes are the system client's, in the clip's audit history, with the packaging result between.
      const audit = await bed.call<{ items: { action: string; clipId?: string; actor: { clientId?: string } }[] }>(
        'GET',
        `/v1/clips/${clipId}/history`,
        {
          token: admin,
        },
      );
      assert.deepEqual(
        audit.body.items.map((e) => [e.action, e.actor.clientId]),
        [
          ['upload.complete', client.body.client.clientId],
          ['packaging.result', undefined],
          ['clip.publish', client.body.client.clientId],
        ],
      );
    } finally {
      await new Promise<void>((r) => receiver.close(() => r()));
      await bed.cleanup();
      await rm(dir, { recursive: true, force: true });
    }
  },
);
