/**
 * Admin operations on clips through the Web API (the server validates, audits and keeps the catalog
 * in line): the same contract as the session expects (load, save with three-way merge on 412,
 * delete). On 412 the API answers the current version, so a merge needs no extra read.
 */
import { CLIP_FIELDS } from '../contract/clip-fields.js';
import { IneError } from '../internal/errors.js';
import { ApiError, type ApiClient, type ClipPatch, type ClipVersion } from './api-client.js';
import { EDITABLE_KEYS, editableOf, sameValue, threeWayMerge, type EditableFields } from './merge.js';
import type { LoadedRecord, SaveOutcome } from './admin.js';

/** How many times a save merges and retries when others keep saving first. */
const MAX_ATTEMPTS = 5;

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length);

/** The metadata fields of `wanted` that differ from `current`, as a merge patch (`null` clears). */
function patchOf(current: EditableFields, wanted: EditableFields): ClipPatch {
  const patch: ClipPatch = {};
  const c = current as Record<string, unknown>;
  const w = wanted as Record<string, unknown>;
  for (const f of CLIP_FIELDS) {
    if (sameValue(c[f.name], w[f.name])) continue;
    patch[f.name] = isEmpty(w[f.name]) ? null : (w[f.name] as string | string[]);
  }
  return patch;
}

const conflictCurrent = (e: unknown): ClipVersion | undefined =>
  e instanceof ApiError && e.problem.code === 'PreconditionFailed' ? e.problem.current : undefined;

export async function loadRecordViaApi(api: ApiClient, id: string): Promise<LoadedRecord> {
  return api.getClip(id);
}

/** Save `mine` over the version the form loaded (`base` at `baseEtag`): metadata first, then publication. */
export async function saveEditsViaApi(
  api: ApiClient,
  id: string,
  base: EditableFields,
  baseEtag: string,
  mine: EditableFields,
): Promise<SaveOutcome> {
  let current: ClipVersion | undefined;
  let wanted = mine;
  let etag = baseEtag;
  let theirs = base;
  let merged = false;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (current) {
      theirs = editableOf(current.record);
      const m = threeWayMerge(base, mine, theirs);
      if (m.conflicts.length) return { kind: 'conflict', conflicts: m.conflicts, theirs: current, merged: m.merged };
      wanted = m.merged;
      etag = current.etag;
      merged = EDITABLE_KEYS.some((k) => !sameValue(theirs[k], base[k]));
    }
    try {
      let saved: ClipVersion | undefined = current;
      const patch = patchOf(theirs, wanted);
      if (Object.keys(patch).length) saved = await api.patchClip(id, patch, etag);
      if (wanted.published !== theirs.published) saved = await api.setPublished(id, wanted.published, saved?.etag ?? etag);
      saved ??= await api.getClip(id); // nothing to write (someone saved the same values)
      return { kind: 'saved', record: saved.record, etag: saved.etag, merged };
    } catch (e) {
      const now = conflictCurrent(e);
      if (!now) throw e;
      current = now;
    }
  }
  throw new IneError('Conflict', `Clip ${id} kept changing; try again`);
}

export async function deleteClipViaApi(api: ApiClient, id: string): Promise<void> {
  try {
    await api.deleteClip(id);
  } catch (e) {
    // Already gone is what was asked for.
    if (!(e instanceof ApiError && e.problem.code === 'NotFound')) throw e;
  }
}
