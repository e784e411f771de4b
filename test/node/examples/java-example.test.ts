/**
 * The Java 17 example (examples/java/) compiles with `javac` alone (no libraries, every lint warning
 * an error), and its webhook signature check agrees with the Node signer the dispatcher uses. The
 * walkthrough itself runs end to end only once the /api/v1 routes are served by the stand-in.
 * Skipped, saying why, only when no `javac` is installed (CI installs openjdk-17-jdk-headless).
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { REPLAY_WINDOW_SECONDS, signWebhook } from '../../../core/events/signature.ts';

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
