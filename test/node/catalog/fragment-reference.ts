/**
 * The brute-force reference the fragment catalog is checked against: every entry scored directly
 * from its fields (terms.ts), filtered by query.ts's `matchesFilters`, facets counted one by one.
 * Clips listed in the same second may come in either order (the index orders them by its own
 * sequence number), so answers are compared as groups of equal (score or sort key, second).
 */
import { entryDate, type CatalogEntry } from '../../../src/catalog/format.ts';
import { matchesFilters, type CatalogQuery, type Facets } from '../../../src/catalog/query.ts';
import { normalize } from '../../../src/catalog/normalize.ts';
import { EXACT_BONUS, exactFormsOf, queryExactForms, queryTerms, termScore, termsOf } from '../../../src/catalog/terms.ts';
import { FACET_FIELDS, fieldValue } from '../../../src/contract/clip-fields.ts';

export interface RefHit {
  id: string;
  /** Groups that may come in any order. */
  group: string;
}

const second = (e: CatalogEntry) => Math.floor((Date.parse(entryDate(e)) || 0) / 1000);

export function referenceScore(e: CatalogEntry, text: string): number | undefined {
  const terms = queryTerms(text);
  if (!terms.length) return 0;
  const words = termsOf(e);
  let total = 0;
  for (const t of terms) {
    let best = 0;
    for (const [w, mask] of words) best = Math.max(best, termScore(t, w, mask));
    if (!best) return undefined;
    total += best;
  }
  const exact = exactFormsOf(e);
  for (const f of queryExactForms(text)) for (const w of exact) if (w.startsWith(f)) total += EXACT_BONUS;
  return total;
}

export function referenceQuery(entries: CatalogEntry[], q: CatalogQuery): { hits: RefHit[]; facets: Facets } {
  const text = q.text ?? '';
  const matched: Array<{ e: CatalogEntry; score: number }> = [];
  for (const e of entries) {
    const score = referenceScore(e, text);
    if (score !== undefined) matched.push({ e, score });
  }
  const facets = Object.fromEntries(
    FACET_FIELDS.map((f) => {
      const counts = new Map<string, number>();
      for (const { e } of matched) {
        const v = fieldValue(e, f.name);
        for (const x of Array.isArray(v) ? new Set(v as string[]) : typeof v === 'string' && v ? [v] : []) counts.set(x, (counts.get(x) ?? 0) + 1);
      }
      const list = [...counts]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'es'))
        .slice(0, f.facet.max);
      return [f.facet.key, list];
    }),
  ) as Facets;
  const filtered = matched.filter(({ e }) => matchesFilters(e, q));
  const sort = q.sort ?? (text.trim() ? 'relevance' : 'date-desc');
  const key = ({ e, score }: { e: CatalogEntry; score: number }): Array<number | string> => {
    const s = second(e);
    switch (sort) {
      case 'relevance':
        return [-score, -s];
      case 'date-desc':
        return [-s];
      case 'date-asc':
        return [s];
      case 'title':
        return [normalize(e.title ?? ''), -s];
      case 'duration-desc':
        return [-(e.durationSeconds ?? 0), -s];
      case 'duration-asc':
        return [e.durationSeconds ?? 0, -s];
    }
  };
  const keyed = filtered.map((m) => ({ id: m.e.id, k: key(m) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.k.length; i++) if (a.k[i] !== b.k[i]) return a.k[i] < b.k[i] ? -1 : 1;
    return 0;
  });
  return { hits: keyed.map((x) => ({ id: x.id, group: JSON.stringify(x.k) })), facets };
}

/** Canonical form for comparing: ids sorted within each group of equal keys. */
export function canonical(hits: RefHit[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < hits.length) {
    let j = i;
    while (j < hits.length && hits[j].group === hits[i].group) j++;
    out.push(
      hits[i].group +
        ':' +
        hits
          .slice(i, j)
          .map((h) => h.id)
          .sort()
          .join(','),
    );
    i = j;
  }
  return out;
}
