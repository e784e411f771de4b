/**
 * The one writer of a fragment collection (`catalog/` or `index/`): applies one clip's change
 * (an entry in place of clip `id`, or none) to just the objects it touches, or rebuilds everything.
 *
 * Crash safety: every new object is written first under a content-addressed key nobody reads yet;
 * the root manifest is then written with If-Match on the ETag read at the start — the commit point.
 * A crash before it leaves readers on the old view (the new objects are orphans, swept later); a
 * concurrent writer makes the root write fail with 412 and the change is re-applied on the new view.
 */
import type { CatalogEntry, CollectionName } from '../../src/catalog/format.js';
import {
  CARD_MAX,
  HEAD_CARDS,
  CHUNK_MAX,
  FIRST_PAGE_SIZE,
  FRAGMENT_CACHE_CONTROL,
  FRAGMENT_FORMAT_VERSION,
  GROUP_MAX,
  OWN_FRAGMENT_MIN,
  OWN_MARK,
  POSTINGS_BLOCK,
  FACET_MARK,
  PAGE_MAX,
  ROOT_CACHE_CONTROL,
  SEQ_SPAN,
  columnsKey,
  captionWordsKey,
  type CaptionWordsChunk,
  decodeGaps,
  directoryOf,
  entryObjectKey,
  fragmentOfFacet,
  fragmentOfSpelling,
  fragmentOfWord,
  isTopTier,
  keyBase,
  locate,
  mayOwnFragment,
  ownFacetFragmentOf,
  ownFragmentIn,
  ownFragmentOf,
  rootKey,
  sharedFragmentOf,
  type ChunkPointer,
  type EntryChunk,
  type EntryPage,
  type FacetCount,
  type PageGroup,
  type PagePointer,
  type RootManifest,
  type TermDirectory,
  type TermFragment,
  type PostingsBlock,
} from '../../src/catalog/fragments/format.js';
import { FACET_FIELDS } from '../../src/contract/clip-fields.js';
import { IneError, toIneError } from '../../src/internal/errors.js';
import { listedForm } from './caption-words.js';
import { derive, listingTimeMs } from './derive.js';
import {
  encodeChunk,
  encodeEntryObject,
  newWriteToken,
  withCaptionWordsBack,
  encodeDirectory,
  encodeFragment,
  encodeGroup,
  encodePage,
  named,
  type FragmentData,
  type NamedObject,
  type PostingList,
} from './objects.js';
import type { ObjectStore, WriteStats } from './store.js';

/** Id → doc key maps are spread over this many writer objects. */
export const ID_SHARDS = 512;
/** Chunks, pages and groups are filled this far by a rebuild, leaving room for inserts before a split. */
const REBUILD_CHUNK = Math.floor((CHUNK_MAX * 3) / 4);
const rebuildFill = (max: number) => Math.max(1, Math.floor((max * 3) / 4));
const WRITE_PARALLEL = 16;
const MAX_ATTEMPTS = 20;

interface WriterState {
  schemaVersion: typeof FRAGMENT_FORMAT_VERSION;
  /** Id shard number → object key. */
  ids: Record<string, string>;
  /** Facet → value → clips, over the whole collection. */
  totals: string;
}

type Totals = Record<string, Record<string, number>>;

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
const idShardOf = (id: string): number => fnv(id) % ID_SHARDS;

export interface EditReport extends WriteStats {
  /** Whether the collection changed (an identical entry is not written again). */
  changed: boolean;
}

export interface CollectionWriterOptions {
  /** Called after the new objects are written and before the root switch (crash tests). */
  beforeCommit?: () => Promise<void>;
  /** Layout limits (tests use small ones to exercise splits and moves; readers do not depend on them). */
  pageMax?: number;
  groupMax?: number;
  ownFragmentMin?: number;
  /** Postings per block of a frequent word (POSTINGS_BLOCK). */
  postingsBlock?: number;
  /** Most postings of a title tier with title cards (CARD_MAX), and a frequent one's head cards (HEAD_CARDS). */
  cardMax?: number;
  headCards?: number;
}

/** The layout limits a writer uses. */
interface Layout {
  pageMax: number;
  groupMax: number;
  ownFragmentMin: number;
  postingsBlock: number;
  cardMax: number;
  headCards: number;
}

/** Insert `key` into a newest-first list (no duplicates); returns its position. */
function insertDesc(keys: number[], key: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] > key) lo = mid + 1;
    else hi = mid;
  }
  keys.splice(lo, 0, key);
  return lo;
}
function indexDesc(keys: number[], key: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] > key) lo = mid + 1;
    else hi = mid;
  }
  return keys[lo] === key ? lo : -1;
}

function topFacets(totals: Totals): Record<string, FacetCount[]> {
  return Object.fromEntries(
    FACET_FIELDS.map((f) => {
      const t = totals[f.facet.key] ?? {};
      const list = Object.entries(t)
        .filter(([, n]) => n > 0)
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'es'))
        .slice(0, f.facet.max);
      return [f.facet.key, list];
    }),
  );
}

