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

/** `ClipMetadata` → S3 user metadata (lowercase keys, ASCII values). */
export function toS3Metadata(m: ClipMetadata, fileName: string): Record<string, string> {
  const out: Record<string, string> = { filename: fileName };
  for (const f of FIELDS) {
    const v = (m as Record<ClipFieldName, string | string[] | undefined>)[f.name as ClipFieldName];
    const text = Array.isArray(v) ? v.join(',') : v;
    if (text) out[s3NameOf(f)] = text;
  }
  if (!out.title) out.title = m.title;
  for (const k of Object.keys(out)) out[k] = encodeMetaValue(out[k]);
  return out;
}

/** Trim strings, drop empty optional fields, split lists. */
export const normalizeMetadata = (input: ClipMetadataInput): ClipMetadata => normalizeClipInput(input);
