/**
 * `PATCH /v1/clips/{id}`: edit metadata (JSON merge patch over the clip fields). The same rules as the
 * forms (src/contract/clip-validate.ts); text is stored as text, never interpreted as HTML.
 */
import { CLIP_FIELDS, fieldDef, type ClipFieldName } from '../../../src/contract/clip-fields.ts';
import { fieldProblem, orderProblem, pickClipMetadata } from '../../../src/contract/clip-validate.ts';
import { changeClip, clipDetail } from '../clips.ts';
import { ApiProblem } from '../problem.ts';
import { defineRoute, json } from '../route.ts';
import { CLIP_ID_SCHEMA, clipPatchSchema, ref } from '../schemas.ts';
import { activePeriodAt, createPeriodStore } from '../../approval/periods.ts';

/** The fields that decide when a published clip is visible: during a sensitive period they change only through a request. */
const WINDOW_FIELDS: readonly ClipFieldName[] = ['publishAt', 'unpublishAt'];

type Patch = Partial<Record<ClipFieldName, string | string[] | null>>;

/** Trimmed, lists de-duplicated (as the forms tidy what is typed); null stays null (clears). */
function tidy(patch: Patch): Patch {
  const out: Patch = {};
  for (const [k, v] of Object.entries(patch) as Array<[ClipFieldName, string | string[] | null]>) {
    out[k] = Array.isArray(v) ? [...new Set(v.map((t) => t.trim()))] : typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

export const patchClip = defineRoute<{ id: string }, Record<string, never>, Patch>({
  method: 'PATCH',
  path: '/v1/clips/{id}',
  operationId: 'updateClip',
  summary: 'Edit a clip’s metadata',
  description:
    'A JSON merge patch over the clip fields (`null` clears an optional field). `If-Match` with the ETag read is required; on 412 the problem’s `current` holds the clip as it is now, to merge and retry.',
  tag: 'clips',
  scope: 'clips:write',
  params: { id: CLIP_ID_SCHEMA },
  body: clipPatchSchema(),
  ifMatch: 'required',
  responses: {
    200: {
      description: 'The clip after the change.',
      schema: ref('ClipDetail'),
      headers: { ETag: { description: 'The new version.', schema: { type: 'string' } } },
    },
  },
  problems: ['NotFound', 'InvalidRequest', 'PreconditionRequired', 'PreconditionFailed', 'SensitivePeriodActive'],
  async handle(req, deps) {
    const patch = tidy(req.body);
    const now = deps.now();
    const errors = Object.entries(patch).flatMap(([name, v]) => {
      const p = v === null ? (fieldDef(name)?.required ? 'invalid.required' : undefined) : fieldProblem(fieldDef(name)!, v, now);
      return p ? [{ pointer: `/${name}`, message: `${name}: ${p}`, key: p }] : [];
    });
    if (errors.length) throw new ApiProblem('InvalidRequest', 'Some fields break their rules', { errors });
    const period = WINDOW_FIELDS.some((f) => f in patch) ? activePeriodAt(await createPeriodStore(deps.store).list(), now) : undefined;
    const clip = await changeClip(deps, {
      id: req.params.id,
      principal: req.principal,
      ifMatch: req.headers['if-match'],
      action: 'clip.update',
      apply(record, at) {
        const merged: Record<string, unknown> = { ...record.metadata };
        for (const [k, v] of Object.entries(patch)) {
          if (v === null) delete merged[k];
          else merged[k] = v;
        }
        const metadata = pickClipMetadata(merged);
        // Rules across fields (an embargo's end after its start) hold for the record as it will be.
        const order = CLIP_FIELDS.flatMap((f) => {
          const p = orderProblem(f, metadata);
          return p ? [{ pointer: `/${f.name}`, message: `${f.name}: ${p}`, key: p }] : [];
        });
        if (order.length) throw new ApiProblem('InvalidRequest', 'Some fields break their rules', { errors: order });
        // Moving a published clip's window is publishing or unpublishing by another name.
        if (period && record.published && WINDOW_FIELDS.some((f) => (metadata[f] ?? null) !== (record.metadata[f] ?? null)))
          throw new ApiProblem(
            'SensitivePeriodActive',
            `During “${period.label}” (until ${period.end}) a published clip’s publishAt/unpublishAt cannot change; unpublish it through a request first`,
          );
        const same = CLIP_FIELDS.every((f) => JSON.stringify(metadata[f.name] ?? null) === JSON.stringify(record.metadata[f.name] ?? null));
        return same ? undefined : { ...record, metadata, updatedAt: at };
      },
    });
    return json(200, clipDetail(deps, clip), { etag: clip.etag });
  },
});