interface ChunkData {
  keys: number[];
  entries: CatalogEntry[];
  /** Each entry's write token (its entry object's name). */
  tokens: number[];
}
interface ChunkSlot {
  ptr: ChunkPointer;
  data?: ChunkData;
  dirty: boolean;
}
interface PageSlot {
  ptr: PagePointer;
  chunks?: ChunkSlot[];
  dirty: boolean;
}
interface GroupSlot {
  ptr: PagePointer;
  pages?: PageSlot[];
  dirty: boolean;
}

/**
 * Frequent words, facet values and ñ spellings to their own fragments, and lists grown rare back to
 * their shared fragment (below a quarter of the threshold), among the loaded fragments.
 */
function rebalance(fragments: Map<string, FragmentData>, ownMin: number): void {
  for (const [name, f] of [...fragments]) {
    if (name.includes(OWN_MARK)) {
      const shared = fragments.get(sharedFragmentOf(name));
      if (!shared) continue;
      for (const [w, p] of [...f.words]) {
        if (p.keys.length >= ownMin / 4) continue;
        shared.words.set(w, p);
        f.words.delete(w);
      }
      for (const [w, keys] of [...f.exact]) {
        if (keys.length >= ownMin / 4) continue;
        shared.exact.set(w, keys);
        f.exact.delete(w);
      }
      continue;
    }
    for (const [w, keys] of [...f.exact]) {
      if (keys.length < ownMin) continue;
      const own = ownFragmentIn(name, w);
      const o = fragments.get(own);
      if (o) o.exact.set(w, keys);
      else fragments.set(own, { words: new Map(), exact: new Map([[w, keys]]) });
      f.exact.delete(w);
    }
    for (const [w, p] of [...f.words]) {
      if (!mayOwnFragment(w) || p.keys.length < ownMin) continue;
      const own = ownFragmentIn(name, w);
      const o = fragments.get(own);
      if (o) o.words.set(w, p);
      else fragments.set(own, { words: new Map([[w, p]]), exact: new Map() });
      f.words.delete(w);
      // Its cards go along: the own fragment keeps those of its newest postings.
      const cards = f.cards?.get(w);
      f.cards?.delete(w);
      if (cards) (fragments.get(own)!.cards ??= new Map()).set(w, cards);
    }
  }
}

export class CollectionWriter {
  /** Immutable objects read or written before: content-addressed, so never stale. */
  private readonly cache = new Map<string, unknown>();
  private readonly known = new Set<string>();
  readonly layout: Layout;

  constructor(
    private readonly store: ObjectStore,
    readonly collection: CollectionName,
    private readonly options: CollectionWriterOptions = {},
  ) {
    this.layout = {
      pageMax: options.pageMax ?? PAGE_MAX,
      groupMax: options.groupMax ?? GROUP_MAX,
      ownFragmentMin: options.ownFragmentMin ?? OWN_FRAGMENT_MIN,
      postingsBlock: options.postingsBlock ?? POSTINGS_BLOCK,
      cardMax: options.cardMax ?? CARD_MAX,
      headCards: options.headCards ?? HEAD_CARDS,
    };
  }

  async readImmutable<T>(key: string): Promise<T> {
    let v = this.cache.get(key) as T | undefined;
    if (v === undefined) {
      const got = await this.store.get(key);
      if (!got) throw new IneError('NotFound', `index object ${key} is missing`);
      v = JSON.parse(got.text) as T;
      if (this.cache.size > 20000) this.cache.clear();
      this.cache.set(key, v);
      this.known.add(key);
    }
    return v;
  }

  async readRoot(): Promise<{ root: RootManifest; etag: string } | undefined> {
    const got = await this.store.get(rootKey(this.collection));
    if (!got) return undefined;
    const root = JSON.parse(got.text) as RootManifest;
    if (root.schemaVersion !== FRAGMENT_FORMAT_VERSION) return undefined; // another format: replaced by the next commit
    return { root, etag: got.etag };
  }

