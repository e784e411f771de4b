/**
 * Idempotency keys on POST: the first request with a key runs and its answer is kept (24 h, a bounded
 * number of keys); the same key with the same request gets that answer again; with a different request,
 * 422. Keys are scoped per principal, so two callers can never see each other's answers.
 */
import { createHash } from 'node:crypto';
import { BoundedMap } from '../limits/bounded-map.ts';
import { PreconditionFailed, type ObjectStore } from '../storage/object-store.ts';
import { ApiProblem } from './problem.ts';
import type { ApiResponse } from './types.ts';

export type IdempotencyBegin = { state: 'new' } | { state: 'replay'; response: ApiResponse };

export interface IdempotencyStore {
  /** Claim `key` for this request, or get the stored answer; throws IdempotencyKeyReused / IdempotencyInProgress. */
  begin(scope: string, key: string, fingerprint: string): Promise<IdempotencyBegin>;
  complete(scope: string, key: string, response: ApiResponse): Promise<void>;
  /** Forget a claim whose request failed unexpectedly (a retry may run it again). */
  abandon(scope: string, key: string): Promise<void>;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** Where the bucket-backed store keeps its keys (private; a lifecycle rule expires them). */
export const IDEMPOTENCY_PREFIX = 'api/idempotency/';

export function checkIdempotencyKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new ApiProblem('IdempotencyKeyInvalid', 'Idempotency-Key must be 1 to 255 visible ASCII characters');
}

export const requestFingerprint = (method: string, path: string, body: string | undefined): string =>
  createHash('sha256')
    .update(`${method} ${path}\n${body ?? ''}`)
    .digest('base64url');

interface Slot {
  fingerprint: string;
  at: number;
  response?: ApiResponse;
}

export function memoryIdempotencyStore(capacity: number, ttlMs: number, now: () => number = Date.now): IdempotencyStore {
  const slots = new BoundedMap<string, Slot>(capacity);
  const id = (scope: string, key: string) => `${scope}\u0000${key}`;
  return {
    async begin(scope, key, fingerprint) {
      const k = id(scope, key);
      const slot = slots.get(k);
      if (slot && now() - slot.at < ttlMs) {
        if (slot.fingerprint !== fingerprint)
          throw new ApiProblem('IdempotencyKeyReused', 'This Idempotency-Key was used with a different request; use a new key');
        if (!slot.response)
          throw new ApiProblem('IdempotencyInProgress', 'A request with this Idempotency-Key is still running', {}, { 'retry-after': '1' });
        return { state: 'replay', response: slot.response };
      }
      slots.set(k, { fingerprint, at: now() });
      return { state: 'new' };
    },
    async complete(scope, key, response) {
      const slot = slots.get(id(scope, key));
      if (slot) slot.response = response;
    },
    async abandon(scope, key) {
      slots.delete(id(scope, key));
    },
  };
}

/**
 * Idempotency keys kept in the bucket (`api/idempotency/…`), for runtimes with many instances
 * (Lambda): a claim is created with `If-None-Match: *`, so two instances can never both run one key.
 * Expired keys are replaced; a lifecycle rule on the prefix removes them from storage after a day.
 */
export function storeIdempotencyStore(store: ObjectStore, ttlMs: number, now: () => number = Date.now): IdempotencyStore {
  const keyOf = (scope: string, key: string) =>
    `${IDEMPOTENCY_PREFIX}${createHash('sha256').update(scope).digest('hex').slice(0, 32)}/${createHash('sha256').update(key).digest('hex')}.json`;
  return {
    async begin(scope, key, fingerprint) {
      const k = keyOf(scope, key);
      for (let attempt = 0; attempt < 3; attempt++) {
        const got = await store.get(k);
        const slot = got ? (JSON.parse(got.body) as Slot) : undefined;
        if (slot && now() - slot.at < ttlMs) {
          if (slot.fingerprint !== fingerprint)
            throw new ApiProblem('IdempotencyKeyReused', 'This Idempotency-Key was used with a different request; use a new key');
          if (!slot.response)
            throw new ApiProblem('IdempotencyInProgress', 'A request with this Idempotency-Key is still running', {}, { 'retry-after': '1' });
          return { state: 'replay', response: slot.response };
        }
        try {
          await store.put(k, JSON.stringify({ fingerprint, at: now() } satisfies Slot), got ? { ifMatch: got.etag } : { ifNoneMatch: '*' });
          return { state: 'new' };
        } catch (e) {
          if (!(e instanceof PreconditionFailed)) throw e; // another instance claimed it first: read its claim
        }
      }
      throw new ApiProblem('IdempotencyInProgress', 'A request with this Idempotency-Key is still running', {}, { 'retry-after': '1' });
    },
    async complete(scope, key, response) {
      const k = keyOf(scope, key);
      const got = await store.get(k);
      if (!got) return;
      await store.put(k, JSON.stringify({ ...(JSON.parse(got.body) as Slot), response }), { ifMatch: got.etag });
    },
    async abandon(scope, key) {
      await store.delete(keyOf(scope, key));
    },
  };
}
