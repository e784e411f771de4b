/**
 * The fragment catalog format, version 6 (docs/catalog.md): a collection is a small, short-lived
 * root manifest plus immutable, content-addressed fragments, so a visit downloads the root only
 * and a search only the fragments of the words typed and the entries it shows.
 *
 *   <prefix>root.json                 root manifest (commit point; Cache-Control: max-age=10):
 *                                     counts, the first page (newest entries + facet counts over all
 *                                     clips), pointers to term directories and entry pages
 *   <prefix>f/d-<hash>.json           term directory of one first character: fragment name → fragment
 *   <prefix>f/t-<hash>.json           term fragment: the words with one 3-character prefix (shorter
 *                                     words: their own), each with postings (doc keys, field masks);
 *                                     a frequent word has a fragment of its own (`<prefix>.<word>`),
 *                                     so a word never loads the postings of its frequent neighbours;
 *                                     facet values (`~<facet><bucket>`) are postings without masks;
 *                                     a frequent one has a fragment of its own too
 *                                     (`~<facet><bucket>.<value>`, newest block + older blocks), so
 *                                     adding a clip rewrites one block of it, not all its postings;
 *                                     and so does a frequent ñ spelling (`exact`, `cam.campaña`).
 *                                     A word's postings are kept in two tiers: those whose best field
 *                                     is the title as the list `<word>^`, the rest as `<word>` (TOP_MARK)
 *                                     An own fragment holds the word's newest block of postings and
 *                                     points to its older blocks (`blocks`, with each block's best
 *                                     score), so a search loads a common word only as far as its
 *                                     first results need (block-max early stop)
 *   <prefix>f/b-<hash>.json           postings block: an older part of a frequent word's (or facet value's) postings
 *   <prefix>f/k-<hash>.json           title cards: the entries of a rare word's title tier (at most
 *                                     CARD_MAX), or of a frequent one's newest HEAD_CARDS postings, so
 *                                     a search shows its first results without locating each entry
 *                                     chunk (directory → fragment → cards)
 *   <prefix>f/g-<hash>.json           page group: up to GROUP_MAX entry-page pointers, newest first
 *                                     (kept out of the root, so the root stays small at any size)
 *   <prefix>f/p-<hash>.json           entry page: up to PAGE_MAX chunk pointers, newest first
 *   <prefix>f/e-<hash>.json           entry chunk: up to CHUNK_MAX entries, newest first
 *   <prefix>f/x-<key>-<token>.json    one entry on its own (EntryObject), named from a title-tier posting
 *   <prefix>f/c-<hash>.json           the chunk's columns (same hash as its entries) (facet values, duration, title key) for
 *                                     facet counts, filters and sorts without the entries
 *   <prefix>w/…                       the writer's own state (id → doc key, facet totals, the caption
 *                                     words of a chunk's clips `w/s-<entries' hash>.json`); never read by viewers
 *
 * A document key orders entries newest first and is what postings hold:
 *   key = listing time in whole seconds × 64 + a sequence number for clips listed in the same second.
 * DOM-free: the writer (core/index, Node) and the reader (browser) share it.
 */
import type { CatalogEntry, CollectionName } from '../format.js';
import type { ClipFacetKey } from '../../contract/clip-fields.js';
import { SEARCHED } from '../terms.js';
import { normalize } from '../normalize.js';

export const FRAGMENT_FORMAT_VERSION = 6;
/** Entries on the first page (what a visit that does not search shows), and on each page of results. */
export const FIRST_PAGE_SIZE = 48;
/**
 * Results a first screen shows (a grid of 4 × 3, or 12 list rows, at 1080p). A search is answered
 * for these first and the rest of its page follows: over HTTP/1.1's six connections each six
 * entries cost one more round trip, so the first screen waits for 2 of them instead of 8.
 */
export const FIRST_SCREEN = 12;
/** An entry chunk is split in two when it grows past this many entries. */
export const CHUNK_MAX = 8;
/**
 * An entry page is split in two when it grows past this many chunks. Small, because a result costs
 * its page: 48 results scattered over time fetch up to 48 pages.
 */
export const PAGE_MAX = 32;
/** A page group is split in two when it grows past this many pages. */
export const GROUP_MAX = 32;
/** Clips listed in the same second get sequence numbers 0…SEQ_SPAN-1. */
export const SEQ_SPAN = 64;
/** Characters of a word that name its term fragment. */
export const FRAGMENT_PREFIX = 3;
/**
 * A word (longer than FRAGMENT_PREFIX) with at least this many postings gets a fragment of its own;
 * it goes back to its prefix's fragment below OWN_FRAGMENT_MIN / 4 (so an edit near the threshold
 * does not move it back and forth).
 */
