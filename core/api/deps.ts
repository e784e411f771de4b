/**
 * What the API handlers are given by their runtime (the stand-in or Lambda): storage, the seams other
 * parts plug into (catalog writer, event sink), the audit log, and the settings.
 */
import type { ClientStore } from '../auth/clients.ts';
import type { JsonWebKeySet } from '../auth/signing-keys.ts';
import type { AuditLog } from '../audit/log.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import type { ClipSearch } from './clip-search.ts';
import type { PreviewSigner } from '../preview/preview-signer.ts';
import type { EventSink } from '../events/event-sink.ts';
import type { SubscriptionContext } from '../events/subscription-handlers.ts';
import type { UploadContext } from '../uploads/upload-handlers.ts';
import type { Cursors } from './cursor.ts';
import type { IdempotencyStore } from './idempotency.ts';
import type { ApiLimits } from './limits.ts';

/** Where clip events go: the webhook dispatcher (core/events). */
export type { EventSink } from '../events/event-sink.ts';

export interface ApiDeps {
  /** The media bucket, with service credentials. */
  store: ObjectStore;
  /** The broker's JWKS (read per request: rotations apply at once). */
  jwks(): Promise<JsonWebKeySet> | JsonWebKeySet;
  audience: string;
  /** When set, tokens must come from this issuer. */
  issuer?: string;
  events: EventSink;
  /** Server-side uploads: the service's S3 client signs the part URLs; `region` names system clients' upload folders. */
  uploads: UploadContext & { region: string };
  /** Webhook subscriptions and delivery logs; absent where no dispatcher runs (the subscription routes answer 503). */
  webhooks?: SubscriptionContext;
  audit: AuditLog;
  clients: ClientStore;
  search: ClipSearch;
  idempotency: IdempotencyStore;
  cursors: Cursors;
  limits: ApiLimits;
  /** Signs draft previews; absent where no preview key is set (the preview route answers 503). */
  preview?: PreviewSigner;
  /** Public CDN base URL (renditions, poster). */
  cdnBaseUrl: string;
  /** The script an embedding page loads (the package's bundle). */
  embedScriptUrl: string;
  log(m: string): void;
  now(): number;
}
