/**
 * Admin operations on clips, every write conditional on the ETag read (docs/catalog.md, conflict handling):
 * edit metadata / publish / unpublish with three-way merge on 412, and delete (media, source,
 * catalog entries). Imported on demand by `<ine-catalog admin>` (it pulls in the AWS SDK).
 */
import { DeleteObjectCommand, DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { videoRecordKey, type VideoRecord } from '../contract/video-record.js';
import { manifestKeyFor } from '../contract/upload-manifest.js';
import { IneError, toIneError } from '../internal/errors.js';
import { applyEditable, editableOf, sameValue, threeWayMerge, type EditableFields, type FieldConflict, EDITABLE_KEYS } from './merge.js';
import { readJson, writeJsonIf, MAX_ATTEMPTS, backoffMs } from './s3-json.js';
import { removeClipFromCatalog, syncClipRecord } from './sync.js';
import type { JsonReader } from './reader.js';

export interface LoadedRecord {
  record: VideoRecord;
  etag: string;
}

export async function loadRecord(s3: S3Client, bucket: string, id: string): Promise<LoadedRecord> {
  const got = await readJson<VideoRecord>(s3, bucket, videoRecordKey(id));
  if (!got) throw new IneError('NotFound', `No record for clip ${id}`);
  return { record: got.value, etag: got.etag };
}

export type SaveOutcome =
  | { kind: 'saved'; record: VideoRecord; etag: string; /** true when another admin's changes were merged in */ merged: boolean }
  | {
      kind: 'conflict';
      conflicts: FieldConflict[];
      theirs: LoadedRecord;
      /** mine merged with theirs where they did not collide */ merged: EditableFields;
    };

/**
 * Save `mine` (the form) over the record the form loaded (`base` + its ETag). On 412: re-read,
 * merge three ways and save when the changes touch different fields; report a conflict otherwise.
 */
export async function saveEdits(
  s3: S3Client,
  bucket: string,
  id: string,
  base: EditableFields,
  baseEtag: string,
  mine: EditableFields,
): Promise<SaveOutcome> {
  let current: LoadedRecord | undefined;
  let etag = baseEtag;
  let wanted = mine;
  let merged = false;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (current) {
      const theirs = editableOf(current.record);
      const m = threeWayMerge(base, mine, theirs);
      if (m.conflicts.length) return { kind: 'conflict', conflicts: m.conflicts, theirs: current, merged: m.merged };
      wanted = m.merged;
      etag = current.etag;
      merged = EDITABLE_KEYS.some((k) => !sameValue(theirs[k], base[k]));
      if (!EDITABLE_KEYS.some((k) => !sameValue(wanted[k], theirs[k]))) {
        // Nothing left to write (someone saved the same values); still make sure the catalog agrees.
        await syncClipRecord(s3, bucket, current.record);
        return { kind: 'saved', record: current.record, etag: current.etag, merged };
      }
    } else {
      current = await loadRecord(s3, bucket, id);
      if (current.etag !== baseEtag) continue; // changed since the form loaded: merge on the next turn
    }
    const next = applyEditable(current.record, wanted);
    let newEtag: string;
    try {
      newEtag = await writeJsonIf(s3, bucket, videoRecordKey(id), next, etag);
    } catch (e) {
      const err = toIneError(e);
      if (err.code !== 'Conflict') throw err;
      await new Promise((r) => setTimeout(r, backoffMs(attempt)));
      current = await loadRecord(s3, bucket, id);
      continue;
    }
    await syncClipRecord(s3, bucket, next);
    return { kind: 'saved', record: next, etag: newEtag, merged };
  }
  throw new IneError('Conflict', `Clip ${id} kept changing; try again`);
}

/** Delete a clip: out of the catalog first (viewers stop seeing it), then media, then the source. */
export async function deleteClip(s3: S3Client, bucket: string, id: string): Promise<void> {
  let record: VideoRecord | undefined;
  try {
    record = (await loadRecord(s3, bucket, id)).record;
  } catch (e) {
    if (toIneError(e).code !== 'NotFound') throw toIneError(e);
  }
  try {
    await removeClipFromCatalog(s3, bucket, id);
    const prefix = `media/${id}/`;
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      const keys = (page.Contents ?? []).map((o) => ({ Key: o.Key! }));
      if (keys.length) {
        const res = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }));
        if (res.Errors?.length) throw new IneError(res.Errors[0].Code === 'AccessDenied' ? 'AccessDenied' : 'ServerError', res.Errors[0].Message);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    if (record?.source?.key) {
      for (const key of [record.source.key, manifestKeyFor(record.source.key)]) {
        await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      }
    }
  } catch (e) {
    throw toIneError(e);
  }
}

/** Reads JSON through S3 for `s3Source` (the admin's view of `index/`). */
export function s3JsonReader(s3: S3Client, bucket: string): JsonReader {
  return { read: async <T>(key: string) => (await readJson<T>(s3, bucket, key))?.value };
}
