/**
 * What each error code means, for docs/errors.md. Typed as a record over the closed union, so a
 * code added to src/internal/error-codes.ts does not type-check until it is described here.
 */
import type { IneErrorCode } from '../../src/internal/error-codes.ts';

export type RaisedBy = 'any part' | 'sign-in' | '<ine-uploader>' | '<ine-player>' | '<ine-catalog>';

export const ERROR_DESCRIPTIONS: Record<IneErrorCode, { raisedBy: RaisedBy; when: string }> = {
  AccessDenied: { raisedBy: 'any part', when: 'the service refused the signed-in role (HTTP 403 from S3 or Cognito)' },
  ExpiredCredentials: { raisedBy: 'any part', when: 'temporary credentials expired and could not be renewed; sign in again' },
  NotSignedIn: { raisedBy: 'sign-in', when: 'an action needs a signed-in user and there is none (or the token URL answered 401/403)' },
  AccountLocked: { raisedBy: 'sign-in', when: 'the sign-in broker locked the account after too many failed attempts (HTTP 423)' },
  Network: { raisedBy: 'any part', when: 'the request never got an answer (offline, refused, reset, timed out)' },
  Conflict: { raisedBy: 'any part', when: 'someone else changed the object first (HTTP 409/412); reload and merge' },
  ApprovalPending: {
    raisedBy: '<ine-catalog>',
    when: 'a publish, unpublish or delete during a sensitive period became a request (HTTP 202): nothing changed until a different admin approves it',
  },
  NotFound: {
    raisedBy: 'any part',
    when: 'the object does not exist (HTTP 404); from the CDN also 403, because the CDN answers an unpublished clip exactly like a missing one',
  },
  Throttled: { raisedBy: 'any part', when: 'the service asked to slow down (HTTP 429, 503 SlowDown, throttling exceptions)' },
  ServerError: { raisedBy: 'any part', when: 'the service answered 5xx' },
  Config: { raisedBy: 'any part', when: 'configuration is missing (region, identity pool, bucket or CDN URL)' },
  Aborted: { raisedBy: 'any part', when: 'the caller cancelled the operation' },
  Unknown: { raisedBy: 'any part', when: 'anything not listed here; the original error is kept as `cause`' },
  NotMp4: { raisedBy: '<ine-uploader>', when: 'the chosen file is not an MP4 (checked from its first bytes before upload)' },
  EmptyFile: { raisedBy: '<ine-uploader>', when: 'the chosen file is empty' },
  TooLarge: { raisedBy: '<ine-uploader>', when: 'the chosen file is larger than `upload.maxFileSize`' },
  AlreadyQueued: { raisedBy: '<ine-uploader>', when: 'the same file is already in the queue' },
  Unreadable: { raisedBy: '<ine-uploader>', when: 'the browser could not read the file (moved, deleted, permissions)' },
  UploadNotAllowed: { raisedBy: '<ine-uploader>', when: 'the signed-in role may not upload' },
  ChecksumMismatch: {
    raisedBy: '<ine-uploader>',
    when: 'S3 found a part damaged in transit (its checksum did not match); the part is sent again, up to 3 times',
  },
  TitleRequired: { raisedBy: '<ine-uploader>', when: 'an upload needs a title before it starts' },
  MissingETag: { raisedBy: '<ine-uploader>', when: "the bucket's CORS rules do not expose the ETag header, so parts cannot be completed" },
  NoSuchUpload: { raisedBy: '<ine-uploader>', when: 'the multipart upload no longer exists on S3 (aborted or expired); retrying starts it again' },
  Busy: { raisedBy: '<ine-uploader>', when: 'an upload that is still running cannot be removed; cancel it first' },
  NotPublished: { raisedBy: '<ine-player>', when: 'a clip record arrived and says it is not published' },
  Processing: { raisedBy: '<ine-player>', when: 'a clip record arrived and says the clip is still being packaged' },
  ProcessingFailed: { raisedBy: '<ine-player>', when: 'a clip record arrived and says packaging failed' },
  UnsupportedRecord: { raisedBy: '<ine-player>', when: 'the clip record has a schema version this player does not know' },
  UnsupportedCatalog: {
    raisedBy: '<ine-catalog>',
    when: 'the catalog index has a format version this catalog does not know (reload the page for a newer version)',
  },
  Unsupported: {
    raisedBy: '<ine-player>',
    when: 'no playback engine, or the browser cannot decode the codec (natively the player asks the server to tell a 404 from a bad codec)',
  },
  Decode: { raisedBy: '<ine-player>', when: "decoding failed after hls.js' media-error recovery (recover, swap audio codec, recover)" },
  NoSource: { raisedBy: '<ine-player>', when: 'nothing to play: no `clip-id` or `src`' },
  Integrity: {
    raisedBy: '<ine-player>',
    when: 'the clip\'s signed provenance manifest does not hold (tampered playlist, segment or manifest, unknown key, or no manifest with `integrity="required"`); the `ine-integrity-error` event says what failed (docs/integrity-provenance.md)',
  },
  InvalidCaptions: {
    raisedBy: '<ine-catalog>',
    when: 'the Web API refused an attached caption file (problem `CaptionFileInvalid`, with `reason` and `line`); the editor names the reason',
  },
};
