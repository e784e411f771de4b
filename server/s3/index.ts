// The S3 engine of the local stand-in: path-style S3 REST on disk. server/index.ts composes it with SigV4,
// IAM evaluation and the HTTP listeners; the CDN origin and the packager read through `store`.
// See docs/stand-in-s3.md for what is implemented, the on-disk layout and differences from real S3.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_CORS } from './cors.ts';
import { Engine } from './engine.ts';
import { S3Handler } from './handler.ts';
import { KeyLock } from './key-lock.ts';
import { MultipartStore } from './multipart.ts';
import { DiskStore } from './store.ts';
import type { ChunkSignatures, S3Principal, S3Service, S3ServiceOptions } from './types.ts';

export type {
  Authorize,
  ChunkSignatures,
  CorsRule,
  ObjectCreatedEvent,
  ObjectMeta,
  ObjectRemovedEvent,
  ObjectStore,
  RoleName,
  S3Principal,
  S3Service,
  S3ServiceOptions,
} from './types.ts';
export { S3Error } from './errors.ts';
export { DEFAULT_CORS, PROJECT_META_HEADERS } from './cors.ts';

export const DEFAULT_MIN_PART_SIZE = 5 * 1024 * 1024;

export async function createS3Service(opts: S3ServiceOptions): Promise<S3Service> {
  const store = await DiskStore.open(opts.dataDir, opts.buckets);
  const engine = new Engine(
    store,
    new MultipartStore(store),
    new KeyLock(),
    opts.authorize,
    opts.events,
    opts.region,
    opts.cors ?? DEFAULT_CORS,
    opts.minPartSize ?? DEFAULT_MIN_PART_SIZE,
    opts.mayAttempt ?? (() => true),
  );
  const handler = new S3Handler(engine);
  const inFlight = new Set<Promise<void>>();
  return {
    store,
    handle(req: IncomingMessage, res: ServerResponse, principal: S3Principal | null, chunkSignatures?: ChunkSignatures): Promise<void> {
      const p = handler.handle(req, res, principal, chunkSignatures);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      return p;
    },
    sendError: (req, res, err) => handler.sendError(req, res, err),
    async close() {
      // Nothing is cached that is not already on disk; just let running requests finish.
      await Promise.allSettled([...inFlight]);
    },
  };
}
