/**
 * What the service remembers of a server-side upload between "create" and "complete": one JSON
 * object per upload under `api/uploads/` (private, service credentials only), changed with
 * conditional writes so two concurrent completions cannot both write a manifest.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { readJson, updateJson, writeJsonIf } from '../../src/catalog/s3-json.js';
import type { ClipMetadata } from '../../src/contract/clip-fields.js';
import type { UploadContentType } from './limits.js';

export const UPLOAD_SESSIONS_PREFIX = 'api/uploads/';
/** The `<upload id>` of `uploads/<identity>/<upload id>.mp4`, as the browser uploader makes it. */
export const UPLOAD_ID_PATTERN = /^[0-9a-f]{32}$/;

export interface UploadSession {
  uploadId: string;
  identityId: string;
  /** Who created it (the API's principal subject), for the audit trail. */
  createdBy: string;
  key: string;
  /** S3's multipart upload id. */
  s3UploadId: string;
  size: number;
  sha256: string;
  contentType: UploadContentType;
  fileName: string;
  metadata: ClipMetadata;
  partSize: number;
  partCount: number;
  createdAt: string;
  state: 'open' | 'completed' | 'aborted';
  /** Set at completion: the clip the packager makes from it. */
  clipId?: string;
  completedAt?: string;
}

const keyOf = (uploadId: string) => `${UPLOAD_SESSIONS_PREFIX}${uploadId}.json`;

export function uploadSessions(s3: S3Client, bucket: string) {
  return {
    async get(uploadId: string): Promise<UploadSession | undefined> {
      if (!UPLOAD_ID_PATTERN.test(uploadId)) return undefined;
      return (await readJson<UploadSession>(s3, bucket, keyOf(uploadId)))?.value;
    },
    async create(s: UploadSession): Promise<void> {
      await writeJsonIf(s3, bucket, keyOf(s.uploadId), s, undefined, { cacheControl: 'no-store' });
    },
    /** Read-modify-write; `apply` returns undefined to leave it as it is. */
    async update(uploadId: string, apply: (cur: UploadSession | undefined) => UploadSession | undefined): Promise<UploadSession | undefined> {
      return (await updateJson<UploadSession>(s3, bucket, keyOf(uploadId), apply, { cacheControl: 'no-store' })).value;
    },
  };
}
