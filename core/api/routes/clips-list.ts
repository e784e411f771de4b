/** `GET /v1/clips`: list and search, with the catalog's ranking, filters and sorts; cursor pages. */
import { FACET_FIELDS } from '../../../src/contract/clip-fields.ts';
import type { CatalogQuery, SortOrder, StatusFilter } from '../../../src/catalog/query.ts';
import { defineRoute, json } from '../route.ts';
import { ref } from '../schemas.ts';

const SORTS: SortOrder[] = ['relevance', 'date-desc', 'date-asc', 'title', 'duration-desc', 'duration-asc'];
const STATUSES: Exclude<StatusFilter, ''>[] = ['draft', 'published', 'processing', 'failed'];
const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };

type ListQuery = {
  q?: string;
  from?: string;
  to?: string;
  status?: Exclude<StatusFilter, ''>;
  sort?: SortOrder;
  limit?: number;
  cursor?: string;
} & Record<string, string | number | undefined>;

export const listClips = defineRoute<Record<string, never>, ListQuery>({
  method: 'GET',
  path: '/v1/clips',
  operationId: 'listClips',
  summary: 'List and search clips',
  description:
    'Ranked like `<ine-catalog>`: every word must match a field (prefix), title above tags, outlet and program, above the description; ties newest first. Admins see every clip (filter with `status`); everyone else published, ready clips only.',
  tag: 'clips',
  scope: 'clips:read',
  query: {
    type: 'object',
    additionalProperties: false,
    properties: {
      q: { type: 'string', maxLength: 200, description: 'Search text.' },
      ...Object.fromEntries(
        FACET_FIELDS.map((f) => [
          f.facet.key,
          { type: 'string', maxLength: 200, description: `Only clips whose ${f.name} is (or includes) this value.` },
        ]),
      ),
      from: { ...DATE, description: 'Listed on or after this local date.' },
      to: { ...DATE, description: 'Listed on or before this local date.' },
      status: { enum: STATUSES, description: 'Admins: by status.' },
      sort: { enum: SORTS, description: 'Default: relevance with `q`, newest first without.' },
      limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
      cursor: { type: 'string', maxLength: 500, description: 'From the previous page’s `nextCursor`.' },
    },
  },
  responses: { 200: { description: 'One page of matches.', schema: ref('ClipPage') } },
  problems: ['InvalidRequest', 'BadCursor'],
  async handle(req, deps) {
    const { cursor, limit = deps.limits.pageSizeDefault, q, ...rest } = req.query;
    const query: CatalogQuery = { ...(rest as CatalogQuery), ...(q ? { text: q } : {}) };
    const identity = { ...req.query, limit, role: req.principal.role === 'admin' ? 'admin' : 'other' };
    const offset = cursor ? deps.cursors.decode(cursor, identity) : 0;
    const { items, total } = await deps.search.page(query, {
      everyClip: req.principal.role === 'admin',
      offset,
      limit: Math.min(limit, deps.limits.pageSizeMax),
    });
    const next = offset + items.length;
    return json(200, { items, total, ...(next < total ? { nextCursor: deps.cursors.encode(next, identity) } : {}) });
  },
});
