// Public types of the S3 engine (re-exported by server/s3/index.ts; other stand-in modules code against them).
import type { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChunkSignatures } from '../auth/chunk-signatures.ts';

export type { ChunkSignatures };

import type { PrincipalRole } from '../../infra/policies/roles.ts';

/** Who signed the request (a role, or the service keys). */
export type RoleName = PrincipalRole;

export interface S3Principal {
  accessKeyId: string;
  identityId?: string;
  role: RoleName;
}

/** Throws S3Error('AccessDenied') when not allowed. conditions e.g. { 's3:prefix': 'uploads/' } for ListBucket. */
export type Authorize = (principal: S3Principal, action: string, resource: string, conditions: Record<string, string>) => void | Promise<void>;

export interface CorsRule {
  allowedOrigins: string[];
  allowedMethods: string[];
  allowedHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds: number;
}

export interface S3ServiceOptions {
  dataDir: string;
  region: string;
  buckets: string[];
  authorize: Authorize;
  events: EventEmitter;
  /**
   * Whether the principal could be allowed the action on any resource at all. Lets an operation whose body
   * names many resources (DeleteObjects) refuse a caller that may act on none before reading that body.
   * Default: always true (every resource is then checked with `authorize`).
   */
  mayAttempt?: (principal: S3Principal, action: string) => boolean;
  /** default: DEFAULT_CORS */
  cors?: CorsRule[];
  /** Smallest size of every part but the last in CompleteMultipartUpload. Default 5 MiB, as on S3. */
  minPartSize?: number;
}

export interface ObjectMeta {
  key: string;
  size: number;
  /** quoted */
  etag: string;
  lastModified: Date;
  contentType: string;
  metadata: Record<string, string>;
  /** base64 checksums by algorithm (CRC32, CRC32C, CRC64NVME, SHA1, SHA256); multipart composites end in -N */
  checksums?: Record<string, string>;
}

export interface ObjectStore {
  head(bucket: string, key: string): Promise<ObjectMeta | undefined>;
  /** range inclusive; stream of the object's bytes */
  read(bucket: string, key: string, range?: { start: number; end: number }): Promise<{ meta: ObjectMeta; stream: NodeJS.ReadableStream } | undefined>;
  list(bucket: string, prefix: string): AsyncIterable<ObjectMeta>;
}

export interface S3Service {
  /**
   * Handle one S3 REST request (path-style). principal is null only for CORS preflight (OPTIONS). Body not yet
   * read. `chunkSignatures` comes with a verified signature whose payload is a signed aws-chunked body.
   */
  handle(req: IncomingMessage, res: ServerResponse, principal: S3Principal | null, chunkSignatures?: ChunkSignatures): Promise<void>;
  /** Write an S3-shaped XML error (with CORS headers), e.g. for auth failures detected before handle(). */
  sendError(req: IncomingMessage, res: ServerResponse, err: unknown): void;
  store: ObjectStore;
  close(): Promise<void>;
}

/** Payload of the 'object-created' event. */
export interface ObjectCreatedEvent {
  bucket: string;
  key: string;
  size: number;
  etag: string;
  contentType: string;
  metadata: Record<string, string>;
}

/** Payload of the 'object-removed' event. */
export interface ObjectRemovedEvent {
  bucket: string;
  key: string;
}