export const OWN_FRAGMENT_MIN = 256;
/**
 * A frequent word's postings are cut into blocks of this many (newest first; a block is split past
 * twice this and merged into its neighbour below a quarter), so an edit rewrites one block and a
 * search reads only the newest blocks its first results need.
 */
export const POSTINGS_BLOCK = 2048;
/** Separates a frequent word's own fragment name from its prefix (never part of a normalized word). */
export const OWN_MARK = '.';
/**
 * Ends the name of a word's **top tier**: its postings whose best field is the heaviest searched
 * field (the title). A word's postings are two lists, `<word>^` (title) and `<word>` (every other
 * field), each with its own fragment and blocks once frequent. A title match outweighs any other
 * field's even doubled (10 against 4 × 2), so a search for several common words, whose first results
 * are clips with them in the title, reads the title lists back as far as those need and the rest only
 * as far as their newest block (reader.ts, "two frontiers"). Never part of a normalized word.
 */
export const TOP_MARK = '^';
/** The field mask bit of the top tier. */
export const TOP_BIT = SEARCHED[0].bit;
/** The list a word's posting with field mask `mask` belongs to. */
export const tierWord = (word: string, mask: number): string => (mask & TOP_BIT ? word + TOP_MARK : word);
/** Whether a list name is a top tier. */
export const isTopTier = (name: string): boolean => name.endsWith(TOP_MARK);
/** The word a list holds postings of. */
export const wordOfList = (name: string): string => (isTopTier(name) ? name.slice(0, -TOP_MARK.length) : name);
/**
 * A title tier in a shared fragment with at most this many postings carries **title cards**: the
 * listed entries of its clips in one object (`f/k-…`), so a search for a rare word (a surname, a
 * place) shows its results in 3 dependent requests instead of locating each of them through a page
 * group, an entry page and a chunk (5 levels, ~3 requests per result). Only title tiers: a clip has
 * few rare title words, so an edit rewrites few card objects; caption and description words would
 * be hundreds.
 */
export const CARD_MAX = 128;
/**
 * A frequent title tier (an own fragment) carries the cards of its newest this-many postings: the
 * first results of a common word are its newest title matches (a whole-word title match scores most;
 * ties go to the newest), so they come from one object too. An edit rewrites the cards only of the
 * title tiers whose head it touches: a new clip's, or a recent one's.
 */
export const HEAD_CARDS = 64;
/** Facet values are spread over this many fragments per facet. */
export const FACET_BUCKETS = 16;

/** Marks facet-posting fragment names; sorts before letters and digits, never part of a word. */
export const FACET_MARK = '~';

export const rootKey = (c: CollectionName): string => `${c}/root.json`;
export const fragmentPrefix = (c: CollectionName): string => `${c}/f/`;
export const writerPrefix = (c: CollectionName): string => `${c}/w/`;

/** Root manifest and first page: short CDN lifetime, so a change shows within seconds. */
export const ROOT_CACHE_CONTROL = 'public, max-age=10, stale-while-revalidate=30';
/** Fragments are content-addressed: a URL's content never changes. */
export const FRAGMENT_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** A facet posting pseudo-facet the private index also filters by. */
export type FilterFacet = ClipFacetKey | 'status';

export interface FacetCount {
  value: string;
  count: number;
}

export interface RootManifest {
  schemaVersion: typeof FRAGMENT_FORMAT_VERSION;
  collection: CollectionName;
  /** Raised by one on every committed change. */
  generation: number;
  count: number;
  updatedAt: string;
  /** Newest entries first, with their doc keys. */
  first: { keys: number[]; entries: CatalogEntry[] };
  /** Facet counts over every clip of the collection (top values per facet, most frequent first). */
  facets: Record<string, FacetCount[]>;
  /** Term directory object per first character of a fragment name. */
  terms: Record<string, string>;
  /** Page groups (each lists entry pages), newest first; `min` is the lowest doc key a group covers. */
  groups: PagePointer[];
  /** The writer's state object (not for readers). */
  writer: string;
}

export interface PagePointer {
  min: number;
  count: number;
  key: string;
}

export interface ChunkPointer {
  min: number;
  count: number;
  /** The entries (`f/e-<hash>.json`); the columns are `f/c-<same hash>.json` (`columnsKey`). */
  key: string;
}

/** The column chunk of an entry chunk: same content hash. */
export const columnsKey = (entriesKey: string): string => entriesKey.replace(/\/e-([^/]+)$/, '/c-$1');
/** The caption words of an entry chunk's clips, in the writer's own state (never read by viewers): same content hash. */
export const captionWordsKey = (entriesKey: string): string => entriesKey.replace(/\/f\/e-([^/]+)$/, '/w/s-$1');

