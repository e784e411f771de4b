/**
 * In-memory inverted index over catalog entries: the whole catalog (100,000 clips) is searched on
 * every keystroke in milliseconds.
 *
 * Each distinct normalized word maps to postings (entry number, fields it occurs in). Words are kept
 * sorted, so a query word's prefix matches are one binary search and a contiguous range. A query
 * matches an entry when every query word matches some word of it (AND, prefix), and scores
 *   Σ over query words of  best field weight × (2 for a whole-word match, 1 for a prefix match)
 * with the title above tags, outlet and program, above the description (a title prefix outranks an
 * exact tag). Ties go to the newest.
 *
 * Per-keystroke work is kept linear and allocation-light: scores live in typed arrays, results are
 * ordered by bucketing a cached newest-first order by score (no full comparison sort), and facets
 * count small integer ids.
 */
import { entryDate, type CatalogEntry } from './format.js';
import { normalize } from './normalize.js';
import { EXACT_BONUS, WEIGHT_OF, exactFormsOf, queryExactForms, queryTerms, termsOf } from './terms.js';
import { FACET_FIELDS, fieldValue, type ClipFacetKey, type ClipFieldDef } from '../contract/clip-fields.js';

export type FacetCounts = Record<ClipFacetKey, Array<{ value: string; count: number }>>;

/** Marks the as-written (with ñ) forms in the word list; sorts before every letter and digit. */
const EXACT = '\u0001';

interface Postings {
  docs: number[];
  masks: number[];
}

export interface SearchHit {
  entry: CatalogEntry;
  score: number;
}

/** Interned facet values: small integer ids per entry, counted in typed arrays. */
class Facet {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  id(value: string): number {
    let i = this.ids.get(value);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(value);
      this.ids.set(value, i);
    }
    return i;
  }
}

/** One facet field's values per entry: one id (or -1) for a single value, id lists for a list field. */
class FacetColumn {
  readonly values = new Facet();
  private one = new Int32Array(1024);
  private many: Array<number[] | undefined> = [];
  constructor(readonly field: ClipFieldDef) {}

  set(doc: number, e: CatalogEntry): void {
    const v = fieldValue(e, this.field.name);
    if (this.field.kind === 'list') {
      this.many[doc] = Array.isArray(v) && v.length ? v.map((t: string) => this.values.id(t)) : undefined;
    } else {
      this.one = grow(this.one, doc + 1, (k) => new Int32Array(k));
      this.one[doc] = typeof v === 'string' && v ? this.values.id(v) : -1;
    }
  }

  count(docs: ArrayLike<number>): Array<{ value: string; count: number }> {
    const counts = new Int32Array(this.values.names.length);
    if (this.field.kind === 'list') {
      for (let i = 0; i < docs.length; i++) {
        const ids = this.many[docs[i]];
        if (ids) for (const x of ids) counts[x]++;
      }
    } else {
      for (let i = 0; i < docs.length; i++) {
        const x = this.one[docs[i]];
        if (x >= 0) counts[x]++;
      }
    }
    const names = this.values.names;
    const out: Array<{ value: string; count: number }> = [];
    for (let i = 0; i < counts.length; i++) if (counts[i]) out.push({ value: names[i], count: counts[i] });
    return out.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'es'));
  }
}

const grow = <T extends Float64Array | Float32Array | Int32Array | Uint8Array | Uint16Array>(a: T, n: number, make: (n: number) => T): T => {
  if (n <= a.length) return a;
  const b = make(Math.max(n, a.length * 2));
  b.set(a);
  return b;
};

export class SearchIndex {
  private readonly entries: CatalogEntry[] = [];
  private readonly byId = new Map<string, number>();
  private readonly postings = new Map<string, Postings>();
  private words: string[] | undefined;
  /** Listing date as epoch ms, per entry number. */
  private time = new Float64Array(1024);
  private alive = new Uint8Array(1024);
  private readonly facets = FACET_FIELDS.map((f) => new FacetColumn(f));
  /** Live entries, newest first; rebuilt after changes. */
  private newest: Int32Array | undefined;
  // Per-query scratch, reused between keystrokes.
  private scores = new Float32Array(0);
  private hits = new Uint16Array(0);
  private termBest = new Float32Array(0);
  private termSeen = new Uint16Array(0);

  get size(): number {
    return this.byId.size;
  }

  /** Add entries (or replace ones with the same id). */
  add(entries: Iterable<CatalogEntry>): void {
    for (const e of entries) {
      const old = this.byId.get(e.id);
      if (old !== undefined) this.alive[old] = 0;
      const doc = this.entries.length;
      this.entries.push(e);
      this.byId.set(e.id, doc);
      const n = doc + 1;
      this.time = grow(this.time, n, (k) => new Float64Array(k));
      this.alive = grow(this.alive, n, (k) => new Uint8Array(k));
      this.time[doc] = Date.parse(entryDate(e)) || 0;
      this.alive[doc] = 1;
      for (const f of this.facets) f.set(doc, e);
      const seen = termsOf(e);
      // Words spelled with ñ are also indexed as written (behind a marker no typed word starts with),
      // so a query typed with ñ can rank the exact spelling first without re-reading entries.
      for (const w of exactFormsOf(e)) seen.set(EXACT + w, 0);
      for (const [w, mask] of seen) {
        let p = this.postings.get(w);
        if (!p) {
          p = { docs: [], masks: [] };
          this.postings.set(w, p);
          this.words = undefined;
        }
        p.docs.push(doc);
        p.masks.push(mask);
      }
    }
    this.newest = undefined;
  }

