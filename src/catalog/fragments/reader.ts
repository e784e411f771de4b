/**
 * Reading a fragment catalog (format.ts): the root manifest gives the first page and the facet
 * counts over every clip; a query fetches only the term fragments of its words' prefixes, the
 * facet postings of its filters, and the entry chunks of the results asked for. Fetched objects
 * are kept (immutable), so once a word's fragment is here the next keystroke costs no request.
 *
 * Ranking is the SearchIndex's (terms.ts): every query word must prefix-match a word of a searched
 * field; score = Σ best field weight × 2 for a whole word (× 1 for a prefix), + the ñ bonus; ties
 * newest first. Facets count the text matches before filters (a menu never empties itself), exactly
 * when the matches span at most FACET_CHUNK_BUDGET entry chunks, else over the newest matches
 * (`facetsExact: false`, and the view says so).
 */
import type { CatalogEntry, CollectionName } from '../format.js';
import type { CatalogQuery, Facets } from '../query.js';
import { EXACT_BONUS, SEARCHED, WEIGHT_OF, queryExactForms, queryTerms } from '../terms.js';
import { normalize } from '../normalize.js';
import { FACET_FIELDS } from '../../contract/clip-fields.js';
import { IneError } from '../../internal/errors.js';
import { columnChunkOf, columnsOf } from './columns.js';
import {
  FIRST_PAGE_SIZE,
  FRAGMENT_FORMAT_VERSION,
  columnsKey,
  decodeGaps,
  directoryOf,
  fragmentOfFacet,
  ownFacetFragmentOf,
  fragmentsForPrefix,
  isTopTier,
  keyTimeMs,
  wordOfList,
  locate,
  type ColumnChunk,
  type EntryChunk,
  type EntryObject,
  entryObjectKey,
  type EntryPage,
  type FilterFacet,
  type PageGroup,
  type PagePointer,
  type RootManifest,
  type TermDirectory,
  type TermFragment,
  type BlockPointer,
  type CardsPointer,
  type PostingsBlock,
} from './format.js';

/** Facet counts over a text match spanning more entry chunks than this are counted over the newest matches. */
export const FACET_CHUNK_BUDGET = 96;

/** How objects are fetched: the root revalidated every time, everything else immutable. */
export interface FragmentFetcher {
  root(collection: CollectionName): Promise<unknown>;
  /** `priority` (a fetch priority): what a view needs now, or what it will need next ('low'). */
  object(key: string, priority?: RequestPriority): Promise<unknown>;
}

export interface FragmentAnswer {
  /** Matching clips: exact, or (`totalExact: false`) estimated. */
  total: number;
  /** False when the search stopped early (its first results are exact, the total an estimate). */
  totalExact: boolean;
  /** Their doc keys, in order: all of them, or (stopped early) the first ones known exactly. */
  keys: number[];
  /** The text matches (before filters), newest first; undefined when there is no text. Stopped early: the newest ones. */
  textMatches?: number[];
  /** Stopped early: the estimated share of the collection the text matches were looked for in. */
  textShare?: number;
  /** Stopped early: find the first `n` exactly (updates keys, total and textMatches). */
  more?: (n: number) => Promise<void>;
  /** The query's title tiers with title cards (format.ts CARD_MAX): where its results' entries may come from. */
  cards?: CardedList[];
  /** The query's title tiers with the write tokens of their postings: results named by them (EntryObject). */
  located?: LocatedList[];
}

/** A title tier's postings (newest first, as far as loaded) with their write tokens. */
interface LocatedList {
  keys: readonly number[];
  tokens: readonly number[];
}

/** A title tier's cards: the postings they hold (all of a rare tier's, the newest of a frequent one's) and their key. */
interface CardedList {
  key: string;
  keys: readonly number[];
}

export interface FacetAnswer {
  facets: Facets;
  /** False when counted over the newest matches only. */
  exact: boolean;
}

/** Readers refuse documents of a format they do not know. */
export function assertFragmentVersion(doc: unknown, what: string): void {
  const v = (doc as { schemaVersion?: unknown } | undefined)?.schemaVersion;
  if (doc !== undefined && v !== FRAGMENT_FORMAT_VERSION)
    throw new IneError('UnsupportedCatalog', `${what}: unsupported schemaVersion ${String(v)} (this reader knows ${FRAGMENT_FORMAT_VERSION})`);
}

const dayStart = (d: string) => Date.parse(`${d}T00:00:00`);
const dayEnd = (d: string) => Date.parse(`${d}T23:59:59.999`);

/** A term fragment, decoded: its words' postings, ñ spellings, and (facet fragments) plain postings. */
interface Decoded {
  words: Map<string, WordPostings>;
  exact: Map<string, LazyKeys>;
  /** Facet values: all their keys (a bucket), or a frequent value's newest block and older blocks. */
  postings: Map<string, LazyKeys>;
  /** Title tiers → their title cards. */
  cards: Map<string, CardsPointer>;
}

/**
 * A list's keys as far as loaded, newest first: its fragment's (for a frequent list, its newest
 * block), then its older blocks in order as a search needs them. Every key ≥ `lo` is here.
 */
class LazyKeys {
  /** Older blocks loaded so far (blocks[0 … next-1]). */
  next = 0;
  /** Older blocks being fetched (appended in order when they are all here). */
  pending?: Promise<void>;
  constructor(
    readonly keys: number[],
    readonly blocks: BlockPointer[],
  ) {}
  get complete(): boolean {
    return this.next >= this.blocks.length;
  }
  get lo(): number {
    if (this.complete) return -Infinity;
    return this.keys.length ? this.keys[this.keys.length - 1] : Infinity;
  }
}

