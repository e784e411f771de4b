/**
 * `npm run verify:clip -- <folder | clip id> [--jwks <file or URL>] [--cdn <base URL>]`: checks a
 * clip against its signed provenance manifest (docs/integrity-provenance.md) and names every file
 * that fails.
 *  - A folder: the clip's downloaded files (`provenance.json`, `master.m3u8`, the renditions),
 *    checked offline. The keys: `--jwks <file>`, else `keys/provenance-jwks.json` two folders up
 *    (a copy of the bucket's layout), else `provenance-jwks.json` in the folder.
 *  - A clip id: its files are fetched from the CDN (`--cdn`, default the stand-in's), keys included.
 * Exit 0 when everything holds, 1 when something fails, 2 on bad usage.
 */
import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { JSONWebKeySet } from 'jose';
import { verifyClip, type ClipFiles } from '../core/provenance/verify-clip.ts';
import { PROVENANCE_FILE, PROVENANCE_JWKS_PATH } from '../src/contract/provenance.ts';
import { DEFAULT_CDN_PORT } from '../server/config.ts';
import { readJwksText } from './lib/jwks-source.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const jwksOption = option('--jwks');
const cdn = (option('--cdn') ?? process.env.INE_CDN_BASE_URL ?? `http://127.0.0.1:${process.env.INE_CDN_PORT || DEFAULT_CDN_PORT}`).replace(
  /\/+$/,
  '',
);
const [target] = args;
if (!target || args.length > 1) {
  console.error('usage: npm run verify:clip -- <clip folder | clip id> [--jwks <file or URL>] [--cdn <base URL>]');
  process.exit(2);
}

const readIfThere = async (path: string) => (existsSync(path) ? new Uint8Array(await readFile(path)) : undefined);
async function fetchBytes(url: string): Promise<Uint8Array | undefined> {
  const res = await fetch(url);
  if (res.status === 404 || res.status === 403) return undefined;
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}
const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(relative(dir, join(e.parentPath, e.name)).split('\\').join('/'));
  }
  return out;
}

let files: ClipFiles;
let jwksText: string | undefined;
let where: string;
if (existsSync(target) && statSync(target).isDirectory()) {
  const dir = resolve(target);
  where = dir;
  files = { read: (p) => readIfThere(join(dir, p)), list: () => listFiles(dir) };
  const jwksPath =
    jwksOption ?? [join(dir, '..', '..', PROVENANCE_JWKS_PATH), join(dir, 'provenance-jwks.json')].find((p) => existsSync(p)) ?? undefined;
  jwksText = jwksPath ? await readJwksText(jwksPath) : undefined;
} else {
  const folder = `${cdn}/media/${encodeURIComponent(target)}/`;
  where = folder;
  files = { read: (p) => fetchBytes(folder + p.split('/').map(encodeURIComponent).join('/')) };
  const jwksUrl = jwksOption ?? `${cdn}/${PROVENANCE_JWKS_PATH}`;
  jwksText = await readJwksText(jwksUrl);
}

let jwks: JSONWebKeySet | undefined;
try {
  jwks = jwksText ? (JSON.parse(jwksText) as JSONWebKeySet) : undefined;
} catch {
  console.error('the JWKS is not JSON');
  process.exit(1);
}
if (!jwks) console.error('no JWKS found (--jwks <file>): the signature cannot be checked');
const verdict = await verifyClip(text(await files.read(PROVENANCE_FILE)), jwks, files);
if (verdict.ok) {
  const p = verdict.payload!;
  console.log(
    `${where}: VERIFIED — clip ${p.videoId}, signed by ${verdict.kid}; ${verdict.verified} file(s) match.\n` +
      `  source SHA-256 ${p.source.sha256} (${p.source.size} bytes), uploaded ${p.source.uploadedAt}, packaged ${p.packagedAt} (${p.packager})`,
  );
} else {
  console.error(`${where}: FAILED (${verdict.failures.length} problem(s))`);
  for (const f of verdict.failures) console.error(`  ${f.code}: ${f.target}${f.path ? ` ${f.path}` : ''}: ${f.message}`);
  process.exit(1);
}
