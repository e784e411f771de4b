/**
 * Subscriptions in the bucket, one JSON object each under `api/subscriptions/` (a private prefix:
 * no role's policy grants it; only the service's credentials reach it), through the AWS SDK so the
 * same code runs against the stand-in and on AWS. Created with `If-None-Match: *`, changed with
 * `If-Match`, so concurrent admins never overwrite each other.
 */
import { DeleteObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { readJson, updateJson, writeJsonIf } from '../../src/catalog/s3-json.js';
import { SUBSCRIPTION_ID_PATTERN, type StoredSubscription } from './subscription.js';

export const SUBSCRIPTIONS_PREFIX = 'api/subscriptions/';

export interface SubscriptionStore {
  list(): Promise<StoredSubscription[]>;
  get(id: string): Promise<StoredSubscription | undefined>;
  /** Creates it; false when the id is taken. */
  create(s: StoredSubscription): Promise<boolean>;
  /** Read-modify-write; `apply` returns undefined to leave it. Undefined when it does not exist. */
  update(id: string, apply: (cur: StoredSubscription) => StoredSubscription | undefined): Promise<StoredSubscription | undefined>;
  /** False when it did not exist. */
  delete(id: string): Promise<boolean>;
}

const keyOf = (id: string) => `${SUBSCRIPTIONS_PREFIX}${id}.json`;

export function s3SubscriptionStore(s3: S3Client, bucket: string): SubscriptionStore {
  const store: SubscriptionStore = {
    async list() {
      const ids: string[] = [];
      let token: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: SUBSCRIPTIONS_PREFIX, ContinuationToken: token }));
        for (const o of page.Contents ?? []) {
          const id = o.Key?.slice(SUBSCRIPTIONS_PREFIX.length).replace(/\.json$/, '');
          if (id && SUBSCRIPTION_ID_PATTERN.test(id)) ids.push(id);
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      const all = await Promise.all(ids.map((id) => store.get(id)));
      return all.filter((s): s is StoredSubscription => !!s).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    },
    async get(id) {
      if (!SUBSCRIPTION_ID_PATTERN.test(id)) return undefined;
      return (await readJson<StoredSubscription>(s3, bucket, keyOf(id)))?.value;
    },
    async create(s) {
      try {
        await writeJsonIf(s3, bucket, keyOf(s.id), s, undefined, { cacheControl: 'no-store' });
        return true;
      } catch (e) {
        if ((e as { code?: string }).code === 'Conflict') return false;
        throw e;
      }
    },
    async update(id, apply) {
      if (!SUBSCRIPTION_ID_PATTERN.test(id)) return undefined;
      let missing = false;
      const { value } = await updateJson<StoredSubscription>(
        s3,
        bucket,
        keyOf(id),
        (cur) => {
          missing = !cur;
          return cur ? apply(cur) : undefined;
        },
        { cacheControl: 'no-store' },
      );
      return missing ? undefined : value;
    },
    async delete(id) {
      if (!(await store.get(id))) return false;
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: keyOf(id) }));
      return true;
    },
  };
  return store;
}

/**
 * The store with reads remembered for `ttlMs`: every event reads the list and every attempt its
 * subscription, in bursts. Changes made through this wrapper take effect at once; changes made by
 * another process (another Lambda) within `ttlMs`. The stand-in hands one wrapper to both the
 * subscription routes and the dispatcher.
 */
export function cachedSubscriptionStore(store: SubscriptionStore, ttlMs = 1000, now: () => number = Date.now): SubscriptionStore {
  let list: { at: number; value: Promise<StoredSubscription[]> } | undefined;
  const fresh = (at: number) => now() - at < ttlMs && at <= now();
  const forget = () => {
    list = undefined;
  };
  return {
    list() {
      if (list && fresh(list.at)) return list.value;
      const value = store.list();
      const entry = { at: now(), value };
      list = entry;
      value.catch(() => {
        if (list === entry) list = undefined;
      });
      return value;
    },
    async get(id) {
      if (list && fresh(list.at)) return (await list.value).find((s) => s.id === id) ?? store.get(id);
      return store.get(id);
    },
    async create(s) {
      forget();
      return store.create(s);
    },
    async update(id, apply) {
      forget();
      try {
        return await store.update(id, apply);
      } finally {
        forget();
      }
    },
    async delete(id) {
      forget();
      try {
        return await store.delete(id);
      } finally {
        forget();
      }
    },
  };
}
