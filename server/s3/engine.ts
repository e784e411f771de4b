// What the operations share: storage, uploads, locks, authorization and events.
import type { EventEmitter } from 'node:events';
import { errors, S3Error } from './errors.ts';
import { etagMatches, header, type Ctx } from './context.ts';
import type { KeyLock } from './key-lock.ts';
import type { MultipartStore } from './multipart.ts';
import type { StoredMeta } from './object-file.ts';
import type { DiskStore } from './store.ts';
import { Versions } from './versions.ts';
import type { Authorize, CorsRule, ObjectCreatedEvent, ObjectRemovedEvent } from './types.ts';

export class Engine {
  readonly versions: Versions;
  constructor(
    readonly store: DiskStore,
    readonly uploads: MultipartStore,
    readonly locks: KeyLock,
    private readonly authorizeFn: Authorize,
    private readonly events: EventEmitter,
    readonly region: string,
    readonly cors: CorsRule[],
    readonly minPartSize: number,
    private readonly mayAttemptFn: (principal: Ctx['principal'], action: string) => boolean,
  ) {
    this.versions = new Versions(store);
  }

  /** Refuses versioned buckets what the stand-in keeps one version of only (multipart, copy, batch delete). */
  async refuseVersioned(bucket: string, what: string): Promise<void> {
    if (await this.versions.isVersioned(bucket)) throw errors.notImplemented(`${what} in a versioned bucket`);
  }

  /** Refuses a caller whose role could not be allowed the action on any resource (before reading a body). */
  screen(ctx: Ctx, action: string): void {
    if (!this.mayAttemptFn(ctx.principal, action)) throw errors.accessDenied();
  }

  async authorize(ctx: Ctx, action: string, resource: string, conditions: Record<string, string> = {}): Promise<void> {
    try {
      await this.authorizeFn(ctx.principal, action, resource, conditions);
    } catch (e) {
      if (e instanceof S3Error) throw e;
      const code = (e as { code?: unknown })?.code;
      if (code === 'AccessDenied' || (e as Error)?.name === 'AccessDenied') throw errors.accessDenied();
      throw e;
    }
  }

  lockName(bucket: string, key: string): string {
    return `${bucket}\n${key}`;
  }

  emitCreated(bucket: string, m: StoredMeta): void {
    const ev: ObjectCreatedEvent = { bucket, key: m.key, size: m.size, etag: m.etag, contentType: m.contentType, metadata: { ...m.metadata } };
    this.safeEmit('object-created', ev);
  }

  emitRemoved(bucket: string, key: string): void {
    const ev: ObjectRemovedEvent = { bucket, key };
    this.safeEmit('object-removed', ev);
  }

  private safeEmit(name: string, ev: unknown): void {
    try {
      this.events.emit(name, ev);
    } catch (e) {
      // A listener's failure must not turn a committed write into an error response.
      console.error(`[s3] ${name} listener failed:`, e);
    }
  }
}

/** Reads If-Match / If-None-Match of a write (PutObject, CopyObject, CompleteMultipartUpload). */
export function writeConditions(ctx: Ctx): { ifMatch?: string; ifNoneMatch?: string } | undefined {
  const ifMatch = header(ctx.req, 'if-match');
  const ifNoneMatch = header(ctx.req, 'if-none-match');
  if (ifMatch === undefined && ifNoneMatch === undefined) return undefined;
  if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*') throw errors.notImplemented('If-None-Match with a value other than *');
  return { ifMatch, ifNoneMatch };
}

/** Throws when the conditions do not hold against the current version (undefined = no object). */
export function checkWrite(cond: { ifMatch?: string; ifNoneMatch?: string } | undefined, current: StoredMeta | undefined, key: string): void {
  if (!cond) return;
  if (cond.ifNoneMatch !== undefined && current) throw errors.preconditionFailed('If-None-Match');
  if (cond.ifMatch !== undefined) {
    if (!current) throw errors.noSuchKey(key);
    if (!etagMatches(cond.ifMatch, current.etag)) throw errors.preconditionFailed('If-Match');
  }
}

/**
 * Runs `commit` under the key's lock after checking the write conditions again against the version current at
 * that moment. The writer that commits first wins; a later one whose condition no longer holds gets 412, and
 * one whose If-Match target was deleted while it uploaded gets 409 ConditionalRequestConflict.
 */
export async function commitConditionally(
  engine: Engine,
  bucket: string,
  key: string,
  cond: { ifMatch?: string; ifNoneMatch?: string } | undefined,
  checkedAgainst: StoredMeta | undefined,
  commit: () => Promise<void>,
): Promise<void> {
  await engine.locks.run(engine.lockName(bucket, key), async () => {
    const now = engine.store.storedMeta(bucket, key);
    try {
      checkWrite(cond, now, key);
    } catch (e) {
      if (checkedAgainst && !now) throw errors.conditionalConflict();
      throw e;
    }
    await commit();
  });
}