/** A word's postings as far as loaded: keys with their field masks. */
class WordPostings extends LazyKeys {
  readonly total: number;
  constructor(
    keys: number[],
    readonly masks: number[],
    blocks: BlockPointer[],
    /** Title tiers: each posting's write token (its entry object, format.ts EntryObject). */
    readonly tokens?: number[],
  ) {
    super(keys, blocks);
    this.total = keys.length + blocks.reduce((n, b) => n + b.count, 0);
    let best = 0;
    for (const m of masks) best = Math.max(best, WEIGHT_OF[m]);
    for (const b of blocks) best = Math.max(best, b.max);
    this.best = best;
  }
  /** Best field weight of any posting of the list. */
  readonly best: number;
  /** How many loaded postings have a key ≥ `f` (the keys are newest first). */
  countFrom(f: number): number {
    return f === -Infinity ? this.keys.length : cutAt(this.keys, f);
  }
  /** Best weight among the postings older than `f` (loaded or not). */
  maxBelow(f: number): number {
    let max = 0;
    for (let i = this.countFrom(f); i < this.masks.length; i++) if (WEIGHT_OF[this.masks[i]] > max) max = WEIGHT_OF[this.masks[i]];
    for (let b = this.next; b < this.blocks.length; b++) if (this.blocks[b].max > max) max = this.blocks[b].max;
    return max;
  }
}

/** Positions of a newest-first key list with key ≥ f. */
function cutAt(keys: ArrayLike<number>, f: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] >= f) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One typed word: every list of every word it prefixes, with its factor (2: the whole word), tier and title cards. */
type TermLists = Array<{ p: WordPostings; factor: number; top: boolean; cards?: CardsPointer }>;

/** The weight of a top-tier posting (format.ts TOP_MARK: the heaviest field). */
const TOP_WEIGHT = SEARCHED[0].weight;

/**
 * Text matches down to a frontier: every match with a key ≥ `lo` is known with its exact score.
 * `ranked` is in the query's order; its first `exact` are the query's first results exactly.
 */
interface TextSearch {
  lo: number;
  /** Text matches with keys ≥ lo, newest first (before filters). */
  text: number[];
  /** Those passing the filters, in the query's order (best first, or newest first). */
  ranked: number[];
  exact: number;
  complete: boolean;
  /** Estimated share of the collection's keys that are ≥ lo (1 when complete). */
  share: number;
  /** How many of `ranked` have keys ≥ lo (the rest: title matches older than lo, known from the title tiers). */
  found: number;
  cards: CardedList[];
  /** The query's title tiers as far as loaded: where a result's entry object is named. */
  located: LocatedList[];
}

export class FragmentCatalog {
  private readonly objects = new Map<string, Promise<unknown>>();
  /** Per typed word: its matches (fragments are immutable, so this never goes stale). */
  private readonly terms = new Map<string, ScoredKeys>();
  private readonly decoded = new Map<string, Decoded>();
  /** Per typed word and frontier: its merged matches (fragments and blocks are immutable). */
  private readonly merged = new Map<string, ScoredKeys>();

  private constructor(
    private readonly fetcher: FragmentFetcher,
    readonly root: RootManifest,
  ) {}

  /** Open a collection: undefined when it does not exist yet. */
  static async open(fetcher: FragmentFetcher, collection: CollectionName): Promise<FragmentCatalog | undefined> {
    const root = await fetcher.root(collection);
    if (root === undefined) return undefined;
    assertFragmentVersion(root, 'catalog root');
    return new FragmentCatalog(fetcher, root as RootManifest);
  }

  get count(): number {
    return this.root.count;
  }

  /** Facet counts over every clip, in the shape of a query's facets. */
  allFacets(): Facets {
    return Object.fromEntries(FACET_FIELDS.map((f) => [f.facet.key, this.root.facets[f.facet.key] ?? []])) as Facets;
  }

  private get<T>(key: string, priority?: RequestPriority): Promise<T> {
    let p = this.objects.get(key);
    if (!p) {
      p = this.fetcher.object(key, priority).then((doc) => {
        if (doc === undefined) throw new IneError('NotFound', `catalog object ${key} is missing`);
        assertFragmentVersion(doc, key);
        return doc;
      });
      p.catch(() => this.objects.delete(key));
      this.objects.set(key, p);
    }
    return p as Promise<T>;
  }

  private async directory(c: string): Promise<Record<string, string>> {
    const key = this.root.terms[c];
    return key ? (await this.get<TermDirectory>(key)).fragments : {};
  }

  private async fragment(name: string): Promise<Decoded> {
    const key = (await this.directory(directoryOf(name)))[name];
    if (!key) return { words: new Map(), exact: new Map(), postings: new Map(), cards: new Map() };
    let d = this.decoded.get(key);
    if (!d) {
      const doc = await this.get<TermFragment>(key);
      d = { words: new Map(), exact: new Map(), postings: new Map(), cards: new Map(Object.entries(doc.cards ?? {})) };
      for (const [w, [gaps, masks, tokens]] of Object.entries(doc.words)) {
        const keys = decodeGaps(gaps);
        if (masks) d.words.set(w, new WordPostings(keys, masks.slice(), doc.blocks ?? [], tokens?.slice()));
        else d.postings.set(w, new LazyKeys(keys, doc.blocks ?? []));
      }
      // A frequent ñ spelling's own fragment (no words): its older blocks, loaded as a search needs them.
      const spellingBlocks = Object.keys(doc.words).length ? [] : (doc.blocks ?? []);
      for (const [w, gaps] of Object.entries(doc.exact ?? {})) d.exact.set(w, new LazyKeys(decodeGaps(gaps), spellingBlocks));
      this.decoded.set(key, d);
    }
    return d;
  }

