/**
 * Shared setup for the catalog's Chromium tests: the stand-in's configuration from the test plugin
 * (`/__ine__/env.json`), login through the stand-in's auth broker, and seeding clips the way the
 * packaging step does (PUT video.json with the service keys; the stand-in's indexer follows). Admins no
 * longer write records or the catalog in S3: their changes go through the Web API.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { executeServerCommand } from '@web/test-runner-commands';
import { configure, getConfig } from '../../../src/config/config.js';
import { loginWithPassword } from '../../../src/auth/login-token.js';
import type { LoginToken } from '../../../src/config/types.js';
import { sharedCredentials } from '../../../src/auth/credentials.js';
import { sharedS3Client } from '../../../src/auth/s3-client.js';
import { videoRecordKey, type VideoRecord } from '../../../src/contract/video-record.js';
import type { IneCatalog } from '../../../src/elements/catalog/ine-catalog.js';
import { loadAxe, type AxeResult } from '../support/axe.js';

export interface Env {
  config: {
    region: string;
    identityPoolId: string;
    bucket: string;
    s3Endpoint: string;
    cognitoEndpoint: string;
    cdnBaseUrl: string;
    authUrl: string;
    apiUrl: string;
  };
  staticCredentials: { accessKeyId: string; secretAccessKey: string };
  demoPassword: string;
}

let env: Env | undefined;
let token: LoginToken | undefined;

/** Configure the page for the stand-in and sign in as `user` (switching users resets the shared credentials). */
export async function signIn(user: 'admin' | 'uploader' | 'viewer' = 'admin'): Promise<Env> {
  env ??= (await (await fetch('/__ine__/env.json')).json()) as Env;
  if (token?.role !== user) {
    token = await loginWithPassword(env.config.authUrl, user, env.demoPassword);
    sharedCredentials(getConfig()).reset();
  }
  configure({ ...env.config, loginToken: async () => token! });
  return env;
}

export async function adminS3(): Promise<S3Client> {
  await signIn('admin');
  return sharedS3Client(getConfig());
}

/** A random word unique to this test, so tests sharing one stand-in never see each other's clips. */
export const uniqueWord = (): string => 'zq' + Math.random().toString(36).slice(2, 10);

export const randomId = (): string => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

export function record(over: Partial<VideoRecord> & { metadata: VideoRecord['metadata'] }): VideoRecord {
  const now = new Date().toISOString();
  const id = over.id ?? randomId();
  return {
    schemaVersion: 1,
    id,
    status: 'ready',
    published: true,
    publishedAt: now,
    durationSeconds: 75,
    width: 640,
    height: 360,
    renditions: [],
    master: 'master.m3u8',
    poster: null,
    storyboard: null,
    source: { key: `uploads/test/${id}.mp4`, size: 1, sha256: '0'.repeat(64) },
    createdAt: now,
    updatedAt: now,
    ...over,
  };
}

let service: S3Client | undefined;

/** An S3 client with the stand-in's service keys (what the packaging step uses). */
export async function serviceS3(): Promise<S3Client> {
  const e = await signIn('admin');
  service ??= new S3Client({ region: e.config.region, endpoint: e.config.s3Endpoint, forcePathStyle: true, credentials: e.staticCredentials });
  return service;
}

/** Write clip records as the packaging step does, and wait until the stand-in's indexer has them in the catalog. */
export async function seed(records: VideoRecord[]): Promise<void> {
  const s3 = await serviceS3();
  const { bucket } = getConfig();
  for (const r of records) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: videoRecordKey(r.id), Body: JSON.stringify(r), ContentType: 'application/json' }));
  }
  await indexed();
}

/** Until the stand-in's indexer has applied every record change so far. */
export async function indexed(): Promise<void> {
  await executeServerCommand('ine-stand-in-indexed');
}

export const shadow = (el: Element) => el.shadowRoot!;

/** Until the catalog has loaded everything (or failed), through its public `loaded` promise. */
export async function ready(el: IneCatalog): Promise<void> {
  await el.loaded;
}

/** Until the query just typed or chosen has been answered (a fragment catalog fetches) and rendered. */
export async function settled(el: IneCatalog): Promise<void> {
  await el.updateComplete;
  await el.loaded;
}

export function titles(el: IneCatalog): string[] {
  return [...shadow(el).querySelectorAll('[role="option"] .title')].map((t) => t.textContent!.trim());
}

export async function typeSearch(el: IneCatalog, text: string): Promise<void> {
  const input = shadow(el).querySelector<HTMLInputElement>('input[name="search"]')!;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await settled(el);
}

export async function choose(el: IneCatalog, name: string, value: string): Promise<void> {
  const select = shadow(el).querySelector<HTMLSelectElement>(`select[name="${name}"]`)!;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await settled(el);
}

/** The public catalog as a viewer sees it now (once the indexer has caught up): titles containing `word`. */
export async function cdnTitles(word: string): Promise<string[]> {
  await indexed();
  const { cdnFragmentSource } = await import('../../../src/catalog/fragments/source.js');
  const cat = await cdnFragmentSource(getConfig().cdnBaseUrl).open();
  if (!cat) return [];
  const answer = await cat.query({ text: word });
  return (await cat.entries(answer, 0, answer.total))
    .map((e) => e.title)
    .filter((t) => t.includes(word))
    .sort();
}

/** axe-core (every rule), run on one element (its shadow root included). */
export async function axe(el: Element): Promise<AxeResult> {
  return (await loadAxe()).run(el, { resultTypes: ['violations'] });
}
