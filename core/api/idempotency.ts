/**
 * Idempotency keys on POST: the first request with a key runs and its answer is kept (24 h, a bounded
 * number of keys); the same key with the same request gets that answer again; with a different request,
 * 422. Keys are scoped per principal, so two callers can never see each other's answers.
 */
import { createHash } from 'node:crypto';
import { BoundedMap } from '../limits/bounded-map.ts';
import { ApiProblem } from './problem.ts';
import type { ApiResponse } from './types.ts';
import { PreconditionFailed, type ObjectStore } from '../storage/object-store.ts';

export type IdempotencyBegin = { state: 'new' } | { state: 'replay'; response: ApiResponse };

export interface IdempotencyStore {
  /** Claim `key` for this request, or get the stored answer; throws IdempotencyKeyReused / IdempotencyInProgress. */
  begin(scope: string, key: string, fingerprint: string): Promise<IdempotencyBegin>;
  complete(scope: string, key: string, response: ApiResponse): Promise<void>;
  /** Forget a claim whose request failed unexpectedly (a retry may run it again). */
  abandon(scope: string, key: string): Promise<void>;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

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

/** Where a bucket-backed claim lives: hashed, so a key's characters never shape an object name. */
export const idempotencyObjectKey = (scope: string, key: string): string =>
  `api/idempotency/${createHash('sha256').update(`${scope}\u0000${key}`).digest('base64url')}.json`;

/**
 * Idempotency shared by every instance (Lambda runs many): each claim is an object in the bucket's
 * private `api/idempotency/`, created with If-None-Match so of two instances racing on one key exactly
 * one runs the request; an expired claim is taken over with If-Match. Old claims are removed by the
 * bucket's lifecycle rule (infra/lib/media-bucket.ts), so the store stays bounded.
 */
export function objectIdempotencyStore(store: ObjectStore, ttlMs: number, now: () => number = Date.now): IdempotencyStore {
  const claim = (fingerprint: string) => JSON.stringify({ fingerprint, at: now() } satisfies Slot);
  return {
    async begin(scope, key, fingerprint) {
      const name = idempotencyObjectKey(scope, key);
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          await store.put(name, claim(fingerprint), { ifNoneMatch: '*' });
          return { state: 'new' };
        } catch (e) {
          if (!(e instanceof PreconditionFailed)) throw e;
        }
        const current = await store.get(name);
        if (!current) continue; // abandoned meanwhile: claim again
        const slot = JSON.parse(current.body) as Slot;
        if (now() - slot.at >= ttlMs) {
          try {
            await store.put(name, claim(fingerprint), { ifMatch: current.etag });
            return { state: 'new' };
          } catch (e) {
            if (!(e instanceof PreconditionFailed)) throw e;
            continue; // someone else took it over first
          }
        }
        if (slot.fingerprint !== fingerprint)
          throw new ApiProblem('IdempotencyKeyReused', 'This Idempotency-Key was used with a different request; use a new key');
        if (!slot.response)
          throw new ApiProblem('IdempotencyInProgress', 'A request with this Idempotency-Key is still running', {}, { 'retry-after': '1' });
        return { state: 'replay', response: slot.response };
      }
      throw new ApiProblem('IdempotencyInProgress', 'This Idempotency-Key is contended; try again', {}, { 'retry-after': '1' });
    },
    async complete(scope, key, response) {
      const name = idempotencyObjectKey(scope, key);
      const current = await store.get(name);
      const slot = current ? (JSON.parse(current.body) as Slot) : undefined;
      if (slot) await store.put(name, JSON.stringify({ ...slot, response } satisfies Slot), { ifMatch: current!.etag });
    },
    async abandon(scope, key) {
      await store.delete(idempotencyObjectKey(scope, key));
    },
  };
}
