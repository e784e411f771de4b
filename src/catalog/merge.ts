/**
 * Three-way merge of a clip's editable fields (base = what the form loaded, mine = the form,
 * theirs = what S3 holds now). Fields changed on one side only are taken from that side; fields
 * changed on both sides to different values are conflicts for the admin to resolve. Nothing is
 * ever overwritten silently.
 */
import type { ClipMetadata, VideoRecord } from '../contract/video-record.js';

/** What the admin form edits: the metadata plus publication. */
export interface EditableFields extends ClipMetadata {
  published: boolean;
}

export const EDITABLE_KEYS = ['title', 'description', 'outlet', 'program', 'broadcastAt', 'state', 'tags', 'published'] as const;
export type EditableKey = (typeof EDITABLE_KEYS)[number];

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
  return { ...r.metadata, tags: r.metadata.tags ? [...r.metadata.tags] : undefined, published: r.published === true };
}

export function threeWayMerge(base: EditableFields, mine: EditableFields, theirs: EditableFields): MergeResult {
  const merged = { ...theirs } as Record<EditableKey, unknown>;
  const conflicts: FieldConflict[] = [];
  const changed: EditableKey[] = [];
  for (const field of EDITABLE_KEYS) {
    const b = base[field];
    const m = mine[field];
    const t = theirs[field];
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
  const metadata: ClipMetadata = { title: meta.title };
  for (const k of ['description', 'outlet', 'program', 'broadcastAt', 'state'] as const) {
    const v = meta[k];
    if (v !== undefined && v !== '') metadata[k] = v;
  }
  if (meta.tags?.length) metadata.tags = [...meta.tags];
  const next: VideoRecord = { ...r, metadata, published, updatedAt: now };
  if (published && !r.published) next.publishedAt = now;
  if (!published) delete next.publishedAt;
  return next;
}