  /** Put `entry` in place of clip `id` (none: remove it). Retries when another writer committed meanwhile. */
  async apply(id: string, entry: CatalogEntry | undefined): Promise<EditReport> {
    const before = { ...this.store.written };
    for (let attempt = 0; ; attempt++) {
      try {
        const changed = await this.applyOnce(id, entry);
        return { changed, objects: this.store.written.objects - before.objects, bytes: this.store.written.bytes - before.bytes };
      } catch (e) {
        const err = toIneError(e);
        if (err.code !== 'Conflict' || attempt + 1 >= MAX_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(500, 10 * 2 ** attempt)));
      }
    }
  }

  private async applyOnce(id: string, next: CatalogEntry | undefined): Promise<boolean> {
    const cur = await this.readRoot();
    // A root of another format cannot be edited in place: the rebuild (the migration) replaces it.
    if (!cur && (await this.store.get(rootKey(this.collection))))
      throw new IneError('UnsupportedCatalog', `${rootKey(this.collection)} is of another format version: run npm run catalog:rebuild`);
    const tx = new Tx(this, this.collection, cur?.root);
    const state = cur ? await this.readImmutable<WriterState>(cur.root.writer) : undefined;
    const shardNo = String(idShardOf(id));
    const ids: Record<string, number> = state?.ids[shardNo] ? { ...(await this.readImmutable<Record<string, number>>(state.ids[shardNo])) } : {};
    const totals: Totals = state ? structuredClone(await this.readImmutable<Totals>(state.totals)) : {};
    const oldKey = ids[id];
    const old = oldKey === undefined ? undefined : await tx.entryAt(oldKey);
    if (!old && !next) return false;
    let newKey: number | undefined;
    if (next) {
      const base = keyBase(listingTimeMs(next));
      newKey = oldKey !== undefined && Math.floor(oldKey / SEQ_SPAN) * SEQ_SPAN === base ? oldKey : await tx.freeKey(base, oldKey);
      if (old && newKey === oldKey && JSON.stringify(old) === JSON.stringify(next)) return false;
    }
    if (old) {
      await tx.removeEntry(oldKey!);
      tx.postings(derive(old, this.collection), oldKey!, undefined);
      for (const [f, v] of derive(old, this.collection).facets) totals[f] = { ...totals[f], [v]: (totals[f]?.[v] ?? 1) - 1 };
      delete ids[id];
    }
    if (next) {
      await tx.insertEntry(newKey!, next);
      tx.postings(derive(next, this.collection), undefined, newKey!, next);
      for (const [f, v] of derive(next, this.collection).facets) totals[f] = { ...totals[f], [v]: (totals[f]?.[v] ?? 0) + 1 };
      ids[id] = newKey!;
    }
    for (const f of Object.keys(totals)) for (const [v, n] of Object.entries(totals[f])) if (n <= 0) delete totals[f][v];
    const objects: NamedObject[] = [];
    const idsObj = named(this.collection, 'ids', ids, true);
    const totalsObj = named(this.collection, 'totals', totals, true);
    const stateObj = named(
      this.collection,
      'state',
      { schemaVersion: FRAGMENT_FORMAT_VERSION, ids: { ...state?.ids, [shardNo]: idsObj.key }, totals: totalsObj.key } satisfies WriterState,
      true,
    );
    objects.push(idsObj, totalsObj, stateObj);
    const root = await tx.finish(objects, (cur?.root.count ?? 0) + (next ? 1 : 0) - (old ? 1 : 0), topFacets(totals), stateObj.key);
    await this.writeObjects(objects);
    await this.options.beforeCommit?.();
    await this.store.put(rootKey(this.collection), JSON.stringify(root), { cacheControl: ROOT_CACHE_CONTROL, ifMatch: cur ? cur.etag : null });
    return true;
  }

  async writeObjects(objects: NamedObject[]): Promise<void> {
    const todo = objects.filter((o) => !this.known.has(o.key));
    let i = 0;
    const worker = async () => {
      while (i < todo.length) {
        const o = todo[i++];
        await this.store.put(o.key, o.text, { cacheControl: FRAGMENT_CACHE_CONTROL });
        this.known.add(o.key);
        this.cache.set(o.key, JSON.parse(o.text));
      }
    };
    await Promise.all(Array.from({ length: Math.min(WRITE_PARALLEL, todo.length) }, worker));
  }

  /** Everything from the entries (ids unique): replaces the collection in one commit. */
  async rebuild(entries: CatalogEntry[]): Promise<WriteStats> {
    const before = { ...this.store.written };
    const timed = entries.map((e) => ({ e, t: keyBase(listingTimeMs(e)) })).sort((a, b) => b.t - a.t || (a.e.id < b.e.id ? -1 : 1));
    const keys: number[] = [];
    for (let i = 0; i < timed.length; i++) {
      let seq = 0;
      for (let j = i - 1; j >= 0 && timed[j].t === timed[i].t; j--) seq++;
      if (seq >= SEQ_SPAN) throw new IneError('Unknown', `More than ${SEQ_SPAN} clips listed in the same second`);
      keys.push(timed[i].t + SEQ_SPAN - 1 - seq);
    }
    const objects: NamedObject[] = [];
    // One write token for every entry (format.ts EntryObject), and each entry's object.
    const token = newWriteToken();
    timed.forEach(({ e }, i) => objects.push(encodeEntryObject(this.collection, keys[i], token, e)));
    // Entries: chunks, then pages.
    const chunkPtrs: ChunkPointer[] = [];
    for (let i = 0; i < timed.length; i += REBUILD_CHUNK) {
      const ks = keys.slice(i, i + REBUILD_CHUNK);
      const enc = encodeChunk(
        this.collection,
        ks,
        timed.slice(i, i + REBUILD_CHUNK).map((x) => x.e),
        ks.map(() => token),
      );
      objects.push(enc.entries, enc.cols, ...(enc.words ? [enc.words] : []));
      chunkPtrs.push({ min: ks[ks.length - 1], count: ks.length, key: enc.entries.key });
    }
    const pages: PagePointer[] = [];
    const pageFill = rebuildFill(this.layout.pageMax);
    for (let i = 0; i < chunkPtrs.length; i += pageFill) {
      const cs = chunkPtrs.slice(i, i + pageFill);
      const page = encodePage(this.collection, cs);
      objects.push(page);
      pages.push({ min: cs[cs.length - 1].min, count: cs.reduce((s, c) => s + c.count, 0), key: page.key });
    }
    const groups: PagePointer[] = [];
    const groupFill = rebuildFill(this.layout.groupMax);
    for (let i = 0; i < pages.length; i += groupFill) {
      const ps = pages.slice(i, i + groupFill);
      const group = encodeGroup(this.collection, ps);
      objects.push(group);
      groups.push({ min: ps[ps.length - 1].min, count: ps.reduce((s, p) => s + p.count, 0), key: group.key });
    }
    // Postings.
    const fragments = new Map<string, FragmentData>();
    const frag = (name: string) => {
      let f = fragments.get(name);
      if (!f) fragments.set(name, (f = { words: new Map(), exact: new Map() }));
      return f;
    };
    const totals: Totals = {};
    const ids: Record<string, Record<string, number>> = {};
    timed.forEach(({ e }, i) => {
      const k = keys[i];
      const d = derive(e, this.collection);
      for (const [w, mask] of d.words) {
        const f = frag(fragmentOfWord(w));
        let p = f.words.get(w);
        if (!p) f.words.set(w, (p = { keys: [], masks: [], ...(isTopTier(w) ? { tokens: [] } : {}) }));
        p.keys.push(k);
        p.masks!.push(mask);
        p.tokens?.push(token);
      }
      for (const w of d.exact) {
        const f = frag(fragmentOfSpelling(w));
        let p = f.exact.get(w);
        if (!p) f.exact.set(w, (p = []));
        p.push(k);
      }
      for (const [facet, v] of d.facets) {
        const f = frag(fragmentOfFacet(facet, v));
        let p = f.words.get(v);
        if (!p) f.words.set(v, (p = { keys: [] }));
        p.keys.push(k);
        (totals[facet] ??= {})[v] = (totals[facet]?.[v] ?? 0) + 1;
      }
      (ids[idShardOf(e.id)] ??= {})[e.id] = k;
    });
    rebalance(fragments, this.layout.ownFragmentMin);
    // Title cards: every rare title tier of a shared fragment; the newest postings of a frequent one.
    const entryAt = new Map(keys.map((k, i) => [k, timed[i].e]));
    for (const [name, f] of fragments) {
      if (name.startsWith(FACET_MARK)) continue;
      const own = name.includes(OWN_MARK);
      for (const [w, p] of f.words) {
        if (!isTopTier(w) || (!own && p.keys.length > this.layout.cardMax)) continue;
        const ks = own ? p.keys.slice(0, this.layout.headCards) : p.keys;
        (f.cards ??= new Map()).set(w, new Map(ks.map((k) => [k, listedForm(entryAt.get(k)!)])));
      }
    }
    const dirs = new Map<string, Record<string, string>>();
    for (const [name, f] of fragments) {
      const os = encodeFragment(this.collection, name, f, this.layout.postingsBlock, this.layout.cardMax, this.layout.headCards);
      if (!os.length) continue; // every word of a prefix has a fragment of its own
      objects.push(...os);
      const c = directoryOf(name);
      if (!dirs.has(c)) dirs.set(c, {});
      dirs.get(c)![name] = os[0].key;
    }
    const terms: Record<string, string> = {};
    for (const [c, fr] of [...dirs].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const o = encodeDirectory(this.collection, fr);
      objects.push(o);
      terms[c] = o.key;
    }
    const idKeys: Record<string, string> = {};
    for (const [n, m] of Object.entries(ids)) {
      const o = named(this.collection, 'ids', m, true);
      objects.push(o);
      idKeys[n] = o.key;
    }
    const totalsObj = named(this.collection, 'totals', totals, true);
    const stateObj = named(
      this.collection,
      'state',
      { schemaVersion: FRAGMENT_FORMAT_VERSION, ids: idKeys, totals: totalsObj.key } satisfies WriterState,
      true,
    );
    objects.push(totalsObj, stateObj);
    const firstN = Math.min(FIRST_PAGE_SIZE, timed.length);
    const cur = await this.store.get(rootKey(this.collection));
    const prevGen = cur ? ((JSON.parse(cur.text) as Partial<RootManifest>).generation ?? 0) : 0;
    const root: RootManifest = {
      schemaVersion: FRAGMENT_FORMAT_VERSION,
      collection: this.collection,
      generation: prevGen + 1,
      count: timed.length,
      updatedAt: new Date().toISOString(),
      first: { keys: keys.slice(0, firstN), entries: timed.slice(0, firstN).map((x) => listedForm(x.e)) },
      facets: topFacets(totals),
      terms,
      groups,
      writer: stateObj.key,
    };
    await this.writeObjects(objects);
    await this.options.beforeCommit?.();
    await this.store.put(rootKey(this.collection), JSON.stringify(root), { cacheControl: ROOT_CACHE_CONTROL, ifMatch: cur ? cur.etag : null });
    return { objects: this.store.written.objects - before.objects, bytes: this.store.written.bytes - before.bytes };
  }

  /**
   * Delete objects no longer reachable from the root, older than `graceMs` (a commit in flight may
   * have written objects it has not published yet). Returns how many were deleted.
   */
  async sweep(graceMs = 10 * 60_000): Promise<number> {
    const cur = await this.readRoot();
    // No root of this format (none yet, or one to migrate): nothing is known to be unreachable.
    if (!cur) return 0;
    const live = new Set<string>();
    {
      const r = cur.root;
      live.add(r.writer);
      const state = await this.readImmutable<WriterState>(r.writer);
      live.add(state.totals);
      for (const k of Object.values(state.ids)) live.add(k);
      for (const d of Object.values(r.terms)) {
        live.add(d);
        for (const [name, f] of Object.entries((await this.readImmutable<TermDirectory>(d)).fragments)) {
          live.add(f);
          if (name.startsWith(FACET_MARK) && !name.includes(OWN_MARK)) continue; // a facet bucket: postings only
          // An own fragment's older blocks; a shared fragment's title cards.
          const doc = await this.readImmutable<TermFragment>(f);
          for (const b of doc.blocks ?? []) live.add(b.key);
          for (const c of Object.values(doc.cards ?? {})) live.add(c.key);
        }
      }
      for (const g of r.groups) {
        live.add(g.key);
        for (const p of (await this.readImmutable<PageGroup>(g.key)).pages) {
          live.add(p.key);
          for (const c of (await this.readImmutable<EntryPage>(p.key)).chunks) {
            live.add(c.key).add(columnsKey(c.key)).add(captionWordsKey(c.key));
            const chunk = await this.readImmutable<EntryChunk>(c.key);
            chunk.keys.forEach((k, i) => live.add(entryObjectKey(this.collection, k, chunk.tokens![i])));
          }
        }
      }
    }
    const dead: string[] = [];
    const cutoff = Date.now() - graceMs;
    for (const prefix of [`${this.collection}/f/`, `${this.collection}/w/`])
      for await (const o of this.store.list(prefix)) if (!live.has(o.key) && o.lastModified < cutoff) dead.push(o.key);
    await this.store.delete(dead);
    for (const k of dead) {
      this.known.delete(k);
      this.cache.delete(k);
    }
    return dead.length;
  }
}