/** `w/s-<hash>.json`: per entry of the chunk (same order), its caption words or null. */
export interface CaptionWordsChunk {
  schemaVersion: typeof FRAGMENT_FORMAT_VERSION;
  words: Array<string | null>;
}

export interface TermDirectory {
  schemaVersion: typeof FRAGMENT_FORMAT_VERSION;
  /** Fragment name → object key. */
  fragments: Record<string, string>;
}

/**
 * Postings: doc keys newest first, delta-encoded (`encodeGaps`: the first key, then each gap to the previous),
 * and for words the field mask of each (searched fields, bit i = SEARCH_FIELDS[i]).
 */
export interface TermFragment {
  schemaVersion: typeof FRAGMENT_FORMAT_VERSION;
  name: string;
  /** word → [key gaps, masks]; facet fragments: value → [key gaps]. */
  words: Record<string, [number[], number[]?, number[]?]>;
  /** Words as written with ñ → key gaps (exact-spelling bonus). */
  exact?: Record<string, number[]>;
  /**
   * Own fragments: the word's (or facet value's) older postings blocks, newest first (`words` holds its newest block).
   * Each covers the keys from its `min` up to (not including) the previous block's `min`.
   */
  blocks?: BlockPointer[];
  /**
   * Title tiers (`<word>^`) with title cards → the cards (`f/k-<hash>.json`, an EntryChunk) and how
   * many of the tier's newest postings they hold (a shared fragment's: all of them).
   */
  cards?: Record<string, CardsPointer>;
}

export interface CardsPointer {
  key: string;
  count: number;
}

export interface BlockPointer {
  /** Lowest doc key in the block. */
  min: number;
  count: number;
  /** Best field weight of a posting in the block (a whole-word match scores twice this; 0 for a facet value). */
  max: number;
  /** `f/b-<hash>.json`. */
  key: string;
}

/** An older postings block of a frequent word or facet value. */
export interface PostingsBlock {
  schemaVersion: typeof FRAGMENT_FORMAT_VERSION;
  /** Key gaps (`encodeGaps`) and (words) field masks. */
  keys: number[];
  masks?: number[];
  /** Title tiers: the write token of each posting's entry (EntryObject). */
  tokens?: number[];
}

export interface PageGroup {
  schemaVersion: typeof FRAGMENT_FORMAT_VERSION;
  pages: PagePointer[];
}

export interface EntryPage {
  schemaVersion: typeof FRAGMENT_FORMAT_VERSION;
  chunks: ChunkPointer[];
}

export interface EntryChunk {
  schemaVersion: typeof FRAGMENT_FORMAT_VERSION;
  keys: number[];
  entries: CatalogEntry[];
  /** Entry chunks: the write token of each entry (its entry object `f/x-<key>-<token>.json`). */
  tokens?: number[];
}

/**
 * One clip's listed entry on its own (`f/x-<doc key>-<write token>.json`). Its name is derived from
 * what a title-tier posting holds (the doc key and the token of the write that listed the entry), so
 * a search shows a result found through a title tier in one request after its postings, instead of
 * locating it through a page group, an entry page and a chunk (3 dependent requests). The token is
 * 48 random bits per write (a rebuild, an edit), so a name is not written with two contents (core/index/objects.ts newWriteToken).
 */
export interface EntryObject {
  schemaVersion: typeof FRAGMENT_FORMAT_VERSION;
  key: number;
  entry: CatalogEntry;
}

export const entryObjectKey = (c: CollectionName, key: number, token: number): string => `${fragmentPrefix(c)}x-${key}-${token}.json`;

/** Per entry of a chunk (same order): what facets, filters and sorts need. */
export interface ColumnChunk {
  schemaVersion: typeof FRAGMENT_FORMAT_VERSION;
  keys: number[];
  /** Per facet key: the value (or list of values, or null) per entry. */
  facets: Record<string, Array<string | string[] | null>>;
  duration: number[];
  /** Normalized title (sorting by title). */
  title: string[];
}

/** Listing time in whole seconds → the smallest doc key of that second. */
export const keyBase = (timeMs: number): number => Math.floor(timeMs / 1000) * SEQ_SPAN;
/** The listing second of a doc key (ms). */
export const keyTimeMs = (key: number): number => Math.floor(key / SEQ_SPAN) * 1000;

