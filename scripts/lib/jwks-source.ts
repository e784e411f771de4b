/**
 * A JWKS named on a command line (`--jwks`): a file, or an http(s) URL such as the CDN's published
 * `keys/…-jwks.json`. Its text, or undefined when it is not there (no such file, 404/403); any other
 * HTTP answer is an error. Shared by `verify:clip` and `audit:verify`.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export const isUrl = (s: string): boolean => /^https?:\/\//.test(s);

export async function readJwksText(source: string): Promise<string | undefined> {
  if (!isUrl(source)) return existsSync(source) ? readFile(source, 'utf8') : undefined;
  const res = await fetch(source, { signal: AbortSignal.timeout(10_000) });
  if (res.status === 404 || res.status === 403) return undefined;
  if (!res.ok) throw new Error(`${source}: HTTP ${res.status}`);
  return res.text();
}