/** One change being applied: the objects it loaded and modified, written at `finish`. */
class Tx {
  private readonly groups: GroupSlot[];
  private readonly dirs = new Map<string, Record<string, string>>();
  private readonly dirtyDirs = new Set<string>();
  private readonly fragments = new Map<string, FragmentData>();
  private readonly loads: Array<Promise<void>> = [];
  /**
   * This write's token: the entries it lists are named with it (format.ts EntryObject), random so
   * that an attempt that did not commit and the next one never give a name two contents.
   */
  readonly token = newWriteToken();
  /** Entries listed by this write: each gets its entry object. */
  private readonly inserted: Array<[number, CatalogEntry]> = [];

  constructor(
    private readonly w: CollectionWriter,
    private readonly collection: CollectionName,
    private readonly root: RootManifest | undefined,
  ) {
    this.groups = (root?.groups ?? []).map((ptr) => ({ ptr: { ...ptr }, dirty: false }));
  }

  private async pagesOf(g: GroupSlot): Promise<PageSlot[]> {
    if (!g.pages) g.pages = (await this.w.readImmutable<PageGroup>(g.ptr.key)).pages.map((ptr) => ({ ptr: { ...ptr }, dirty: false }));
    return g.pages;
  }
  private async chunksOf(p: PageSlot): Promise<ChunkSlot[]> {
    if (!p.chunks) p.chunks = (await this.w.readImmutable<EntryPage>(p.ptr.key)).chunks.map((ptr) => ({ ptr: { ...ptr }, dirty: false }));
    return p.chunks;
  }
  private async dataOf(c: ChunkSlot): Promise<ChunkData> {
    if (!c.data) {
      const got = await this.w.readImmutable<EntryChunk>(c.ptr.key);
      // Caption words are kept apart from the entries viewers read (objects.ts encodeChunk): put them back to edit.
      const words = got.entries.some((e) => e.captioned) ? await this.w.readImmutable<CaptionWordsChunk>(captionWordsKey(c.ptr.key)) : undefined;
      c.data = { keys: got.keys.slice(), entries: withCaptionWordsBack(got.entries, words), tokens: got.tokens!.slice() };
    }
    return c.data;
  }

