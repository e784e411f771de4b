/**
 * One configuration model for every element and for the plain JavaScript API.
 *
 * Precedence, lowest to highest (documented in README "Configuration"):
 *   1. built-in defaults (`DEFAULT_CONFIG`)
 *   2. declarative JSON blocks on the page: `<script type="application/json" data-ine-config>`,
 *      in document order (a `configUrl` key inside one is fetched and merged at that level)
 *   3. `configure()` calls, in call order
 *   4. an element's own attributes (e.g. `cdn-base-url` on `<ine-player>`), for that element only
 *
 * The store lives on `globalThis` under a registered symbol so that two copies of the
 * library on one page (the script-tag bundle and an npm build, say) still share one
 * configuration and one set of credentials.
 */
import type { IneConfig, IneConfigInput } from './types.js';

export type { IneConfig, IneConfigInput, LoginToken, LoginTokenSource, UploadLimits } from './types.js';

export const DEFAULT_CONFIG: IneConfig = Object.freeze({
  region: 'us-east-1',
  identityPoolId: '',
  bucket: 'ine-media',
  cdnBaseUrl: '',
  upload: Object.freeze({
    // 50 GB as people read it (decimal), so the limit the UI shows is a round number.
    maxFileSize: 50_000_000_000,
    concurrency: 4,
    minPartSize: 8 * 1024 * 1024,
  }),
}) as IneConfig;

type Listener = (config: IneConfig) => void;

interface ConfigStore {
  declarative: IneConfigInput[];
  programmatic: IneConfigInput[];
  scanned: boolean;
  pending: Set<Promise<unknown>>;
  listeners: Set<Listener>;
}

const STORE_KEY = Symbol.for('ine-video-elements.config');

function store(): ConfigStore {
  const g = globalThis as unknown as Record<symbol, ConfigStore | undefined>;
  let s = g[STORE_KEY];
  if (!s) {
    s = { declarative: [], programmatic: [], scanned: false, pending: new Set(), listeners: new Set() };
    g[STORE_KEY] = s;
  }
  return s;
}

/** Merge configuration layers; `upload` is merged key by key, everything else replaced. */
export function mergeConfig(base: IneConfig, ...layers: Array<IneConfigInput | undefined>): IneConfig {
  let out: IneConfig = { ...base, upload: { ...base.upload } };
  for (const layer of layers) {
    if (!layer) continue;
    const { upload, ...rest } = layer;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null && v !== ''));
    out = { ...out, ...defined, upload: { ...out.upload, ...stripUndefined(upload ?? {}) } };
  }
  return out;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function notify(): void {
  const config = getConfig();
  for (const l of store().listeners) l(config);
}

/**
 * Set page-wide configuration. Later calls override earlier ones key by key.
 * @example configure({ cdnBaseUrl: 'https://dxxxx.cloudfront.net', region: 'us-east-1' })
 */
export function configure(input: IneConfigInput): IneConfig {
  store().programmatic.push({ ...input });
  notify();
  return getConfig();
}

/** Forget every configuration layer (tests, hot reload). */
export function resetConfig(): void {
  const s = store();
  s.declarative = [];
  s.programmatic = [];
  s.scanned = false;
  s.pending.clear();
  notify();
}

/** Fetch a JSON configuration document (e.g. the stand-in's `/_local/config.json`) and apply it. */
export async function loadConfig(url: string, level: 'declarative' | 'programmatic' = 'programmatic'): Promise<IneConfig> {
  const res = await fetch(url, { credentials: 'omit' });
  if (!res.ok) throw new Error(`Configuration ${url} answered ${res.status}`);
  const json = (await res.json()) as IneConfigInput;
  const s = store();
  if (level === 'declarative') s.declarative.push(json);
  else s.programmatic.push(json);
  notify();
  return getConfig();
}

/** Read `<script type="application/json" data-ine-config>` blocks once, when a document exists. */
function scanDeclarative(): void {
  const s = store();
  if (s.scanned || typeof document === 'undefined' || typeof document.querySelectorAll !== 'function') return;
  s.scanned = true;
  for (const el of Array.from(document.querySelectorAll('script[type="application/json"][data-ine-config]'))) {
    try {
      const json = JSON.parse(el.textContent || '{}') as IneConfigInput & { configUrl?: string };
      s.declarative.push(json);
      if (json.configUrl) {
        const p = loadConfig(new URL(json.configUrl, document.baseURI).href, 'declarative')
          .catch((e) => console.error('[ine] could not load configUrl', e))
          .finally(() => s.pending.delete(p));
        s.pending.add(p);
      }
    } catch (e) {
      console.error('[ine] invalid JSON in <script data-ine-config>', e);
    }
  }
}

/** The page-wide configuration (defaults < declarative < configure()). */
export function getConfig(): IneConfig {
  scanDeclarative();
  const s = store();
  return mergeConfig(DEFAULT_CONFIG, ...s.declarative, ...s.programmatic);
}

/** Resolves once every `configUrl` the page declared has been fetched. */
export async function configReady(): Promise<IneConfig> {
  scanDeclarative();
  while (store().pending.size) await Promise.all([...store().pending]);
  return getConfig();
}

/** Called with the new configuration whenever a layer changes. Returns an unsubscribe function. */
export function onConfigChange(listener: Listener): () => void {
  store().listeners.add(listener);
  return () => store().listeners.delete(listener);
}
