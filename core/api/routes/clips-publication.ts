/**
 * `POST /v1/clips/{id}/publish` and `/unpublish`: the record's `published`, with its date. During a
 * sensitive period the change is not made: a publication request is (202), for a second admin.
 */
import { setPublication } from '../clip-actions.ts';
import { clipDetail } from '../clips.ts';
import { defineRoute, json, type RouteDef } from '../route.ts';
import { CLIP_ID_SCHEMA, ref } from '../schemas.ts';
import { requestDuringPeriod, REQUEST_BODY_SCHEMA, REQUESTED_RESPONSE } from '../../approval/gate.ts';

function publicationRoute(publish: boolean): RouteDef {
  const verb = publish ? 'publish' : 'unpublish';
  return defineRoute<{ id: string }, Record<string, never>, { reason?: string } | undefined>({
    method: 'POST',
    path: `/v1/clips/{id}/${verb}`,
    operationId: `${verb}Clip`,
    summary: publish ? 'Publish a clip' : 'Unpublish a clip',
    description:
      (publish
        ? 'From then on the CDN serves the clip and the public catalog lists it (inside its `publishAt`/`unpublishAt` window). Only a ready clip can be published. Doing it twice is harmless.'
        : 'The CDN stops serving the clip and the public catalog drops it. Doing it twice is harmless.') +
      ' During a sensitive period it answers 202 with a publication request instead, which another admin approves.',
    tag: 'clips',
    scope: 'clips:publish',
    params: { id: CLIP_ID_SCHEMA },
    body: REQUEST_BODY_SCHEMA,
    bodyOptional: true,
    ifMatch: 'optional',
    responses: {
      200: {
        description: 'The clip after the change.',
        schema: ref('ClipDetail'),
        headers: { ETag: { description: 'The new version.', schema: { type: 'string' } } },
      },
      202: REQUESTED_RESPONSE,
    },
    problems: ['NotFound', 'PreconditionFailed', 'ClipNotReady', 'InvalidRequest', 'TooManyPendingRequests'],
    async handle(req, deps) {
      const ifMatch = req.headers['if-match'];
      const requested = await requestDuringPeriod(deps, req.principal, verb, req.params.id, ifMatch, req.body?.reason);
      if (requested) return requested;
      const clip = await setPublication(deps, req.principal, req.params.id, publish, ifMatch);
      return json(200, clipDetail(deps, clip), { etag: clip.etag });
    },
  });
}

export const publishClip = publicationRoute(true);
export const unpublishClip = publicationRoute(false);
