/**
 * `PUT /v1/clips/{id}/captions/{lang}` attaches a caption file (WebVTT or SubRip, converted to
 * WebVTT) as the clip's track in that language; `DELETE` removes the clip's track in that language.
 * The rules are core/captions/ (docs/packaging.md "Attached caption files").
 */
import { CAPTION_LIMITS, CAPTION_MEDIA_TYPES } from '../../captions/limits.ts';
import { CAPTION_LANG_PATTERN, attachCaption, removeCaption } from '../../captions/attach.ts';
import { clipDetail } from '../clips.ts';
import { defineRoute, json } from '../route.ts';
import { CLIP_ID_SCHEMA, ref } from '../schemas.ts';

const params = { id: CLIP_ID_SCHEMA, lang: { type: 'string', pattern: CAPTION_LANG_PATTERN, maxLength: 35 } } as const;
const answer = {
  description: 'The clip after the change.',
  schema: ref('ClipDetail'),
  headers: { ETag: { description: 'The new version.', schema: { type: 'string' } } },
};

export const attachClipCaptions = defineRoute<{ id: string; lang: string }, Record<string, never>, string>({
  method: 'PUT',
  path: '/v1/clips/{id}/captions/{lang}',
  operationId: 'attachClipCaptions',
  summary: 'Attach a caption file in one language',
  description: `The body is the file: \`text/vtt\` (WebVTT) or \`application/x-subrip\` (SubRip, converted to WebVTT), UTF-8, at most ${CAPTION_LIMITS.bytes / 1024} KiB, ${CAPTION_LIMITS.cues} cues of ${CAPTION_LIMITS.cueChars} characters, every cue inside the clip. Cue text keeps only \`<b>\`, \`<i>\`, \`<u>\`; cues out of order are sorted, overlapping ones kept. It becomes the clip’s only track in that language (replacing an extracted or attached one), stored under a new content-addressed URI. The clip must be ready. \`If-Match\` is optional; when sent, the change is made only on that version.`,
  tag: 'clips',
  scope: 'clips:write',
  params,
  textBody: { mediaTypes: Object.keys(CAPTION_MEDIA_TYPES), maxBytes: CAPTION_LIMITS.bytes, description: 'The caption file (UTF-8).' },
  ifMatch: 'optional',
  responses: { 200: answer },
  problems: ['NotFound', 'ClipNotReady', 'CaptionFileInvalid', 'PreconditionFailed', 'BodyTooLarge', 'UnsupportedMediaType', 'InvalidRequest'],
  async handle(req, deps) {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const clip = await attachCaption(
      deps,
      req.principal,
      req.params.id,
      req.params.lang,
      CAPTION_MEDIA_TYPES[type]!,
      req.body,
      req.headers['if-match'],
    );
    return json(200, clipDetail(deps, clip), { etag: clip.etag });
  },
});

export const removeClipCaptions = defineRoute<{ id: string; lang: string }>({
  method: 'DELETE',
  path: '/v1/clips/{id}/captions/{lang}',
  operationId: 'removeClipCaptions',
  summary: 'Remove the clip’s captions in one language',
  description:
    'Removes the clip’s track in that language from its record, attached or extracted (the file stays in the bucket until the clip is deleted). `If-Match` is optional.',
  tag: 'clips',
  scope: 'clips:write',
  params,
  ifMatch: 'optional',
  responses: { 200: answer },
  problems: ['NotFound', 'PreconditionFailed'],
  async handle(req, deps) {
    const clip = await removeCaption(deps, req.principal, req.params.id, req.params.lang, req.headers['if-match']);
    return json(200, clipDetail(deps, clip), { etag: clip.etag });
  },
});
