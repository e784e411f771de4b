/**
 * Three-way merge of a clip's editable fields (base = what the form loaded, mine = the form,
 * theirs = what S3 holds now). Fields changed on one side only are taken from that side; fields
 * changed on both sides to different values are conflicts for the admin to resolve. Nothing is
 * ever overwritten silently.
 */
import type { VideoRecord } from '../contract/video-record.js';
import { CLIP_FIELD_NAMES, type ClipFieldName, type ClipMetadata } from '../contract/clip-fields.js';
import { pickClipMetadata } from '../contract/clip-validate.js';

/** What the admin form edits: the metadata plus publication. */
export type EditableFields = ClipMetadata & { published: boolean };

/** Every clip field (src/contract/clip-fields.ts), then publication. */
export const EDITABLE_KEYS: ReadonlyArray<ClipFieldName | 'published'> = [...CLIP_FIELD_NAMES, 'published'];
export type EditableKey = ClipFieldName | 'published';

export interface FieldConflict {
  field: EditableKey;
  base: unknown;
  mine: unknown;
  theirs: unknown;
}

export interface MergeResult {
  merged: EditableFields;
  conflicts: FieldConflict[];
  /** Fields where mine differs from theirs after merging (what a save would change). */
  changed: EditableKey[];
}

/** Empty strings, empty tag lists and undefined mean the same thing: no value. */
function canonical(v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  if (Array.isArray(v)) return v.length ? JSON.stringify(v) : '';
  return JSON.stringify(v);
}

export const sameValue = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

export function editableOf(r: VideoRecord): EditableFields {
  const m = r.metadata as Record<string, unknown>;
  const copy = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]));
  return { ...(copy as ClipMetadata), published: r.published === true };
}

export function threeWayMerge(base: EditableFields, mine: EditableFields, theirs: EditableFields): MergeResult {
  const merged = { ...theirs } as Record<EditableKey, unknown>;
  const b0 = base as Record<EditableKey, unknown>;
  const m0 = mine as Record<EditableKey, unknown>;
  const t0 = theirs as Record<EditableKey, unknown>;
  const conflicts: FieldConflict[] = [];
  const changed: EditableKey[] = [];
  for (const field of EDITABLE_KEYS) {
    const b = b0[field];
    const m = m0[field];
    const t = t0[field];
    if (sameValue(m, b) || sameValue(m, t)) continue; // mine did not change it, or both agree
    if (sameValue(t, b)) {
      merged[field] = m; // only mine changed it
      changed.push(field);
    } else {
      conflicts.push({ field, base: b, mine: m, theirs: t });
    }
  }
  return { merged: merged as unknown as EditableFields, conflicts, changed };
}

/** The record with the edited fields applied (publication dates kept in step). */
export function applyEditable(r: VideoRecord, f: EditableFields, now = new Date().toISOString()): VideoRecord {
  const { published, ...meta } = f;
  const metadata = pickClipMetadata(meta);
  const next: VideoRecord = { ...r, metadata, published, updatedAt: now };
  if (published && !r.published) next.publishedAt = now;
  if (!published) delete next.publishedAt;
  return next;
}