  /** The chunk slot covering `key` (with its page and group), or undefined when the collection is empty. */
  private async find(key: number): Promise<{ group: GroupSlot; gi: number; page: PageSlot; pi: number; chunk: ChunkSlot; ci: number } | undefined> {
    if (!this.groups.length) return undefined;
    const gi = locate(
      this.groups.map((g) => g.ptr),
      key,
    );
    const group = this.groups[gi];
    const pages = await this.pagesOf(group);
    const pi = locate(
      pages.map((p) => p.ptr),
      key,
    );
    const page = pages[pi];
    const chunks = await this.chunksOf(page);
    const ci = locate(
      chunks.map((c) => c.ptr),
      key,
    );
    return { group, gi, page, pi, chunk: chunks[ci], ci };
  }

  /** The chunk after (older than) the one found, if any. */
  private async nextChunk(at: { gi: number; page: PageSlot; pi: number; ci: number; group: GroupSlot }): Promise<ChunkSlot | undefined> {
    const chunks = await this.chunksOf(at.page);
    if (chunks[at.ci + 1]) return chunks[at.ci + 1];
    const pages = await this.pagesOf(at.group);
    const nextPage = pages[at.pi + 1] ?? (this.groups[at.gi + 1] ? (await this.pagesOf(this.groups[at.gi + 1]))[0] : undefined);
    return nextPage ? (await this.chunksOf(nextPage))[0] : undefined;
  }