/** The shared fragment of a word: its first FRAGMENT_PREFIX characters (a shorter word: itself). */
export const fragmentOfWord = (word: string): string => wordOfList(word).slice(0, FRAGMENT_PREFIX);
/** The own fragment of a frequent word. */
export const ownFragmentOf = (word: string): string => ownFragmentIn(fragmentOfWord(word), word);
/**
 * Whether a word may get a fragment of its own: any word, short ones too ("pan", "pri", "año": a
 * party's or a common short word's postings get blocks and the early stop like any frequent word's,
 * and "panorama" no longer loads every posting of "pan").
 */
export const mayOwnFragment = (word: string): boolean => word.length > 0;

/** FNV-1a 32-bit: stable, fast, identical in every runtime. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The shared fragment holding a facet value's postings (its bucket). */
export const fragmentOfFacet = (facet: FilterFacet, value: string): string => `${FACET_MARK}${facet}${fnv(value) % FACET_BUCKETS}`;
/** The own fragment of a frequent facet value (its bucket's name has no OWN_MARK; a value may). */
export const ownFacetFragmentOf = (facet: FilterFacet, value: string): string => ownFragmentIn(fragmentOfFacet(facet, value), value);
/**
 * The shared fragment of fragment `name`: itself, or for an own fragment the name before OWN_MARK
 * (an own fragment is named by its shared fragment, OWN_MARK, then its list: a word, a facet value
 * or a ñ spelling). Words and bucket names never hold OWN_MARK; a facet value may, after it.
 */
export const sharedFragmentOf = (name: string): string => name.split(OWN_MARK, 1)[0];
/** The own fragment a frequent list of fragment `name` moves to. */
export const ownFragmentIn = (name: string, list: string): string => `${sharedFragmentOf(name)}${OWN_MARK}${list}`;
/** The shared fragment holding a ñ spelling's keys (exact-spelling bonus): its word's (ñ folded, `normalize`). */
export const fragmentOfSpelling = (spelling: string): string => fragmentOfWord(normalize(spelling));

/** Term directory a fragment name belongs to: its first character. */
export const directoryOf = (fragment: string): string => fragment.slice(0, 1);

/**
 * The fragment names a typed (normalized, folded) word can match in: its prefix's shared fragment
 * and the own fragments of the frequent words it prefixes (a 1–2 character word: every fragment it
 * prefixes). `spellings`: the own fragments of frequent ñ spellings instead of words' (the typed
 * word folded; words never hold a ñ, so the two never mix).
 */
export function fragmentsForPrefix(term: string, names: Iterable<string>, spellings = false): string[] {
  const out: string[] = [];
  const wanted = (n: string) => {
    const list = n.slice(n.indexOf(OWN_MARK) + 1);
    return list.includes('ñ') === spellings && normalize(list).startsWith(term);
  };
  if (term.length >= FRAGMENT_PREFIX) {
    const shared = fragmentOfWord(term);
    out.push(shared);
    const own = shared + OWN_MARK;
    for (const n of names) if (n.startsWith(own) && wanted(n)) out.push(n);
    return out;
  }
  for (const n of names) if (n.startsWith(term) && !n.startsWith(FACET_MARK) && (!n.includes(OWN_MARK) || wanted(n))) out.push(n);
  return out;
}

/**
 * Postings as gaps: the first key, then each gap to the previous key. Almost every gap is whole
 * seconds (a multiple of SEQ_SPAN), written as seconds × 2; any other gap as gap × 2 + 1. That
 * drops the sequence bits nearly every gap would carry: about a fifth fewer bytes after gzip.
 */
export function encodeGaps(keysDesc: ArrayLike<number>): number[] {
  const out = new Array<number>(keysDesc.length);
  for (let i = 0; i < keysDesc.length; i++) {
    const g = i === 0 ? keysDesc[0] : keysDesc[i - 1] - keysDesc[i];
    out[i] = i === 0 ? g : g % SEQ_SPAN === 0 ? (g / SEQ_SPAN) * 2 : g * 2 + 1;
  }
  return out;
}

export function decodeGaps(gaps: ArrayLike<number>): number[] {
  const out = new Array<number>(gaps.length);
  let k = 0;
  for (let i = 0; i < gaps.length; i++) {
    const t = gaps[i];
    out[i] = k = i === 0 ? t : k - (t % 2 === 0 ? (t / 2) * SEQ_SPAN : (t - 1) / 2);
  }
  return out;
}

/** The chunk (or page) covering a doc key: the first, newest first, whose `min` is ≤ key; else the last. */
export function locate(list: ReadonlyArray<{ min: number }>, key: number): number {
  let lo = 0;
  let hi = list.length - 1;
  // The mins are descending: binary search for the first min ≤ key.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].min <= key) hi = mid;
    else lo = mid + 1;
  }
  return Math.max(0, lo);
}

export type { CollectionName };