  /** The fragments a typed word needs (`spellings`: for the ñ spellings it prefixes, folded). */
  private async fragmentsFor(term: string, spellings = false): Promise<Decoded[]> {
    const names = fragmentsForPrefix(term, Object.keys(await this.directory(directoryOf(term))), spellings);
    return Promise.all(names.map((n) => this.fragment(n)));
  }

  /** Every clip with a facet value (a filter needs them all: a frequent value's blocks are fetched at once). */
  private async facetKeys(facet: FilterFacet, value: string): Promise<Set<number>> {
    const own = ownFacetFragmentOf(facet, value);
    const listed = own in (await this.directory(directoryOf(own)));
    const p = (await this.fragment(listed ? own : fragmentOfFacet(facet, value))).postings.get(value);
    if (!p) return new Set();
    await (this.loadBlocks(p, -Infinity) ?? p.pending);
    return new Set(p.keys);
  }

  /** The keys of every ñ spelling the typed forms prefix (their exact-spelling bonus). */
  private async spellingLists(forms: string[]): Promise<LazyKeys[]> {
    const found = await Promise.all(forms.map((form) => this.fragmentsFor(normalize(form), true)));
    return found.flatMap((fragments, i) => fragments.flatMap((f) => [...f.exact].filter(([w]) => w.startsWith(forms[i])).map(([, keys]) => keys)));
  }

  /** One typed word's lists: every word it prefixes. */
  private async termLists(term: string): Promise<TermLists> {
    const lists: TermLists = [];
    for (const f of await this.fragmentsFor(term))
      for (const [w, p] of f.words)
        if (w.startsWith(term)) lists.push({ p, factor: wordOfList(w) === term ? 2 : 1, top: isTopTier(w), cards: f.cards.get(w) });
    return lists;
  }

  /** One typed word's matches with keys ≥ its lists' frontier: newest first, best score of any word it prefixes. */
  private termMatches(term: string, lists: TermLists, tier = ''): ScoredKeys {
    let lo = -Infinity;
    for (const { p } of lists) lo = Math.max(lo, p.lo);
    const id = `${term}\u0000${tier}\u0000${lo}`;
    let hit = this.merged.get(id);
    if (!hit) {
      hit = mergeBest(lists.map(({ p, factor }) => ({ keys: p.keys, masks: p.masks, factor, n: p.countFrom(lo) })));
      if (this.merged.size > 200) this.merged.clear();
      this.merged.set(id, hit);
    }
    return hit;
  }

