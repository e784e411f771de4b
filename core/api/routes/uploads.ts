/**
 * `/v1/uploads`: server-side uploads through presigned multipart part URLs (core/uploads, docs/server-uploads.md),
 * scope uploads:write. A system client's files go to its own `uploads/` folder (clientIdentityId),
 * a person's to one derived from their login; nobody sees another's uploads. Completion is audited.
 */
import type { Principal } from '../../auth/principal.ts';
import {
  abortUpload,
  clientIdentityId,
  completeUpload,
  completeUploadRequestSchema,
  createUpload,
  createUploadRequestSchema,
  presignPartsRequestSchema,
  presignUploadParts,
  type UploadPrincipal,
} from '../../uploads/index.ts';
import { uploadSessions } from '../../uploads/upload-session.ts';
import { actorOf } from '../clips.ts';
import type { ApiDeps } from '../deps.ts';
import { asProblem } from '../domain-problems.ts';
import { audited } from '../audited.ts';
import { defineRoute, json } from '../route.ts';
import { ref } from '../schemas.ts';

const ID = { type: 'string', pattern: '^[0-9a-f]{32}$' };

const uploaderOf = (deps: ApiDeps, p: Principal): UploadPrincipal => ({
  identityId: clientIdentityId(deps.uploads.region, p.clientId ?? `user:${p.sub}`),
  subject: p.sub,
});

const common = { tag: 'uploads', scope: 'uploads:write' } as const;

export const createServerUpload = defineRoute({
  ...common,
  method: 'POST',
  path: '/v1/uploads',
  operationId: 'createUpload',
  summary: 'Start an upload',
  description:
    'Declares the file (size, SHA-256, type, clip metadata) and answers its part plan with presigned URLs: PUT each part’s bytes to its URL, keep each answer’s ETag, then complete. Packaging verifies the size and SHA-256.',
  body: createUploadRequestSchema,
  responses: { 201: { description: 'The upload, its part plan and the first part URLs.', schema: ref('Upload') } },
  problems: ['InvalidRequest'],
  async handle(req, deps) {
    const created = await asProblem(() => createUpload(deps.uploads, uploaderOf(deps, req.principal), req.body));
    return json(201, created, { location: `/api/v1/uploads/${created.uploadId}` });
  },
});

export const presignServerUploadParts = defineRoute<{ id: string }>({
  ...common,
  method: 'POST',
  path: '/v1/uploads/{id}/parts',
  operationId: 'presignUploadParts',
  summary: 'More (or fresh) part URLs',
  description: 'For parts beyond the first answer’s, or after the URLs expired.',
  params: { id: ID },
  body: presignPartsRequestSchema,
  responses: { 200: { description: 'The part URLs asked for.', schema: ref('UploadPartUrls') } },
  problems: ['NotFound', 'InvalidRequest', 'UploadAborted', 'UploadCompleted'],
  async handle(req, deps) {
    return json(200, await asProblem(() => presignUploadParts(deps.uploads, uploaderOf(deps, req.principal), req.params.id, req.body)));
  },
});

export const completeServerUpload = defineRoute<{ id: string }>({
  ...common,
  method: 'POST',
  path: '/v1/uploads/{id}/complete',
  operationId: 'completeUpload',
  summary: 'Complete an upload',
  description:
    'Checks every part (present, its size, its ETag), assembles the file and starts packaging. The answer names the clip: `clip.ready` (webhook) or `GET /v1/clips/{clipId}` says when it is ready. Completing again answers the same.',
  params: { id: ID },
  body: completeUploadRequestSchema,
  responses: { 200: { description: 'Completed; the clip is being packaged.', schema: ref('CompletedUpload') } },
  problems: ['NotFound', 'InvalidRequest', 'UploadAborted', 'UploadIncomplete', 'UploadSizeMismatch', 'UploadEtagMismatch'],
  async handle(req, deps) {
    // Completing again answers the same; only the completion that made the clip is audited.
    const wasCompleted = (await uploadSessions(deps.uploads.s3, deps.uploads.bucket).get(req.params.id))?.state === 'completed';
    const complete = () => asProblem(() => completeUpload(deps.uploads, uploaderOf(deps, req.principal), req.params.id, req.body));
    const done = wasCompleted
      ? await complete()
      : await audited(deps, { actor: actorOf(req.principal), action: 'upload.complete', before: null, after: null }, complete, (d) => ({
          clipId: d.clipId,
          after: d,
        }));
    return json(200, done);
  },
});

export const abortServerUpload = defineRoute<{ id: string }>({
  ...common,
  method: 'POST',
  path: '/v1/uploads/{id}/abort',
  operationId: 'abortUpload',
  summary: 'Abort an upload',
  description: 'S3 drops its parts. Aborting twice answers the same; a completed upload cannot be aborted.',
  params: { id: ID },
  body: { type: 'object', additionalProperties: false, properties: {}, description: 'Nothing (or `{}`).' },
  bodyOptional: true,
  responses: { 200: { description: 'Aborted.', schema: ref('AbortedUpload') } },
  problems: ['NotFound', 'UploadCompleted'],
  async handle(req, deps) {
    return json(200, await asProblem(() => abortUpload(deps.uploads, uploaderOf(deps, req.principal), req.params.id)));
  },
});
