/**
 * `POST /v1/clips/{id}/preview`: a short-lived grant to play one clip, draft or not, through the
 * CDN's signed preview path (core/preview/preview-signer.ts). Admins only (scope `clips:preview`).
 * Not audited: it changes nothing, and the grant opens only what the admin may already read.
 */
import { grantPreview } from '../../preview/preview-signer.ts';
import { visibleClip } from '../clips.ts';
import { ApiProblem } from '../problem.ts';
import { defineRoute, json } from '../route.ts';
import { CLIP_ID_SCHEMA } from '../schemas.ts';

const SAFE = '^[A-Za-z0-9_~-]+$';

export const previewClip = defineRoute<{ id: string }>({
  method: 'POST',
  path: '/v1/clips/{id}/preview',
  operationId: 'previewClip',
  summary: 'Preview a clip (signed CDN URLs)',
  description:
    'CloudFront signed-URL parameters (custom policy, RSA-SHA1) that open `<cdn>/preview/media/{id}/*` until `expiresAt`, also for a draft. Add `query` to every URL under `folder` (playlists, segments, poster, storyboard), or set `params` as the `CloudFront-Policy`, `CloudFront-Signature` and `CloudFront-Key-Pair-Id` cookies.',
  tag: 'clips',
  scope: 'clips:preview',
  params: { id: CLIP_ID_SCHEMA },
  body: { type: 'object', additionalProperties: false, properties: {}, description: 'Nothing (or `{}`).' },
  bodyOptional: true,
  responses: {
    200: {
      description: 'The grant.',
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['cdnBaseUrl', 'folder', 'query', 'params', 'expiresAt'],
        properties: {
          cdnBaseUrl: {
            type: 'string',
            description: 'The CDN base to play from (`<cdn>/preview`): a player with this base and `video-id` finds the clip.',
          },
          folder: { type: 'string', description: 'The clip’s folder the grant opens.' },
          query: { type: 'string', description: '`Policy=…&Signature=…&Key-Pair-Id=…`' },
          params: {
            type: 'object',
            additionalProperties: false,
            required: ['Policy', 'Signature', 'Key-Pair-Id'],
            properties: {
              Policy: { type: 'string', pattern: SAFE },
              Signature: { type: 'string', pattern: SAFE },
              'Key-Pair-Id': { type: 'string', pattern: SAFE },
            },
          },
          expiresAt: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
  problems: ['NotFound', 'PreviewUnavailable'],
  async handle(req, deps) {
    const clip = await visibleClip(deps, req.principal, req.params.id);
    if (!deps.preview) throw new ApiProblem('PreviewUnavailable', 'This deployment has no preview key');
    return json(200, await grantPreview(deps.preview, deps.cdnBaseUrl, clip.record.id, deps.now()));
  },
});
