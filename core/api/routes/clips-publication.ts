/** `POST /v1/clips/{id}/publish` and `/unpublish`: the record's `published`, with its date. */
import { changeClip, clipDetail } from '../clips.ts';
import { ApiProblem } from '../problem.ts';
import { defineRoute, json, type RouteDef } from '../route.ts';
import { CLIP_ID_SCHEMA, ref } from '../schemas.ts';

function publicationRoute(publish: boolean): RouteDef {
  const verb = publish ? 'publish' : 'unpublish';
  return defineRoute<{ id: string }>({
    method: 'POST',
    path: `/v1/clips/{id}/${verb}`,
    operationId: `${verb}Clip`,
    summary: publish ? 'Publish a clip' : 'Unpublish a clip',
    description: publish
      ? 'From then on the CDN serves the clip and the public catalog lists it. Only a ready clip can be published. Doing it twice is harmless.'
      : 'The CDN stops serving the clip and the public catalog drops it. Doing it twice is harmless.',
    tag: 'clips',
    scope: 'clips:publish',
    params: { id: CLIP_ID_SCHEMA },
    body: { type: 'object', additionalProperties: false, properties: {}, description: 'Nothing (or `{}`).' },
    bodyOptional: true,
    ifMatch: 'optional',
    responses: {
      200: {
        description: 'The clip after the change.',
        schema: ref('ClipDetail'),
        headers: { ETag: { description: 'The new version.', schema: { type: 'string' } } },
      },
    },
    problems: ['NotFound', 'PreconditionFailed', 'ClipNotReady'],
    async handle(req, deps) {
      const clip = await changeClip(deps, {
        id: req.params.id,
        principal: req.principal,
        ifMatch: req.headers['if-match'],
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
      return json(200, clipDetail(deps, clip), { etag: clip.etag });
    },
  });
}

export const publishClip = publicationRoute(true);
export const unpublishClip = publicationRoute(false);
