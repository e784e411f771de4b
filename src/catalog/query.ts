/**
 * What a catalog view asks for (text, filters, sort) and how it is answered from a SearchIndex:
 * search first (ranked), then filters, then the chosen order; plus facet values for the filter menus.
 */
import { entryDate, type CatalogEntry } from './format.js';
import { normalize } from './normalize.js';
import type { SearchIndex } from './search-index.js';
import { FACET_FIELDS, fieldValue, type ClipFacetKey } from '../contract/clip-fields.js';

export type SortOrder = 'relevance' | 'date-desc' | 'date-asc' | 'title' | 'duration-desc' | 'duration-asc';
export type StatusFilter = '' | 'draft' | 'published' | 'processing' | 'failed';

/** Text, one value per facet (`outlet`, `state`, `tag`, `actor`: src/contract/clip-fields.ts), dates, status and order. */
export type CatalogQuery = CatalogQueryOwn & { [K in ClipFacetKey]?: string };

export interface CatalogQueryOwn {
  text?: string;
  /** Inclusive local dates `YYYY-MM-DD` (what `<input type=date>` gives). */
  from?: string;
  to?: string;
  /** Admin views: by status and publication. */
  status?: StatusFilter;
  sort?: SortOrder;
}

export interface FacetValue {
  value: string;
  count: number;
}

/** Per facet key, its values with counts. */
export type Facets = Record<ClipFacetKey, FacetValue[]>;

/** Whether a query filters by any facet, date or status. */
export const hasFilters = (q: CatalogQuery): boolean => !!(FACET_FIELDS.some((f) => q[f.facet.key]) || q.from || q.to || q.status);

export interface QueryResult {
  entries: CatalogEntry[];
  /** Counted on first access (a UI can update its menus just after the results, off the keystroke path). */
  readonly facets: Facets;
}

const dayStart = (d: string) => Date.parse(`${d}T00:00:00`);
const dayEnd = (d: string) => Date.parse(`${d}T23:59:59.999`);

/** Status of an admin-index entry as shown and filtered. */
export function statusOf(e: CatalogEntry): Exclude<StatusFilter, ''> {
  if (e.status === 'failed') return 'failed';
  if (e.status === 'processing') return 'processing';
  return e.published === false ? 'draft' : 'published';
}

export function matchesFilters(e: CatalogEntry, q: CatalogQuery): boolean {
  for (const f of FACET_FIELDS) {
    const want = q[f.facet.key];
    if (!want) continue;
    const v = fieldValue(e, f.name);
    if (Array.isArray(v) ? !v.includes(want) : v !== want) return false;
  }
  if (q.status && statusOf(e) !== q.status) return false;
  if (q.from || q.to) {
    const t = Date.parse(entryDate(e));
    if (q.from && !(t >= dayStart(q.from))) return false;
    if (q.to && !(t <= dayEnd(q.to))) return false;
  }
  return true;
}

const titleKeys = new WeakMap<CatalogEntry, string>();
const titleKey = (e: CatalogEntry) => {
  let k = titleKeys.get(e);
  if (k === undefined) titleKeys.set(e, (k = normalize(e.title)));
  return k;
};

export function sortEntries(entries: CatalogEntry[], sort: SortOrder, index?: SearchIndex): CatalogEntry[] {
  const time = (e: CatalogEntry) => (index ? index.timeOf(e.id) : Date.parse(entryDate(e)) || 0);
  const dur = (e: CatalogEntry) => e.durationSeconds ?? 0;
  switch (sort) {
    case 'relevance':
      return entries; // already ranked by the search
    case 'date-desc':
      return entries.sort((a, b) => time(b) - time(a));
    case 'date-asc':
      return entries.sort((a, b) => time(a) - time(b));
    case 'title':
      return entries.sort((a, b) => (titleKey(a) < titleKey(b) ? -1 : titleKey(a) > titleKey(b) ? 1 : time(b) - time(a)));
    case 'duration-desc':
      return entries.sort((a, b) => dur(b) - dur(a) || time(b) - time(a));
    case 'duration-asc':
      return entries.sort((a, b) => dur(a) - dur(b) || time(b) - time(a));
  }
}

/** Answer a query. Facets count the text matches (before filters), so a menu never empties itself. */
export function runQuery(index: SearchIndex, q: CatalogQuery): QueryResult {
  const { docs } = index.searchDocs(q.text ?? '');
  let facets: Facets | undefined;
  const countFacets = (): Facets => {
    const all = index.facetCounts(docs);
    return Object.fromEntries(FACET_FIELDS.map((f) => [f.facet.key, all[f.facet.key].slice(0, f.facet.max)])) as Facets;
  };
  const filtering = hasFilters(q);
  const entries: CatalogEntry[] = [];
  for (let i = 0; i < docs.length; i++) {
    const e = index.entryAt(docs[i]);
    if (!filtering || matchesFilters(e, q)) entries.push(e);
  }
  const sort = q.sort ?? (q.text?.trim() ? 'relevance' : 'date-desc');
  // The search already answers newest first without text, and by relevance (then newest) with text.
  const ordered = sort === 'relevance' || (sort === 'date-desc' && !q.text?.trim());
  return {
    entries: ordered ? entries : sortEntries(entries, sort, index),
    get facets() {
      return (facets ??= countFacets());
    },
  };
}
