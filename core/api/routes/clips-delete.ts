/** `DELETE /v1/clips/{id}`: out of the catalog first (viewers stop seeing it), then the source, the media, and the record last. */
import { manifestKeyFor } from '../../../src/contract/upload-manifest.ts';
import { videoRecordKey } from '../../../src/contract/video-record.ts';
import { actorOf, preconditionFailed, readClip } from '../clips.ts';
import { ApiProblem } from '../problem.ts';
import { defineRoute } from '../route.ts';
import { CLIP_ID_SCHEMA } from '../schemas.ts';

export const deleteClip = defineRoute<{ id: string }>({
  method: 'DELETE',
  path: '/v1/clips/{id}',
  operationId: 'deleteClip',
  summary: 'Delete a clip',
  description: 'Removes the clip from the catalog, its media and its uploaded source. The audit log keeps its last record.',
  tag: 'clips',
  scope: 'clips:delete',
  params: { id: CLIP_ID_SCHEMA },
  ifMatch: 'optional',
  responses: { 204: { description: 'Deleted.' } },
  problems: ['NotFound', 'PreconditionFailed'],
  async handle(req, deps) {
    const id = req.params.id;
    const clip = await readClip(deps, id);
    if (!clip) throw new ApiProblem('NotFound', `No clip ${id}`);
    const ifMatch = req.headers['if-match'];
    if (ifMatch !== undefined && ifMatch !== clip.etag) throw preconditionFailed(deps, clip);
    // The record goes last: a delete interrupted midway finds it again and finishes on retry. Deleting
    // it is what takes the clip out of the catalog (the indexer reacts to it).
    const record = videoRecordKey(id);
    const intent = await deps.audit.intend(
      { actor: actorOf(req.principal), action: 'clip.delete', clipId: id, before: clip.record, after: null },
      { key: record, sha256Before: clip.sha256 ?? null, sha256After: null },
    );
    if (clip.record.source?.key) for (const key of [clip.record.source.key, manifestKeyFor(clip.record.source.key)]) await deps.store.delete(key);
    await deps.store.deleteMany((await deps.store.list(`media/${id}/`)).filter((key) => key !== record));
    await deps.store.delete(record);
    await intent.commit();
    await deps.events.emit('clip.deleted', { clipId: id });
    return { status: 204, headers: { 'cache-control': 'no-store' } };
  },
});