  /**
   * The text matches of a query down to where its first `k` results are known exactly (block-max
   * early stop; docs/catalog.md "Search"): the words' newest postings are loaded first; once every
   * posting newer than a frontier is here, the matches newer than it have exact scores, and no older
   * match can score more than the sum over the words of their best weight older than it (block
   * maxima). Matches newer than the frontier scoring at least that rank before every older one (ties
   * go to the newest), so when `k` of them pass the filters they are the first `k` exactly. Else the
   * frontier moves back (older blocks of the words that hold it, all fetched at once) and again.
   * `k = Infinity` loads everything (sorts that need every match).
   *
   * Two frontiers when ranking by score: every list is loaded down to `lo` (region 1: every match
   * ≥ lo is known with its exact score), and the title tiers possibly further, down to `loTop`
   * (region 2, [loTop, lo)): there a clip in the title tier of every typed word is a match with an
   * exact score, since a title posting outweighs any other field's (TOP_MARK); a clip missing from
   * one word's title tier scores at most `bound2`. Clips older than loTop score at most `bound3`.
   * So a search for common words whose first results have them in the title reads the title lists
   * back and the rest only as far as their newest block.
   */
  private async searchText(text: string, k: number, pass: ((key: number) => boolean) | undefined, byScore: boolean): Promise<TextSearch | undefined> {
    const terms = queryTerms(text);
    if (!terms.length) return undefined;
    const forms = queryExactForms(text);
    // The words' fragments and their ñ spellings' at once (one request level).
    const [lists, exactLists] = await Promise.all([Promise.all(terms.map((t) => this.termLists(t))), this.spellingLists(forms)]);
    const bonusMax = exactLists.length ? forms.length * EXACT_BONUS : 0;
    const all = lists.flat();
    const top = Math.max(this.root.first.keys[0] ?? 0, ...all.map(({ p }) => p.keys[0] ?? 0));
    for (;;) {
      // Another query may be loading blocks of the same words.
      await Promise.all([...all.map(({ p }) => p.pending), ...exactLists.map((x) => x.pending)]);
      let lo = -Infinity;
      for (const { p } of all) lo = Math.max(lo, p.lo);
      // Region 1: AND of the typed words' matches ≥ lo, smallest first, summing scores.
      const r1 = andOf(terms.map((t, i) => cutTo(this.termMatches(t, lists[i]), Infinity, lo)));
      // Region 2 (by score only): a word with a title tier outweighing the rest of its postings
      // ("driven" by it) is read there from its title tier only; any other word from all its lists.
      const rest = lists.map((t) => Math.max(0, ...t.filter((l) => !l.top).map(({ p, factor }) => p.maxBelow(lo) * factor)));
      const driven = lists.map((t, i) => t.some((l) => l.top) && TOP_WEIGHT * Math.min(...t.filter((l) => l.top).map((l) => l.factor)) >= rest[i]);
      const deep = lists.map((t, i) => t.filter((l) => !driven[i] || l.top));
      let loTop = -Infinity;
      for (const { p } of deep.flat()) loTop = Math.max(loTop, p.lo);
      const two = byScore && driven.some(Boolean) && loTop < lo;
      if (!two) loTop = lo;
      // The ñ spellings' keys are needed down to loTop (the bonus of every match scored): a
      // frequent spelling's blocks are usually loaded with the words' (below); if not, now.
      const uncovered = exactLists.filter((x) => x.lo > loTop).map((x) => this.loadBlocks(x, loTop) ?? x.pending);
      if (uncovered.length) {
        await Promise.all(uncovered);
        continue;
      }
      const r2 = two ? andOf(terms.map((t, i) => cutTo(this.termMatches(t, deep[i], driven[i] ? 'top' : ''), lo, loTop))) : { keys: [], scores: [] };
      const keys = r1.keys.concat(r2.keys);
      const total = Float32Array.from(r1.scores.concat(r2.scores));
      for (const { keys: exact } of exactLists)
        // Both lists are newest first: one merge pass.
        for (let i = 0, j = 0; i < keys.length && j < exact.length;) {
          if (keys[i] === exact[j]) total[i++] += EXACT_BONUS;
          else if (keys[i] > exact[j]) i++;
          else j++;
        }
      let passKeys = keys;
      let passScores = total;
      if (pass) {
        const at: number[] = [];
        for (let i = 0; i < keys.length; i++) if (pass(keys[i])) at.push(i);
        passKeys = at.map((i) => keys[i]);
        passScores = Float32Array.from(at, (i) => total[i]);
      }
      const ranked = byScore ? rankByScore(passKeys, passScores) : passKeys;
      let found = passKeys.length;
      if (two) found = pass ? r1.keys.filter(pass).length : r1.keys.length;
      // The best score a match older than loTop can reach (no older match at all: everything is known).
      let bound3 = bonusMax;
      let older = true;
      for (const [i, t] of lists.entries()) {
        let best = driven[i] ? rest[i] : 0;
        let any = 0;
        for (const { p, factor, top } of t) {
          if (top || !driven[i]) best = Math.max(best, p.maxBelow(loTop) * factor);
          any = Math.max(any, p.maxBelow(lo));
        }
        if (!any) older = false;
        bound3 += best;
      }
      // The best score of a clip in [loTop, lo) missing from the title tier of a word driven by it.
      let bound2 = -Infinity;
      if (two) {
        const most = lists.map((t, i) => Math.max(rest[i], ...t.map(({ p, factor }) => p.best * factor)));
        const sum = most.reduce((x, y) => x + y, 0);
        bound2 = sum - Math.min(...most.map((m, i) => (driven[i] ? m - rest[i] : Infinity))) + bonusMax;
      }
      const complete = lo === -Infinity || !older;
      let exact = ranked.length;
      let beyond3 = ranked.length;
      if (!complete && byScore) {
        const sorted = Array.from(passScores).sort((a, b) => b - a);
        beyond3 = 0;
        while (beyond3 < sorted.length && sorted[beyond3] >= bound3) beyond3++;
        // A clip in region 2 may be newer than a result and win a tie: strictly above bound2.
        exact = 0;
        while (exact < beyond3 && sorted[exact] > bound2) exact++;
      }
      // The share of the collection newer than lo, estimated from the longest word list.
      let share = 1;
      if (!complete) {
        const longest = all.reduce((a, b) => (b.p.total > a.p.total ? b : a)).p;
        share = Math.max(1e-6, longest.countFrom(lo) / longest.total);
      }
      if (complete || exact >= k) {
        const { cards, located } = titleSources(all);
        return { lo, text: r1.keys, ranked, exact: complete ? ranked.length : exact, complete, share, found, cards, located };
      }
      // What to load: the title tiers further back while too few results beat every older clip;
      // the rest down to loTop when those are there but a clip of region 2 might still beat them.
      const deepLists = new Set(deep.flat());
      const topOnly = byScore && driven.some(Boolean) && beyond3 < k && [...deepLists].some(({ p }) => !p.complete);
      const restOnly = two && beyond3 >= k;
      const moving = all.filter((l) => (topOnly ? deepLists.has(l) : restOnly ? !deepLists.has(l) : true));
      const from = topOnly ? loTop : lo;
      // Move the frontier back: far enough (by the share of results found so far) for the rest.
      const span = Math.max(1, top - from);
      const got = topOnly ? beyond3 : exact;
      const grow = got > 0 ? Math.min(8, Math.max(1.25, (1.25 * k) / got)) : 4;
      const target = restOnly ? loTop : top - span * grow;
      const loads: Array<Promise<void>> = [];
      for (const x of [...moving.map(({ p }) => p), ...exactLists]) {
        const load = this.loadBlocks(x, target);
        if (load) loads.push(load);
      }
      // The first `exact` results are final whatever the older blocks hold: their entries are
      // fetched now, while the blocks load, so fewer requests wait for the last level.
      if (exact > 0) {
        const { cards, located } = titleSources(all);
        const page = ranked.slice(0, Math.min(exact, FIRST_PAGE_SIZE));
        for (const { key } of this.directSources(page.slice(0, k), cards, located, page).values()) void this.get(key).catch(() => undefined);
      }
      await Promise.all(loads);
    }
  }