  async entryAt(key: number): Promise<CatalogEntry | undefined> {
    const at = await this.find(key);
    if (!at) return undefined;
    const d = await this.dataOf(at.chunk);
    const i = indexDesc(d.keys, key);
    return i < 0 ? undefined : d.entries[i];
  }

  /** A doc key of the second starting at `base` that no other entry holds (`mine` counts as free). */
  async freeKey(base: number, mine: number | undefined): Promise<number> {
    const used = new Set<number>();
    for (const probe of [base + SEQ_SPAN - 1, base]) {
      const at = await this.find(probe);
      if (!at) continue;
      for (const k of (await this.dataOf(at.chunk)).keys) if (k >= base && k < base + SEQ_SPAN && k !== mine) used.add(k);
      // The second may straddle the chunk after this one too.
      const next = await this.nextChunk(at);
      if (next) for (const k of (await this.dataOf(next)).keys) if (k >= base && k < base + SEQ_SPAN && k !== mine) used.add(k);
    }
    for (let k = base + SEQ_SPAN - 1; k >= base; k--) if (!used.has(k)) return k;
    throw new IneError('Unknown', `More than ${SEQ_SPAN} clips listed in the same second`);
  }

  private touch(group: GroupSlot, page: PageSlot, chunk: ChunkSlot): void {
    chunk.dirty = true;
    page.dirty = true;
    group.dirty = true;
    const d = chunk.data!;
    chunk.ptr.count = d.keys.length;
    if (d.keys.length) chunk.ptr.min = d.keys[d.keys.length - 1];
  }

  async removeEntry(key: number): Promise<void> {
    const at = (await this.find(key))!;
    const d = await this.dataOf(at.chunk);
    const i = indexDesc(d.keys, key);
    if (i < 0) throw new IneError('Unknown', `index inconsistent: doc key ${key} not in its chunk`);
    d.keys.splice(i, 1);
    d.entries.splice(i, 1);
    d.tokens.splice(i, 1);
    this.touch(at.group, at.page, at.chunk);
    if (!d.keys.length) {
      at.page.chunks!.splice(at.ci, 1);
      if (!at.page.chunks!.length) {
        at.group.pages!.splice(at.pi, 1);
        if (!at.group.pages!.length) this.groups.splice(at.gi, 1);
      }
    }
  }

  async insertEntry(key: number, entry: CatalogEntry): Promise<void> {
    if (!this.groups.length) {
      const chunk: ChunkSlot = { ptr: { min: key, count: 0, key: '' }, data: { keys: [], entries: [], tokens: [] }, dirty: true };
      const page: PageSlot = { ptr: { min: key, count: 0, key: '' }, chunks: [chunk], dirty: true };
      this.groups.push({ ptr: { min: key, count: 0, key: '' }, pages: [page], dirty: true });
    }
    const at = (await this.find(key))!;
    const d = await this.dataOf(at.chunk);
    const i = insertDesc(d.keys, key);
    d.entries.splice(i, 0, entry);
    d.tokens.splice(i, 0, this.token);
    this.inserted.push([key, entry]);
    this.touch(at.group, at.page, at.chunk);
    const chunks = at.page.chunks!;
    if (d.keys.length > CHUNK_MAX) {
      const half = d.keys.length >> 1;
      const part = (from: number, to?: number): ChunkData => ({
        keys: d.keys.slice(from, to),
        entries: d.entries.slice(from, to),
        tokens: d.tokens.slice(from, to),
      });
      const a: ChunkSlot = { ptr: { ...at.chunk.ptr }, data: part(0, half), dirty: true };
      const b: ChunkSlot = { ptr: { ...at.chunk.ptr }, data: part(half), dirty: true };
      this.touch(at.group, at.page, a);
      this.touch(at.group, at.page, b);
      chunks.splice(at.ci, 1, a, b);
    }
    const { pageMax, groupMax } = this.w.layout;
    const pages = at.group.pages!;
    if (chunks.length > pageMax) {
      const half = chunks.length >> 1;
      pages.splice(
        at.pi,
        1,
        { ptr: { ...at.page.ptr }, chunks: chunks.slice(0, half), dirty: true },
        { ptr: { ...at.page.ptr }, chunks: chunks.slice(half), dirty: true },
      );
    }
    if (pages.length > groupMax) {
      const half = pages.length >> 1;
      this.groups.splice(
        at.gi,
        1,
        { ptr: { ...at.group.ptr }, pages: pages.slice(0, half), dirty: true },
        { ptr: { ...at.group.ptr }, pages: pages.slice(half), dirty: true },
      );
    }
  }

