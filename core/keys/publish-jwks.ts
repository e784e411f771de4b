/**
 * Publishes a signer's public keys as a JWKS at a fixed key of the media bucket (served by the CDN
 * under `keys/`), keeping keys already published: what was signed with an older key (a provenance
 * manifest, an audit seal) stays verifiable after a rotation; a key is withdrawn only by hand.
 * Written only when something is new, so calling it at every start costs one read.
 */
import type { JsonWebKeySet } from '../auth/signing-keys.ts';
import type { ObjectStore } from '../storage/object-store.ts';

/** How long a CDN may keep a published key set: a new key shows within seconds. */
export const JWKS_CACHE_CONTROL = 'public, max-age=10';

export async function publishJwks(store: ObjectStore, key: string, signer: { jwks(): Promise<JsonWebKeySet> }): Promise<JsonWebKeySet> {
  const got = await store.get(key);
  const current = got ? (JSON.parse(got.body) as JsonWebKeySet) : { keys: [] };
  const known = new Set(current.keys.map((k) => k.kid));
  const added = (await signer.jwks()).keys.filter((k) => !known.has(k.kid));
  if (!added.length) return current;
  const next = { keys: [...added, ...current.keys] };
  await store.put(key, JSON.stringify(next), { contentType: 'application/jwk-set+json', cacheControl: JWKS_CACHE_CONTROL });
  return next;
}
