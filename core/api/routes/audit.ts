/** `GET /v1/audit` and `GET /v1/clips/{id}/history`: the audit log, admins only (scope audit:read). */
import { defineRoute, json } from '../route.ts';
import { CLIP_ID_SCHEMA, ref } from '../schemas.ts';
import type { ApiDeps } from '../deps.ts';

const PAGE = { limit: { type: 'integer', minimum: 1, maximum: 100, default: 50 }, cursor: { type: 'string', maxLength: 500 } };

async function page(deps: ApiDeps, clipId: string | undefined, limit: number, cursor: string | undefined) {
  const identity = { clipId, limit };
  const afterSeq = cursor ? deps.cursors.decode(cursor, identity) : 0;
  const items = await deps.audit.list({ clipId, afterSeq, limit: limit + 1 });
  const more = items.length > limit;
  const shown = items.slice(0, limit);
  return json(200, { items: shown, ...(more ? { nextCursor: deps.cursors.encode(shown[shown.length - 1]!.seq, identity) } : {}) });
}

export const listAudit = defineRoute<Record<string, never>, { clipId?: string; limit?: number; cursor?: string }>({
  method: 'GET',
  path: '/v1/audit',
  operationId: 'listAudit',
  summary: 'Read the audit log',
  description: 'Oldest first. Every entry carries the hash of the one before (verify the chain with `npm run audit:verify`).',
  tag: 'audit',
  scope: 'audit:read',
  query: { type: 'object', additionalProperties: false, properties: { clipId: CLIP_ID_SCHEMA, ...PAGE } },
  responses: { 200: { description: 'A page of entries.', schema: ref('AuditPage') } },
  problems: ['InvalidRequest', 'BadCursor'],
  handle: (req, deps) => page(deps, req.query.clipId, req.query.limit ?? 50, req.query.cursor),
});

export const clipHistory = defineRoute<{ id: string }, { limit?: number; cursor?: string }>({
  method: 'GET',
  path: '/v1/clips/{id}/history',
  operationId: 'getClipHistory',
  summary: 'A clip’s history',
  description: 'The audit entries of one clip, oldest first (also after the clip was deleted).',
  tag: 'audit',
  scope: 'audit:read',
  params: { id: CLIP_ID_SCHEMA },
  query: { type: 'object', additionalProperties: false, properties: PAGE },
  responses: { 200: { description: 'A page of entries.', schema: ref('AuditPage') } },
  problems: ['InvalidRequest', 'BadCursor'],
  handle: (req, deps) => page(deps, req.params.id, req.query.limit ?? 50, req.query.cursor),
});
