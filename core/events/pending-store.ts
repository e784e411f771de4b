/**
 * Deliveries not yet finished, persisted so a restart resumes them (as the packager's job queue
 * does): one small JSON file per delivery, written atomically (temporary file + rename) before the
 * first attempt and after each failed one, removed once delivered or given up. The body is stored
 * as the exact bytes sent, so every retry signs and sends the same body.
 */
import { link, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isClipEventType, type ClipEventType } from './event-types.js';

export interface PendingDelivery {
  /** `dlv_` + 32 hex digits. */
  id: string;
  subscriptionId: string;
  /** The target's origin (scheme, host, port): the unit of per-target concurrency. */
  target: string;
  eventId: string;
  eventType: ClipEventType;
  /** The JSON body, exactly as sent. */
  body: string;
  /** Attempts made so far. */
  attempts: number;
  /** When the next attempt is due (ISO 8601). */
  nextAttemptAt: string;
}

export interface PendingStore {
  /** Writes it, replacing the saved one of the same id. */
  save(d: PendingDelivery): Promise<void>;
  /** Writes it only if no delivery of that id is saved; false when one is (its progress is kept). */
  create(d: PendingDelivery): Promise<boolean>;
  remove(id: string): Promise<void>;
  /** Every saved delivery, oldest file first; unreadable files are skipped (and reported). */
  load(onUnreadable?: (file: string) => void): Promise<PendingDelivery[]>;
}

const DELIVERY_ID = /^dlv_[0-9a-f]{32}$/;

/** Whether a value read back (a file, a queue message) is a pending delivery this code can run. */
export function isPendingDelivery(d: unknown): d is PendingDelivery {
  if (!d || typeof d !== 'object') return false;
  const o = d as Partial<PendingDelivery>;
  return (
    typeof o.id === 'string' &&
    DELIVERY_ID.test(o.id) &&
    typeof o.subscriptionId === 'string' &&
    typeof o.eventId === 'string' &&
    isClipEventType(o.eventType) &&
    typeof o.body === 'string' &&
    typeof o.target === 'string' &&
    Number.isInteger(o.attempts) &&
    typeof o.nextAttemptAt === 'string' &&
    !Number.isNaN(Date.parse(o.nextAttemptAt))
  );
}

export function filePendingStore(dir: string): PendingStore {
  let ready: Promise<unknown> | undefined;
  const ensure = () => (ready ??= mkdir(dir, { recursive: true }));
  return {
    async save(d) {
      await ensure();
      const tmp = join(dir, `.${d.id}.tmp`);
      await writeFile(tmp, JSON.stringify(d));
      await rename(tmp, join(dir, `${d.id}.json`));
    },
    async create(d) {
      await ensure();
      const tmp = join(dir, `.${d.id}.${process.pid}.new`);
      await writeFile(tmp, JSON.stringify(d));
      try {
        await link(tmp, join(dir, `${d.id}.json`)); // atomic, and refused when the file exists
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e;
      } finally {
        await rm(tmp, { force: true });
      }
    },
    async remove(id) {
      if (DELIVERY_ID.test(id)) await rm(join(dir, `${id}.json`), { force: true });
    },
    async load(onUnreadable) {
      await ensure();
      const out: PendingDelivery[] = [];
      for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()) {
        try {
          const d: unknown = JSON.parse(await readFile(join(dir, name), 'utf8'));
          if (isPendingDelivery(d)) out.push(d);
          else onUnreadable?.(name);
        } catch {
          onUnreadable?.(name);
        }
      }
      return out;
    },
  };
}
