/**
 * In-memory inverted index over catalog entries: the whole catalog (100,000 clips) is searched on
 * every keystroke in a few milliseconds.
 *
 * Each distinct normalized word maps to postings (entry number, fields it occurs in). Words are kept
 * sorted, so a query word's prefix matches are one binary search and a contiguous range. A query
 * matches an entry when every query word matches some word of it (AND, prefix), and scores
 *   Σ over query words of  best field weight × (2 for a whole-word match, 1 for a prefix match)
 * with the title above tags, outlet and program, above the description (a title prefix outranks an
 * exact tag). Ties go to the newest.
 */
import { entryDate, type CatalogEntry } from './format.js';
import { foldCaseAndAccents, normalize, tokenize } from './normalize.js';

export const FIELD = { title: 1, tags: 2, outlet: 4, program: 8, description: 16 } as const;
const WEIGHTS: Array<[number, number]> = [
  [FIELD.title, 10],
  [FIELD.tags, 4],
  [FIELD.outlet, 3],
  [FIELD.program, 3],
  [FIELD.description, 1],
];

function weightOf(mask: number): number {
  for (const [bit, w] of WEIGHTS) if (mask & bit) return w;
  return 0;
}

interface Postings {
  docs: number[];
  masks: number[];
}

export interface SearchHit {
  entry: CatalogEntry;
  score: number;
}

export class SearchIndex {
  readonly entries: CatalogEntry[] = [];
  private readonly byId = new Map<string, number>();
  private readonly postings = new Map<string, Postings>();
  private words: string[] | undefined;
  /** Listing date as epoch ms, per entry number (tie-break and sorting without re-parsing). */
  private time = new Float64Array(1024);
  private removed = new Set<number>();
  private scores = new Float32Array(0);
  private hits = new Uint16Array(0);

  get size(): number {
    return this.byId.size;
  }

  /** Add entries (or replace ones with the same id). */
  add(entries: Iterable<CatalogEntry>): void {
    for (const e of entries) {
      const old = this.byId.get(e.id);
      if (old !== undefined) this.removed.add(old);
      const doc = this.entries.length;
      this.entries.push(e);
      this.byId.set(e.id, doc);
      if (doc >= this.time.length) {
        const t = new Float64Array(this.time.length * 2);
        t.set(this.time);
        this.time = t;
      }
      this.time[doc] = Date.parse(entryDate(e)) || 0;
      const seen = new Map<string, number>();
      const put = (text: string | undefined, bit: number) => {
        for (const w of tokenize(text)) seen.set(w, (seen.get(w) ?? 0) | bit);
      };
      put(e.title, FIELD.title);
      put(e.tags?.join(' '), FIELD.tags);
      put(e.outlet, FIELD.outlet);
      put(e.program, FIELD.program);
      put(e.description, FIELD.description);
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
  }

  /** Forget an entry (it stops matching; its slot is reclaimed on the next rebuild). */
  remove(id: string): void {
    const doc = this.byId.get(id);
    if (doc === undefined) return;
    this.removed.add(doc);
    this.byId.delete(id);
  }

  get(id: string): CatalogEntry | undefined {
    const d = this.byId.get(id);
    return d === undefined ? undefined : this.entries[d];
  }

  /** Every live entry. */
  all(): CatalogEntry[] {
    const out: CatalogEntry[] = [];
    for (const d of this.byId.values()) out.push(this.entries[d]);
    return out;
  }

  /** Listing time (ms) of an entry, as indexed. */
  timeOf(id: string): number {
    const d = this.byId.get(id);
    return d === undefined ? 0 : this.time[d];
  }

  private sortedWords(): string[] {
    return (this.words ??= [...this.postings.keys()].sort());
  }

  /** Entries matching every word of `query` (prefix, accent-insensitive), best first. Empty query: all, newest first. */
  search(query: string): SearchHit[] {
    const terms = [...new Set(tokenize(query))];
    const time = this.time;
    if (!terms.length) {
      const docs = [...this.byId.values()].sort((a, b) => time[b] - time[a]);
      return docs.map((d) => ({ entry: this.entries[d], score: 0 }));
    }
    const n = this.entries.length;
    if (this.scores.length < n) {
      this.scores = new Float32Array(Math.max(n, this.scores.length * 2));
      this.hits = new Uint16Array(this.scores.length);
    } else {
      this.scores.fill(0, 0, n);
      this.hits.fill(0, 0, n);
    }
    const scores = this.scores;
    const hits = this.hits;
    const words = this.sortedWords();
    // Words typed with ñ get a small bonus where the entry spells them the same way.
    const exactForms = foldCaseAndAccents(query).split(/[^\p{L}\p{N}]+/u).filter((w) => w.includes('ñ'));
    terms.forEach((term, t) => {
      const perDoc = new Map<number, number>();
      for (let i = lowerBound(words, term); i < words.length && words[i].startsWith(term); i++) {
        const w = words[i];
        const p = this.postings.get(w)!;
        const factor = w === term ? 2 : 1;
        for (let k = 0; k < p.docs.length; k++) {
          const d = p.docs[k];
          if (hits[d] !== t) continue; // failed an earlier term
          const s = weightOf(p.masks[k]) * factor;
          const prev = perDoc.get(d);
          if (prev === undefined || s > prev) perDoc.set(d, s);
        }
      }
      for (const [d, s] of perDoc) {
        scores[d] += s;
        hits[d] = t + 1;
      }
    });
    const need = terms.length;
    const docs: number[] = [];
    for (const d of this.byId.values()) {
      if (hits[d] !== need) continue;
      if (exactForms.length) {
        const e = this.entries[d];
        const text = foldCaseAndAccents(`${e.title} ${e.tags?.join(' ') ?? ''} ${e.outlet ?? ''} ${e.program ?? ''}`);
        for (const f of exactForms) if (text.includes(f)) scores[d] += 0.5;
      }
      docs.push(d);
    }
    docs.sort((a, b) => scores[b] - scores[a] || time[b] - time[a]);
    return docs.map((d) => ({ entry: this.entries[d], score: scores[d] }));
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
