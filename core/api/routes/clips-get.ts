/** `GET /v1/clips/{id}`: the record, its URLs and the embed snippet. */
import { clipDetail, visibleClip } from '../clips.ts';
import { defineRoute, json } from '../route.ts';
import { CLIP_ID_SCHEMA, ref } from '../schemas.ts';

export const getClip = defineRoute<{ id: string }>({
  method: 'GET',
  path: '/v1/clips/{id}',
  operationId: 'getClip',
  summary: 'Get one clip',
  description: 'Drafts are visible to admins only (to anyone else they do not exist). The `ETag` header is the version for `If-Match`.',
  tag: 'clips',
  scope: 'clips:read',
  params: { id: CLIP_ID_SCHEMA },
  responses: {
    200: {
      description: 'The clip.',
      schema: ref('ClipDetail'),
      headers: { ETag: { description: 'The version to send in If-Match.', schema: { type: 'string' } } },
    },
  },
  problems: ['NotFound'],
  async handle(req, deps) {
    const clip = await visibleClip(deps, req.principal, req.params.id);
    return json(200, clipDetail(deps, clip), { etag: clip.etag });
  },
});