  /**
   * Fetch a list's older blocks down to `target` (all of them for -Infinity), at once, and append
   * them in order; undefined when they are here already or being fetched.
   */
  private loadBlocks(p: LazyKeys, target: number): Promise<void> | undefined {
    if (p.complete || p.lo < target || p.pending) return undefined;
    let last = p.next;
    while (last < p.blocks.length - 1 && p.blocks[last].min > target) last++;
    const wanted = p.blocks.slice(p.next, last + 1);
    p.pending = Promise.all(wanted.map((b) => this.get<PostingsBlock>(b.key)))
      .then((blocks) => {
        for (const b of blocks) {
          for (const key of decodeGaps(b.keys)) p.keys.push(key);
          if (!(p instanceof WordPostings)) continue;
          for (const m of b.masks ?? []) p.masks.push(m);
          if (p.tokens) for (const t of b.tokens ?? []) p.tokens.push(t);
        }
        p.next = last + 1;
      })
      .finally(() => (p.pending = undefined));
    return p.pending;
  }

  private async group(gi: number): Promise<PagePointer[]> {
    return (await this.get<PageGroup>(this.root.groups[gi].key)).pages;
  }

  /** The entry page (pointer) covering a doc key: its group from the root, then the page. */
  private async pageOf(key: number): Promise<PagePointer> {
    const pages = await this.group(locate(this.root.groups, key));
    return pages[locate(pages, key)];
  }

  /** The entry chunk (pointer) holding a doc key. */
  private async chunkOf(key: number): Promise<string> {
    const chunks = (await this.get<EntryPage>((await this.pageOf(key)).key)).chunks;
    return chunks[locate(chunks, key)].key;
  }

  /** Every entry page, newest first, skipping groups wholly outside `outside` (fetched in parallel). */
  private async pages(outside: (min: number, upper: number) => boolean = () => false): Promise<PagePointer[]> {
    const groups = this.root.groups;
    const lists = await Promise.all(groups.map((g, gi) => (outside(g.min, gi > 0 ? groups[gi - 1].min : Infinity) ? [] : this.group(gi))));
    const out: PagePointer[] = [];
    for (const l of lists) out.push(...l);
    return out;
  }

  /** Every doc key of the collection, newest first (no text and no facet filter: reads the columns). */
  private async allKeys(fromMs?: number, toMs?: number): Promise<number[]> {
    // A group, page or chunk covers [its min, the previous one's min): skip those wholly outside the dates.
    const outside = (min: number, upper: number) =>
      (toMs !== undefined && keyTimeMs(min) > toMs) || (fromMs !== undefined && keyTimeMs(upper) < fromMs - 1000);
    const pages = await this.pages(outside);
    const wanted = pages.map((p, pi) => (outside(p.min, pi > 0 ? pages[pi - 1].min : Infinity) ? undefined : this.get<EntryPage>(p.key)));
    const out: number[] = [];
    for (const page of wanted) {
      if (!page) continue;
      const chunks = (await page).chunks;
      const cols = await Promise.all(
        chunks.filter((c, ci) => !outside(c.min, ci > 0 ? chunks[ci - 1].min : Infinity)).map((c) => this.get<ColumnChunk>(columnsKey(c.key))),
      );
      for (const c of cols) out.push(...c.keys);
    }
    return out;
  }

  /** Column rows of these keys (loading their chunks' columns); at most `budget` chunks when given. */
  private async columns(keys: number[], budget = Infinity): Promise<{ rows: Map<number, { cols: ColumnChunk; i: number }>; complete: boolean }> {
    const byChunk = new Map<string, number[]>();
    let complete = true;
    // Keys are walked in batches that double in size; each batch's groups, then pages, are fetched
    // in parallel (not one round trip per page), without fetching far past a budget.
    let batch = 64;
    walk: for (let start = 0; start < keys.length; start += batch, batch *= 2) {
      const part = keys.slice(start, start + batch);
      await Promise.all([...new Set(part.map((k) => locate(this.root.groups, k)))].map((gi) => this.group(gi)));
      const pages = await Promise.all(part.map((k) => this.pageOf(k)));
      await Promise.all([...new Set(pages.map((p) => p.key))].map((key) => this.get<EntryPage>(key)));
      for (let i = 0; i < part.length; i++) {
        const chunks = (await this.get<EntryPage>(pages[i].key)).chunks;
        const c = chunks[locate(chunks, part[i])].key;
        if (!byChunk.has(c)) {
          if (byChunk.size >= budget) {
            complete = false;
            break walk;
          }
          byChunk.set(c, []);
        }
        byChunk.get(c)!.push(part[i]);
      }
    }
    const rows = new Map<number, { cols: ColumnChunk; i: number }>();
    await Promise.all(
      [...byChunk].map(async ([c, ks]) => {
        const cols = await this.get<ColumnChunk>(columnsKey(c));
        const at = new Map(cols.keys.map((k, i) => [k, i]));
        for (const k of ks) rows.set(k, { cols, i: at.get(k)! });
      }),
    );
    return { rows, complete };
  }

