/**
 * What a catalog view asks for (text, filters, sort) and how it is answered from a SearchIndex:
 * search first (ranked), then filters, then the chosen order; plus facet values for the filter menus.
 */
import { entryDate, type CatalogEntry } from './format.js';
import { normalize } from './normalize.js';
import type { SearchIndex } from './search-index.js';

export type SortOrder = 'relevance' | 'date-desc' | 'date-asc' | 'title' | 'duration-desc' | 'duration-asc';
export type StatusFilter = '' | 'draft' | 'published' | 'processing' | 'failed';

export interface CatalogQuery {
  text?: string;
  outlet?: string;
  state?: string;
  tag?: string;
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

export interface Facets {
  outlet: FacetValue[];
  state: FacetValue[];
  tag: FacetValue[];
}

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
  if (q.outlet && e.outlet !== q.outlet) return false;
  if (q.state && e.state !== q.state) return false;
  if (q.tag && !e.tags?.includes(q.tag)) return false;
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
    return { outlet: all.outlet.slice(0, 200), state: all.state.slice(0, 64), tag: all.tag.slice(0, 200) };
  };
  const filtering = !!(q.outlet || q.state || q.tag || q.from || q.to || q.status);
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
