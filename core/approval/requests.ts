/**
 * Publication requests: what a publish, unpublish or delete becomes during a sensitive period. Each
 * is one object `approval/requests/<id>.json` (id: 128 random bits), created with
 * `If-None-Match: *` and decided with `If-Match` on the version read, so a request is decided exactly
 * once: a second approval (replayed, or racing the first) loses the conditional write and is refused.
 * A marker `approval/pending/<id>` lists the waiting ones without reading every request ever made.
 */
import { randomBytes } from 'node:crypto';
import type { AuditActor } from '../audit/entry.ts';
import { PreconditionFailed, type ObjectStore } from '../storage/object-store.ts';

export const REQUESTS_PREFIX = 'approval/requests/';
export const PENDING_PREFIX = 'approval/pending/';
export const requestKey = (id: string): string => `${REQUESTS_PREFIX}${id}.json`;
export const REQUEST_ID_PATTERN = '^[0-9a-f]{32}$';

/** Pending requests at most (a flood of requests cannot grow the list without bound). */
export const MAX_PENDING_REQUESTS = 200;

/** Characters of a request's reason. */
export const REASON_MAX_LENGTH = 500;

export const REQUESTED_ACTIONS = ['publish', 'unpublish', 'delete'] as const;
export type RequestedAction = (typeof REQUESTED_ACTIONS)[number];
export const REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'failed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export interface PublicationRequest {
  id: string;
  action: RequestedAction;
  clipId: string;
  /** The clip's title when asked (for the list; the clip may change or go). */
  clipTitle: string;
  /** The clip version the request is about: approval acts only on that version (If-Match). */
  clipEtag: string;
  period: { id: string; label: string };
  requestedBy: AuditActor;
  requestedAt: string;
  reason?: string;
  status: RequestStatus;
  decidedBy?: AuditActor;
  decidedAt?: string;
  /** Why an approved request could not be carried out (the clip changed or went). */
  failure?: string;
}

export interface LoadedRequest {
  request: PublicationRequest;
  etag: string;
}

export interface RequestStore {
  create(r: Omit<PublicationRequest, 'id' | 'status'>): Promise<LoadedRequest>;
  get(id: string): Promise<LoadedRequest | undefined>;
  /** Write the next state of a request read at `etag`; throws PreconditionFailed when it changed since. */
  update(next: PublicationRequest, etag: string): Promise<LoadedRequest>;
  pending(): Promise<LoadedRequest[]>;
}

export function createRequestStore(store: ObjectStore): RequestStore {
  async function get(id: string): Promise<LoadedRequest | undefined> {
    const got = await store.get(requestKey(id));
    return got ? { request: JSON.parse(got.body) as PublicationRequest, etag: got.etag } : undefined;
  }
  return {
    async create(r) {
      const request: PublicationRequest = { id: randomBytes(16).toString('hex'), ...r, status: 'pending' };
      // The marker first: a crash in between leaves a marker without a request, which `pending` skips.
      await store.put(`${PENDING_PREFIX}${request.id}`, '');
      const etag = await store.put(requestKey(request.id), JSON.stringify(request), { ifNoneMatch: '*' });
      return { request, etag };
    },
    get,
    async update(next, etag) {
      const newEtag = await store.put(requestKey(next.id), JSON.stringify(next), { ifMatch: etag });
      if (next.status !== 'pending') await store.delete(`${PENDING_PREFIX}${next.id}`);
      return { request: next, etag: newEtag };
    },
    async pending() {
      const keys = await store.list(PENDING_PREFIX, { max: MAX_PENDING_REQUESTS + 1 });
      const out: LoadedRequest[] = [];
      for (const key of keys) {
        const got = await get(key.slice(PENDING_PREFIX.length));
        if (got?.request.status === 'pending') out.push(got);
      }
      return out.sort((a, b) => a.request.requestedAt.localeCompare(b.request.requestedAt));
    },
  };
}

export { PreconditionFailed };