  /** Answer a query: the ordered doc keys (facets: `facets(answer)`), at least the first `first` when there are that many. */
  async query(q: CatalogQuery, first = FIRST_PAGE_SIZE): Promise<FragmentAnswer> {
    const text = q.text ?? '';
    const filters: Array<[FilterFacet, string]> = FACET_FIELDS.filter((f) => q[f.facet.key]).map((f) => [f.facet.key, q[f.facet.key]!]);
    if (q.status) filters.push(['status', q.status]);
    const from = q.from ? dayStart(q.from) : undefined;
    const to = q.to ? dayEnd(q.to) : undefined;
    const sets = await Promise.all(filters.map(([f, v]) => this.facetKeys(f, v)));
    const dated = from !== undefined || to !== undefined;
    const pass =
      sets.length || dated
        ? (k: number) => {
            for (const s of sets) if (!s.has(k)) return false;
            const t = keyTimeMs(k);
            return !(from !== undefined && t < Math.floor(from / 1000) * 1000) && !(to !== undefined && t > to);
          }
        : undefined;
    const sort = q.sort ?? (text.trim() ? 'relevance' : 'date-desc');

    // Text, ordered by relevance or newest first, no date range: the first results may stop early.
    const early = !dated && (sort === 'relevance' || sort === 'date-desc');
    const found = await this.searchText(text, early ? first : Infinity, pass, sort === 'relevance');
    if (found && early) {
      const answer: FragmentAnswer = { total: 0, totalExact: true, keys: [] };
      const fill = (r: TextSearch) => {
        answer.keys = r.complete ? r.ranked : r.ranked.slice(0, r.exact);
        answer.totalExact = r.complete;
        // Not below what is known, plus one: asking for more always goes further, until the end is known.
        answer.total = r.complete ? r.ranked.length : Math.max(r.exact + 1, Math.round(r.found / r.share));
        answer.textMatches = r.text;
        if (r.cards.length) answer.cards = r.cards;
        if (r.located.length) answer.located = r.located;
        if (r.complete) {
          delete answer.textShare;
          delete answer.more;
        } else answer.textShare = r.share;
      };
      fill(found);
      if (!found.complete) answer.more = async (n) => fill((await this.searchText(text, n, pass, sort === 'relevance'))!);
      return answer;
    }

    // Candidates newest first.
    let keys: number[];
    if (found) keys = found.text;
    else if (sets.length) keys = [...sets[0]].sort((a, b) => b - a);
    else if (dated) keys = await this.allKeys(from, to);
    else keys = [];
    const everything = !found && !sets.length && !dated;
    const textMatched = keys;
    if (pass) keys = keys.filter(pass);

    if (everything) {
      // No text, no filter: the whole collection in listing order, known from the pages' counts.
      if (sort === 'date-desc' || sort === 'relevance') return { total: this.count, totalExact: true, keys: [] };
      keys = await this.allKeys();
    }
    if (sort === 'relevance' && found) keys = found.ranked;
    else if (sort === 'date-asc') keys = keys.slice().reverse();
    else if (sort === 'title' || sort === 'duration-desc' || sort === 'duration-asc') {
      if (keys === textMatched) keys = keys.slice(); // sorted in place below; the text matches are cached
      const { rows } = await this.columns(keys);
      const val = (k: number) => rows.get(k)!;
      if (sort === 'title')
        keys.sort((a, b) => { const x = val(a), y = val(b); const ta = x.cols.title[x.i], tb = y.cols.title[y.i]; return ta < tb ? -1 : ta > tb ? 1 : b - a; }); // prettier-ignore
      else {
        const dir = sort === 'duration-desc' ? 1 : -1;
        keys.sort((a, b) => dir * (val(b).cols.duration[val(b).i] - val(a).cols.duration[val(a).i]) || b - a);
      }
    }
    // (The whole collection newest first returned above; any other order is in `keys`.)
    return {
      total: keys.length,
      totalExact: true,
      keys,
      ...(found ? { textMatches: textMatched } : {}),
      ...(found?.cards.length ? { cards: found.cards } : {}),
      ...(found?.located.length ? { located: found.located } : {}),
    };
  }

  /**
   * Facet counts of an answer: over its text matches before filters (a menu never empties itself),
   * from the root when there is no text. Asked after the results are shown: it may fetch columns.
   * A search that stopped early counts its newest text matches and scales the counts to its
   * estimated total (approximate, and the view says so).
   */
  async facets(answer: FragmentAnswer): Promise<FacetAnswer> {
    if (!answer.textMatches) return { facets: this.allFacets(), exact: true };
    const { rows, complete } =
      (await this.cardColumns(answer.textMatches, answer.cards)) ?? (await this.columns(answer.textMatches, FACET_CHUNK_BUDGET));
    const facets = countFacets(rows.values());
    if (answer.textShare === undefined) return { facets, exact: complete };
    const scale = answer.textMatches.length / answer.textShare / Math.max(1, rows.size);
    for (const list of Object.values(facets)) for (const c of list) c.count = Math.max(1, Math.round(c.count * scale));
    return { facets, exact: false };
  }

