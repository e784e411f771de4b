/**
 * Publish, unpublish and delete as plain functions: the routes call them directly outside sensitive
 * periods, and an approved publication request (core/approval) calls them with the clip version the
 * request was made on, so approving acts on exactly what the requester saw.
 */
import { manifestKeyFor } from '../../src/contract/upload-manifest.ts';
import { videoRecordKey } from '../../src/contract/video-record.ts';
import type { Principal } from '../auth/principal.ts';
import { actorOf, changeClip, preconditionFailed, readClip, type LoadedClip } from './clips.ts';
import type { ApiDeps } from './deps.ts';
import { ApiProblem } from './problem.ts';

export async function setPublication(deps: ApiDeps, principal: Principal, id: string, publish: boolean, ifMatch?: string): Promise<LoadedClip> {
  return changeClip(deps, {
    id,
    principal,
    ifMatch,
    action: publish ? 'clip.publish' : 'clip.unpublish',
    event: publish ? 'clip.published' : 'clip.unpublished',
    apply(record, at) {
      if (record.published === publish) return undefined;
      if (publish && record.status !== 'ready')
        throw new ApiProblem('ClipNotReady', `Clip ${record.id} is ${record.status}; only a ready clip can be published`);
      const next = { ...record, published: publish, updatedAt: at };
      if (publish) next.publishedAt = at;
      else delete next.publishedAt;
      return next;
    },
  });
}

/** Out of the catalog first (viewers stop seeing it), then the source, the media, and the record last. */
export async function deleteClipNow(deps: ApiDeps, principal: Principal, id: string, ifMatch?: string): Promise<void> {
  const clip = await readClip(deps, id);
  if (!clip) throw new ApiProblem('NotFound', `No clip ${id}`);
  if (ifMatch !== undefined && ifMatch !== clip.etag) throw preconditionFailed(deps, clip);
  // The record goes last: a delete interrupted midway finds it again and finishes on retry. Deleting
  // it is what takes the clip out of the catalog (the indexer reacts to it).
  const record = videoRecordKey(id);
  // Journalled first (core/audit/intent.ts): a delete interrupted midway still gets its audit entry.
  const intent = await deps.audit.intend(
    { actor: actorOf(principal), action: 'clip.delete', clipId: id, before: clip.record, after: null },
    { key: record, sha256Before: clip.sha256 ?? null, sha256After: null },
  );
  if (clip.record.source?.key) for (const key of [clip.record.source.key, manifestKeyFor(clip.record.source.key)]) await deps.store.delete(key);
  await deps.store.deleteMany((await deps.store.list(`media/${id}/`)).filter((key) => key !== record));
  await deps.store.delete(record);
  await intent.commit();
  await deps.events.emit('clip.deleted', { clipId: id });
}
