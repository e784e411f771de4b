/**
 * Where a fragment catalog is read from: the CDN (viewers: plain fetch, no AWS calls; the root
 * revalidated, every other object immutable and cached) or S3 with credentials (admins, the private
 * `index/`).
 */
import { rootKey, type CollectionName } from './format.js';
import { FragmentCatalog, type FragmentFetcher } from './reader.js';
import type { JsonReader } from '../reader.js';
import { IneError } from '../../internal/errors.js';
import { codeForStatus } from '../../internal/error-codes.js';

export interface FragmentSource {
  readonly kind: 'fragments';
  readonly collection: CollectionName;
  /** The collection's latest root; undefined when it does not exist yet (an empty catalog). */
  open(): Promise<FragmentCatalog | undefined>;
}

export const isFragmentSource = (s: unknown): s is FragmentSource => (s as FragmentSource | undefined)?.kind === 'fragments';

export function fragmentSource(fetcher: FragmentFetcher, collection: CollectionName): FragmentSource {
  return { kind: 'fragments', collection, open: () => FragmentCatalog.open(fetcher, collection) };
}

/** The public catalog through the CDN. */
export function cdnFragmentSource(cdnBaseUrl: string, fetchImpl: typeof fetch = (...a) => fetch(...a)): FragmentSource {
  const base = cdnBaseUrl.replace(/\/+$/, '') + '/';
  async function get(key: string, init: RequestInit): Promise<unknown> {
    let res: Response;
    try {
      res = await fetchImpl(base + key, { credentials: 'omit', ...init });
    } catch (e) {
      throw new IneError('Network', String(e), e);
    }
    if (res.status === 404 || res.status === 403) return undefined; // nothing published yet
    if (!res.ok) throw new IneError(codeForStatus(res.status, 'cdn') ?? 'Unknown', `${key}: ${res.status}`, undefined, res.status);
    return res.json();
  }
  return fragmentSource(
    { root: (c) => get(rootKey(c), { cache: 'no-cache' }), object: (key, priority) => get(key, priority ? { priority } : {}) },
    'catalog',
  );
}

/** A collection through S3 with the reader's credentials (admins: the private index). */
export function s3FragmentSource(reader: JsonReader, collection: CollectionName): FragmentSource {
  return fragmentSource({ root: (c) => reader.read(rootKey(c)), object: (key) => reader.read(key) }, collection);
}