  private async directory(c: string): Promise<Record<string, string>> {
    let d = this.dirs.get(c);
    if (!d) {
      const key = this.root?.terms[c];
      d = key ? { ...(await this.w.readImmutable<TermDirectory>(key)).fragments } : {};
      this.dirs.set(c, d);
    }
    return d;
  }

  private fragment(name: string): FragmentData {
    let f = this.fragments.get(name);
    if (!f) {
      f = { words: new Map(), exact: new Map() };
      const target = f;
      this.fragments.set(name, target);
      this.loads.push(
        (async () => {
          const key = (await this.directory(directoryOf(name)))[name];
          if (!key) return;
          const doc = await this.w.readImmutable<TermFragment>(key);
          // An own fragment's older blocks: the whole list is edited, then cut again at the same bounds.
          // An own fragment holds one list (a word, a facet value or a ñ spelling; a spelling's has no words).
          const older = await Promise.all((doc.blocks ?? []).map((b) => this.w.readImmutable<PostingsBlock>(b.key)));
          const withOlder = <L extends PostingList>(list: L): L => {
            if (!older.length) return list;
            target.bounds = [list.keys[list.keys.length - 1], ...doc.blocks!.map((b) => b.min)];
            for (const b of older) {
              list.keys.push(...decodeGaps(b.keys));
              list.masks?.push(...(b.masks ?? []));
              list.tokens?.push(...(b.tokens ?? []));
            }
            return list;
          };
          for (const [w, [gaps, masks, tokens]] of Object.entries(doc.words)) {
            const list: PostingList = {
              keys: decodeGaps(gaps),
              ...(masks ? { masks: masks.slice() } : {}),
              ...(tokens ? { tokens: tokens.slice() } : {}),
            };
            target.words.set(w, withOlder(list));
          }
          const spelling = !Object.keys(doc.words).length;
          for (const [w, gaps] of Object.entries(doc.exact ?? {})) {
            const keys = decodeGaps(gaps);
            target.exact.set(w, spelling ? withOlder({ keys }).keys : keys);
          }
          for (const [w, ptr] of Object.entries(doc.cards ?? {})) {
            const c = await this.w.readImmutable<EntryChunk>(ptr.key);
            (target.cards ??= new Map()).set(w, new Map(c.keys.map((k, i) => [k, c.entries[i]])));
          }
        })(),
      );
    }
    return f;
  }

  /** A list's shared fragment, and its own fragment when the directory lists one. */
  private listFragments(shared: string, w: string): void {
    this.fragment(shared);
    if (!mayOwnFragment(w)) return;
    const own = ownFragmentIn(shared, w);
    this.loads.push(
      (async () => {
        if ((await this.directory(directoryOf(own)))[own]) this.fragment(own);
      })(),
    );
  }

  private readonly edits: Array<(load: (name: string) => FragmentData) => void> = [];