  /**
   * The columns of text matches that all have title cards (a rare title word's), from the cards:
   * no page group, page or column chunk to locate. Undefined when some match has none.
   */
  private async cardColumns(
    keys: number[],
    lists: CardedList[] = [],
  ): Promise<{ rows: Map<number, { cols: ColumnChunk; i: number }>; complete: boolean } | undefined> {
    if (!lists.length) return undefined;
    const need = new Map<string, number[]>();
    const left = new Set(keys);
    for (const l of lists) {
      const mine = l.keys.filter((k) => left.delete(k));
      if (mine.length) need.set(l.key, mine);
    }
    if (left.size) return undefined;
    const rows = new Map<number, { cols: ColumnChunk; i: number }>();
    await Promise.all(
      [...need].map(async ([key, ks]) => {
        const chunk = await this.get<EntryChunk>(key);
        const cols = columnChunkOf(chunk.keys, chunk.entries.map(columnsOf));
        for (const k of ks) rows.set(k, { cols, i: chunk.keys.indexOf(k) });
      }),
    );
    return { rows, complete: true };
  }

  /** Entries of an answer, positions [from, to); `priority` 'low' for results not on screen yet. */
  async entries(answer: FragmentAnswer, from: number, to: number, priority?: RequestPriority): Promise<CatalogEntry[]> {
    if (answer.more && to > answer.keys.length) await answer.more(to);
    // The whole collection newest first: its first page is in the root already.
    if (!answer.keys.length && answer.total && to <= this.root.first.entries.length) return this.root.first.entries.slice(from, to);
    const keys = answer.keys.length || !answer.total ? answer.keys.slice(from, to) : await this.newestKeys(from, to);
    // Cards are judged by the page these results are on (its other results follow at once), the
    // same page for a first screen and the rest of it.
    const start = from - (from % FIRST_PAGE_SIZE);
    const page = answer.keys.slice(start, Math.max(to, start + FIRST_PAGE_SIZE));
    const direct = this.directSources(keys, answer.cards ?? [], answer.located ?? [], page);
    return Promise.all(
      keys.map(async (k) => {
        const src = direct.get(k);
        if (src?.object) return (await this.get<EntryObject>(src.key, priority)).entry;
        const chunk = await this.get<EntryChunk>(src?.key ?? (await this.chunkOf(k)), priority);
        return chunk.entries[chunk.keys.indexOf(k)];
      }),
    );
  }

  /**
   * Where results found through title tiers are read without the tree: title cards (when they show
   * at least one in 8 of what they hold, `cardsFor`), else the entry object the posting names.
   */
  private directSources(
    keys: readonly number[],
    cards: readonly CardedList[],
    located: readonly LocatedList[],
    page: readonly number[] = keys,
  ): Map<number, { key: string; object: boolean }> {
    const out = new Map<number, { key: string; object: boolean }>();
    for (const [k, key] of cardsFor(page, cards)) if (keys.includes(k)) out.set(k, { key, object: false });
    for (const k of keys) {
      if (out.has(k)) continue;
      const token = tokenOf(k, located);
      if (token !== undefined) out.set(k, { key: entryObjectKey(this.root.collection, k, token), object: true });
    }
    return out;
  }

  /** Keys at positions [from, to) of the whole collection, newest first, skipping groups, pages and chunks by count. */
  private async newestKeys(from: number, to: number): Promise<number[]> {
    if (to <= this.root.first.keys.length) return this.root.first.keys.slice(from, to);
    const out: number[] = [];
    let pos = 0;
    for (let gi = 0; gi < this.root.groups.length && pos < to; gi++) {
      const g = this.root.groups[gi];
      if (pos + g.count <= from) {
        pos += g.count;
        continue;
      }
      for (const p of await this.group(gi)) {
        if (pos >= to) break;
        if (pos + p.count <= from) {
          pos += p.count;
          continue;
        }
        for (const c of (await this.get<EntryPage>(p.key)).chunks) {
          if (pos + c.count > from && pos < to) {
            const chunk = await this.get<EntryChunk>(c.key);
            for (let i = 0; i < chunk.keys.length; i++) if (pos + i >= from && pos + i < to) out.push(chunk.keys[i]);
          }
          pos += c.count;
          if (pos >= to) break;
        }
      }
    }
    return out;
  }
}

/**
 * Keys (newest first) best score first, ties newest first: a counting sort over the scores, which
 * are few and multiples of 0.5 (weights × 1 or 2, + the ñ bonus). Typed passes only: a keystroke
 * over a million matches stays within milliseconds.
 */
function rankByScore(keys: ArrayLike<number>, scores: Float32Array): number[] {
  const n = keys.length;
  const codes = new Uint32Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const c = Math.round(scores[i] * 2);
    codes[i] = c;
    if (c > max) max = c;
  }
  // Start of each score's run, best score first.
  const start = new Uint32Array(max + 2);
  for (let i = 0; i < n; i++) start[max - codes[i] + 1]++;
  for (let c = 1; c <= max + 1; c++) start[c] += start[c - 1];
  const ranked = new Array<number>(n);
  for (let i = 0; i < n; i++) ranked[start[max - codes[i]]++] = keys[i];
  return ranked;
}

function countFacets(rows: Iterable<{ cols: ColumnChunk; i: number }>): Facets {
  const counts = new Map<string, Map<string, number>>(FACET_FIELDS.map((f) => [f.facet.key, new Map()]));
  for (const { cols, i } of rows)
    for (const f of FACET_FIELDS) {
      const v = cols.facets[f.facet.key]?.[i];
      if (v === null || v === undefined) continue;
      const m = counts.get(f.facet.key)!;
      for (const x of Array.isArray(v) ? v : [v]) m.set(x, (m.get(x) ?? 0) + 1);
    }
  return Object.fromEntries(
    FACET_FIELDS.map((f) => [
      f.facet.key,
      [...counts.get(f.facet.key)!]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'es'))
        .slice(0, f.facet.max),
    ]),
  ) as Facets;
}

