/**
 * What the index holds of one entry, derived from it alone: its listing time, words (with field
 * masks), ñ spellings, facet values (for filter postings and totals) and columns.
 */
import { entryDate, type CatalogEntry, type CollectionName } from '../../src/catalog/format.js';
import { statusOf } from '../../src/catalog/query.js';
import { exactFormsOf, termsOf } from '../../src/catalog/terms.js';
import { FACET_FIELDS, fieldValue } from '../../src/contract/clip-fields.js';
import { tierWord, type FilterFacet } from '../../src/catalog/fragments/format.js';

export const listingTimeMs = (e: CatalogEntry): number => Date.parse(entryDate(e)) || 0;

/** Facet values an entry is filtered by; the private index also by status. */
export function facetValuesOf(e: CatalogEntry, collection: CollectionName): Array<[FilterFacet, string]> {
  const out: Array<[FilterFacet, string]> = [];
  for (const f of FACET_FIELDS) {
    const v = fieldValue(e, f.name);
    if (Array.isArray(v)) for (const x of new Set(v as string[])) out.push([f.facet.key, x]);
    else if (typeof v === 'string' && v) out.push([f.facet.key, v]);
  }
  if (collection === 'index') out.push(['status', statusOf(e)]);
  return out;
}

export interface Derived {
  /** Postings lists (a word's title tier and the rest, format.ts TOP_MARK) → field mask. */
  words: Map<string, number>;
  exact: Set<string>;
  facets: Array<[FilterFacet, string]>;
}

export const derive = (e: CatalogEntry, collection: CollectionName): Derived => ({
  words: new Map([...termsOf(e)].map(([w, mask]) => [tierWord(w, mask), mask])),
  exact: exactFormsOf(e),
  facets: facetValuesOf(e, collection),
});