  /**
   * Queue the postings change of one entry: out of `oldKey`, into `newKey` (either may be absent).
   * `entry` (with `newKey`): its title cards. A title tier gets cards when its first posting comes,
   * keeps them up to the card limit, and gets them back, once above it, only at a rebuild (that needs
   * every entry of the tier).
   */
  postings(d: ReturnType<typeof derive>, oldKey: number | undefined, newKey: number | undefined, entry?: CatalogEntry): void {
    for (const w of d.words.keys()) this.listFragments(fragmentOfWord(w), w);
    for (const w of d.exact) this.listFragments(fragmentOfSpelling(w), w);
    for (const [facet, v] of d.facets) this.listFragments(fragmentOfFacet(facet, v), v);
    this.edits.push((load) => {
      const edit = (p: PostingList, mask?: number) => {
        if (oldKey !== undefined) {
          const i = indexDesc(p.keys, oldKey);
          if (i >= 0) {
            p.keys.splice(i, 1);
            p.masks?.splice(i, 1);
            p.tokens?.splice(i, 1);
          }
        }
        if (newKey !== undefined) {
          const i = insertDesc(p.keys, newKey);
          if (p.masks) p.masks.splice(i, 0, mask!);
          if (p.tokens) p.tokens.splice(i, 0, this.token);
        }
      };
      for (const [w, mask] of d.words) {
        const own = mayOwnFragment(w) ? this.fragments.get(ownFragmentOf(w)) : undefined;
        const f = own && own.words.has(w) ? own : load(fragmentOfWord(w));
        let p = f.words.get(w);
        if (!p) f.words.set(w, (p = { keys: [], masks: [], ...(isTopTier(w) ? { tokens: [] } : {}) }));
        if (isTopTier(w)) {
          if (!p.keys.length && newKey !== undefined && f !== own) (f.cards ??= new Map()).set(w, new Map());
          const cards = f.cards?.get(w);
          if (cards && oldKey !== undefined) cards.delete(oldKey);
          if (cards && newKey !== undefined && entry) cards.set(newKey, listedForm(entry));
        }
        edit(p, mask);
      }
      for (const w of d.exact) {
        const own = this.fragments.get(ownFragmentIn(fragmentOfSpelling(w), w));
        const f = own && own.exact.has(w) ? own : load(fragmentOfSpelling(w));
        let keys = f.exact.get(w);
        if (!keys) f.exact.set(w, (keys = []));
        const p = { keys };
        edit(p);
      }
      for (const [facet, v] of d.facets) {
        const own = this.fragments.get(ownFacetFragmentOf(facet, v));
        const f = own && own.words.has(v) ? own : load(fragmentOfFacet(facet, v));
        let p = f.words.get(v);
        if (!p) f.words.set(v, (p = { keys: [] }));
        edit(p);
      }
    });
  }

  /** Encode what changed into `objects` and return the new root. */
  async finish(objects: NamedObject[], count: number, facets: RootManifest['facets'], writer: string): Promise<RootManifest> {
    // Loads may start more loads (an own fragment found in its directory): wait until none is left.
    for (let n = -1; n !== this.loads.length;) {
      n = this.loads.length;
      await Promise.all(this.loads);
    }
    for (const e of this.edits) e((name) => this.fragments.get(name)!);
    rebalance(this.fragments, this.w.layout.ownFragmentMin);
    for (const [name, f] of this.fragments) {
      const dir = await this.directory(directoryOf(name));
      const os = encodeFragment(this.collection, name, f, this.w.layout.postingsBlock, this.w.layout.cardMax, this.w.layout.headCards);
      if (os.length) {
        objects.push(...os);
        dir[name] = os[0].key;
      } else delete dir[name];
      this.dirtyDirs.add(directoryOf(name));
    }
    const terms = { ...this.root?.terms };
    for (const c of this.dirtyDirs) {
      const fr = this.dirs.get(c)!;
      if (!Object.keys(fr).length) delete terms[c];
      else {
        const o = encodeDirectory(this.collection, fr);
        objects.push(o);
        terms[c] = o.key;
      }
    }
    for (const g of this.groups) {
      if (!g.dirty) continue;
      for (const p of g.pages!) {
        if (!p.dirty) continue;
        for (const c of p.chunks!) {
          if (!c.dirty) continue;
          const enc = encodeChunk(this.collection, c.data!.keys, c.data!.entries, c.data!.tokens);
          objects.push(enc.entries, enc.cols, ...(enc.words ? [enc.words] : []));
          c.ptr.key = enc.entries.key;
        }
        const ptrs = p.chunks!.map((c) => c.ptr);
        const o = encodePage(this.collection, ptrs);
        objects.push(o);
        p.ptr = { min: ptrs[ptrs.length - 1].min, count: ptrs.reduce((s, c) => s + c.count, 0), key: o.key };
      }
      const ptrs = g.pages!.map((p) => p.ptr);
      const o = encodeGroup(this.collection, ptrs);
      objects.push(o);
      g.ptr = { min: ptrs[ptrs.length - 1].min, count: ptrs.reduce((s, p) => s + p.count, 0), key: o.key };
    }
    for (const [key, entry] of this.inserted) objects.push(encodeEntryObject(this.collection, key, this.token, entry));
    // The first page: the newest entries, from the first chunks.
    const first: RootManifest['first'] = { keys: [], entries: [] };
    outer: for (const g of this.groups)
      for (const p of await this.pagesOf(g))
        for (const c of await this.chunksOf(p)) {
          const d = await this.dataOf(c);
          for (let i = 0; i < d.keys.length; i++) {
            if (first.keys.length >= FIRST_PAGE_SIZE) break outer;
            first.keys.push(d.keys[i]);
            first.entries.push(listedForm(d.entries[i]));
          }
        }
    return {
      schemaVersion: FRAGMENT_FORMAT_VERSION,
      collection: this.collection,
      generation: (this.root?.generation ?? 0) + 1,
      count: count,
      updatedAt: new Date().toISOString(),
      first,
      facets,
      terms,
      groups: this.groups.map((g) => g.ptr),
      writer,
    };
  }
}
