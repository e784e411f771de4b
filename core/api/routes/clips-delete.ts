/**
 * `DELETE /v1/clips/{id}`: out of the catalog first (viewers stop seeing it), then the source, the
 * media, and the record last. During a sensitive period: a publication request instead (202).
 */
import { deleteClipNow } from '../clip-actions.ts';
import { defineRoute } from '../route.ts';
import { CLIP_ID_SCHEMA } from '../schemas.ts';
import { requestDuringPeriod, REQUESTED_RESPONSE } from '../../approval/gate.ts';

export const deleteClip = defineRoute<{ id: string }>({
  method: 'DELETE',
  path: '/v1/clips/{id}',
  operationId: 'deleteClip',
  summary: 'Delete a clip',
  description:
    'Removes the clip from the catalog, its media and its uploaded source. The audit log keeps its last record. During a sensitive period it answers 202 with a publication request instead, which another admin approves.',
  tag: 'clips',
  scope: 'clips:delete',
  params: { id: CLIP_ID_SCHEMA },
  ifMatch: 'optional',
  responses: { 204: { description: 'Deleted.' }, 202: REQUESTED_RESPONSE },
  problems: ['NotFound', 'PreconditionFailed', 'TooManyPendingRequests'],
  async handle(req, deps) {
    const ifMatch = req.headers['if-match'];
    const requested = await requestDuringPeriod(deps, req.principal, 'delete', req.params.id, ifMatch);
    if (requested) return requested;
    await deleteClipNow(deps, req.principal, req.params.id, ifMatch);
    return { status: 204, headers: { 'cache-control': 'no-store' } };
  },
});
