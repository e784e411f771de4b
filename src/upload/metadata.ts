/**
 * The clip metadata the uploader collects, and how it travels: as S3 user metadata on the source
 * object (`x-amz-meta-*`) and, complete and typed, in the upload manifest. The fields, their S3
 * names and their rules come from src/contract/clip-fields.ts.
 *
 * S3 user metadata must be ASCII. Characters outside printable ASCII (accents, ñ, emoji) and `%`
 * itself are percent-encoded (UTF-8), so `decodeURIComponent` restores every value exactly, and
 * plain ASCII stays readable in the console. Lists travel comma-separated.
 */
import { FIELDS, s3NameOf, type ClipFieldName, type ClipMetadata } from '../contract/clip-fields.js';
import { MEXICAN_STATES } from '../contract/mexican-states.js';
import { normalizeClipInput, type ClipMetadataInput } from '../contract/clip-validate.js';

export { localDateTimeToIso, isoToLocalDateTime } from '../contract/datetime-local.js';

/** The 32 entidades federativas (the one list, src/contract/mexican-states.ts, under its older name). */
export const ENTIDADES: readonly string[] = MEXICAN_STATES;

export const encodeMetaValue = (v: string): string => v.replace(/[^\x20-\x24\x26-\x7e]/gu, (c) => encodeURIComponent(c));
export const decodeMetaValue = (v: string): string => decodeURIComponent(v);

/**
 * S3 refuses a request whose user metadata (names and values, in bytes) exceeds 2 KB with
 * MetadataTooLarge; a long description alone can be larger.
 */
export const S3_USER_METADATA_MAX_BYTES = 2048;

/**
 * `ClipMetadata` → S3 user metadata (lowercase keys, ASCII values). Fields are added in definition
 * order while they fit in S3's 2 KB; one that does not fit is left out of the object's metadata
 * (only there: the upload manifest, the authority, carries every field), so a long description
 * never makes the upload itself fail.
 */
export function toS3Metadata(m: ClipMetadata, fileName: string): Record<string, string> {
  const out: Record<string, string> = {};
  let bytes = 0;
  const put = (name: string, text: string) => {
    const value = encodeMetaValue(text);
    const size = name.length + value.length; // both ASCII
    if (bytes + size > S3_USER_METADATA_MAX_BYTES) return;
    out[name] = value;
    bytes += size;
  };
  put('filename', fileName);
  for (const f of FIELDS) {
    const v = (m as Record<ClipFieldName, string | string[] | undefined>)[f.name as ClipFieldName];
    const text = Array.isArray(v) ? v.join(',') : v;
    if (text || f.required) put(s3NameOf(f), text ?? '');
  }
  return out;
}

/** Trim strings, drop empty optional fields, split lists. */
export const normalizeMetadata = (input: ClipMetadataInput): ClipMetadata => normalizeClipInput(input);