  /** Forget an entry (it stops matching). */
  remove(id: string): void {
    const doc = this.byId.get(id);
    if (doc === undefined) return;
    this.alive[doc] = 0;
    this.byId.delete(id);
    this.newest = undefined;
  }

  get(id: string): CatalogEntry | undefined {
    const d = this.byId.get(id);
    return d === undefined ? undefined : this.entries[d];
  }

  /** The entry behind a document number returned by `searchDocs`. */
  entryAt(doc: number): CatalogEntry {
    return this.entries[doc];
  }

  /** Listing time (ms) of a document. */
  timeAt(doc: number): number {
    return this.time[doc];
  }

  /** Listing time (ms) of an entry, as indexed. */
  timeOf(id: string): number {
    const d = this.byId.get(id);
    return d === undefined ? 0 : this.time[d];
  }

  /** Every live entry, newest first. */
  all(): CatalogEntry[] {
    return Array.from(this.newestFirst(), (d) => this.entries[d]);
  }

  private newestFirst(): Int32Array {
    if (!this.newest) {
      const docs = Int32Array.from(this.byId.values());
      const time = this.time;
      docs.sort((a, b) => time[b] - time[a] || a - b);
      this.newest = docs;
    }
    return this.newest;
  }

  private sortedWords(): string[] {
    return (this.words ??= [...this.postings.keys()].sort());
  }

  /** Entries matching every word of `query` (prefix, accent-insensitive), best first. Empty query: all, newest first. */
  search(query: string): SearchHit[] {
    const { docs, scores } = this.searchDocs(query);
    return Array.from(docs, (d) => ({ entry: this.entries[d], score: scores ? scores[d] : 0 }));
  }

  /**
   * Document numbers matching `query`, best first (then newest). `scores` is indexed by document
   * number and valid until the next search.
   */
  searchDocs(query: string): { docs: ArrayLike<number>; scores?: Float32Array } {
    const terms = queryTerms(query);
    if (!terms.length) return { docs: this.newestFirst() };
    const n = this.entries.length;
    if (this.scores.length < n) {
      const k = Math.max(n, this.scores.length * 2);
      this.scores = new Float32Array(k);
      this.hits = new Uint16Array(k);
      this.termBest = new Float32Array(k);
      this.termSeen = new Uint16Array(k);
    } else {
      this.scores.fill(0, 0, n);
      this.hits.fill(0, 0, n);
      this.termSeen.fill(0, 0, n);
    }
    const { scores, hits, termBest, termSeen } = this;
    const words = this.sortedWords();
    let matched: number[] = [];
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t];
      const stamp = t + 1;
      const touched: number[] = [];
      for (let i = lowerBound(words, term); i < words.length && words[i].startsWith(term); i++) {
        const w = words[i];
        const p = this.postings.get(w)!;
        const factor = w === term ? 2 : 1;
        const pd = p.docs;
        const pm = p.masks;
        for (let k = 0; k < pd.length; k++) {
          const d = pd[k];
          if (hits[d] !== t) continue; // failed an earlier term
          const s = WEIGHT_OF[pm[k]] * factor;
          if (termSeen[d] !== stamp) {
            termSeen[d] = stamp;
            termBest[d] = s;
            touched.push(d);
          } else if (s > termBest[d]) termBest[d] = s;
        }
      }
      for (let k = 0; k < touched.length; k++) {
        const d = touched[k];
        scores[d] += termBest[d];
        hits[d] = stamp;
      }
      matched = touched;
      if (!touched.length) break;
    }
    const alive = this.alive;
    matched = matched.filter((d) => alive[d] === 1);
    // Words typed with ñ get a small bonus where the entry spells them the same way.
    for (const f of queryExactForms(query)) {
      const key = EXACT + f;
      for (let i = lowerBound(words, key); i < words.length && words[i].startsWith(key); i++) {
        for (const d of this.postings.get(words[i])!.docs) if (hits[d] === terms.length) scores[d] += EXACT_BONUS;
      }
    }
    const time = this.time;
    if (matched.length < 2048) {
      matched.sort((a, b) => scores[b] - scores[a] || time[b] - time[a] || a - b);
      return { docs: matched, scores };
    }
    // Many matches: walk the cached newest-first order once, bucketing by score (few distinct values).
    const need = terms.length;
    const buckets = new Map<number, number[]>();
    for (const d of this.newestFirst()) {
      if (hits[d] !== need) continue;
      const s = scores[d];
      let b = buckets.get(s);
      if (!b) buckets.set(s, (b = []));
      b.push(d);
    }
    const order = [...buckets.keys()].sort((a, b) => b - a);
    const out: number[] = [];
    for (const s of order) for (const d of buckets.get(s)!) out.push(d);
    return { docs: out, scores };
  }

  /** Facet values with counts over some documents, most frequent first, per facet key (`outlet`, `state`, `tag`, …). */
  facetCounts(docs: ArrayLike<number>): FacetCounts {
    return Object.fromEntries(this.facets.map((f) => [f.field.facet!.key, f.count(docs)])) as FacetCounts;
  }
}

function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export { normalize };