interface ScoredKeys {
  /** Newest first. */
  keys: number[];
  scores: Float32Array;
}

/**
 * Several newest-first posting lists → one, each key once with its best score (weight × factor):
 * merged two by two, smallest first (linear merges, not a sort of every posting).
 */
function mergeBest(lists: Array<{ keys: number[]; masks: number[]; factor: number; n: number }>): ScoredKeys {
  const scored: ScoredKeys[] = lists.map(({ keys, masks, factor, n }) => {
    const scores = new Float32Array(n);
    for (let i = 0; i < n; i++) scores[i] = WEIGHT_OF[masks[i]] * factor;
    return { keys: keys.slice(0, n), scores };
  });
  if (!scored.length) return { keys: [], scores: new Float32Array(0) };
  scored.sort((a, b) => b.keys.length - a.keys.length);
  while (scored.length > 1) {
    const a = scored.pop()!;
    const b = scored.pop()!;
    const m = mergeTwo(a, b);
    // Keep the list ordered by length, longest first (few lists: an insertion is enough).
    let at = scored.length;
    while (at > 0 && scored[at - 1].keys.length < m.keys.length) at--;
    scored.splice(at, 0, m);
  }
  return scored[0];
}

function mergeTwo(a: ScoredKeys, b: ScoredKeys): ScoredKeys {
  const ak = a.keys, as = a.scores, bk = b.keys, bs = b.scores; // prettier-ignore
  const keys = new Array<number>(ak.length + bk.length);
  const scores = new Float32Array(ak.length + bk.length);
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < ak.length && j < bk.length) {
    if (ak[i] === bk[j]) {
      keys[n] = ak[i];
      scores[n++] = Math.max(as[i++], bs[j++]);
    } else if (ak[i] > bk[j]) {
      keys[n] = ak[i];
      scores[n++] = as[i++];
    } else {
      keys[n] = bk[j];
      scores[n++] = bs[j++];
    }
  }
  for (; i < ak.length; i++, n++) {
    keys[n] = ak[i];
    scores[n] = as[i];
  }
  for (; j < bk.length; j++, n++) {
    keys[n] = bk[j];
    scores[n] = bs[j];
  }
  keys.length = n;
  return { keys, scores: scores.subarray(0, n) };
}

/**
 * Which keys of a page to read from title cards: a card object is taken when the page shows at least
 * one in 8 of the postings it holds (a card costs ~0.25 KB gzip; locating and
 * reading one entry through its page group, page and chunk ~2.4 KB in 3 more round trips).
 */
function cardsFor(keys: readonly number[], lists: readonly CardedList[]): Map<number, string> {
  const out = new Map<number, string>();
  if (!lists.length) return out;
  const wanted = new Set(keys);
  for (const l of lists) {
    const mine = l.keys.filter((k) => wanted.has(k) && !out.has(k));
    if (mine.length * 8 >= l.keys.length) for (const k of mine) out.set(k, l.key);
  }
  return out;
}

/** A query's title tiers with cards, and with write tokens (as far as loaded). */
function titleSources(lists: TermLists): { cards: CardedList[]; located: LocatedList[] } {
  return {
    cards: lists.flatMap(({ p, cards }) => (cards ? [{ key: cards.key, keys: p.keys.slice(0, cards.count) }] : [])),
    located: lists.flatMap(({ p }) => (p.tokens ? [{ keys: p.keys, tokens: p.tokens }] : [])),
  };
}

/** The write token of a doc key in the query's title tiers (undefined: in none of them). */
function tokenOf(key: number, lists: readonly LocatedList[]): number | undefined {
  for (const l of lists) {
    const i = cutAt(l.keys, key) - 1;
    if (i >= 0 && l.keys[i] === key) return l.tokens[i];
  }
  return undefined;
}

/** The part of newest-first scored keys with keys in [lo, hi). */
function cutTo(x: ScoredKeys, hi: number, lo: number): ScoredKeys {
  const a = hi === Infinity ? 0 : cutAt(x.keys, hi);
  const b = cutAt(x.keys, lo);
  return { keys: x.keys.slice(a, b), scores: x.scores.subarray(a, b) };
}

/** AND of several words' matches: intersected smallest first, scores summed. */
function andOf(per: ScoredKeys[]): { keys: number[]; scores: number[] } {
  const sorted = per.slice().sort((a, b) => a.keys.length - b.keys.length);
  let keys: number[] = sorted[0].keys;
  let scores: ArrayLike<number> = sorted[0].scores;
  for (let t = 1; t < sorted.length && keys.length; t++) ({ keys, scores } = intersect(keys, scores, sorted[t].keys, sorted[t].scores));
  return { keys, scores: Array.from(scores) };
}

/** Keys in both newest-first lists, with the sum of their scores. */
function intersect(
  ak: ArrayLike<number>,
  as: ArrayLike<number>,
  bk: ArrayLike<number>,
  bs: ArrayLike<number>,
  bn = bk.length,
): { keys: number[]; scores: number[] } {
  const keys: number[] = [];
  const scores: number[] = [];
  for (let i = 0, j = 0; i < ak.length && j < bn;) {
    if (ak[i] === bk[j]) {
      keys.push(ak[i]);
      scores.push(as[i++] + bs[j++]);
    } else if (ak[i] > bk[j]) i++;
    else j++;
  }
  return { keys, scores };
}
