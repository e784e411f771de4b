/**
 * Encoding the fragment objects (src/catalog/fragments/format.ts) and naming them by content, so a
 * URL's content never changes and writing the same object twice is harmless.
 */
import { createHash, randomInt } from 'node:crypto';
import type { CatalogEntry, CollectionName } from '../../src/catalog/format.js';
import {
  CARD_MAX,
  HEAD_CARDS,
  type CardsPointer,
  FRAGMENT_FORMAT_VERSION,
  OWN_MARK,
  POSTINGS_BLOCK,
  encodeGaps,
  type BlockPointer,
  type PostingsBlock,
  fragmentPrefix,
  writerPrefix,
  columnsKey,
  captionWordsKey,
  type CaptionWordsChunk,
  type EntryChunk,
  type EntryObject,
  entryObjectKey,
  type EntryPage,
  type ChunkPointer,
  type PageGroup,
  type PagePointer,
  type TermDirectory,
  type TermFragment,
} from '../../src/catalog/fragments/format.js';
import { listedForm } from './caption-words.js';
import { columnChunkOf, columnsOf } from '../../src/catalog/fragments/columns.js';
import { WEIGHT_OF } from '../../src/catalog/terms.js';

export interface NamedObject {
  key: string;
  text: string;
}

const hashOf = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 16);

/** `<prefix>f/<kind>-<hash>.json` (or `w/` for the writer's own state). */
export function named(collection: CollectionName, kind: string, value: unknown, writer = false): NamedObject {
  const text = JSON.stringify(value);
  return { key: `${writer ? writerPrefix(collection) : fragmentPrefix(collection)}${kind}-${hashOf(text)}.json`, text };
}

/** Postings being edited: keys newest first, with masks for words. */
export interface PostingList {
  keys: number[];
  masks?: number[];
  /** Title tiers: the write token of each posting's entry (format.ts EntryObject). */
  tokens?: number[];
}

export interface FragmentData {
  words: Map<string, PostingList>;
  exact: Map<string, number[]>;
  /** An own fragment as read: the lowest key of each of its blocks (newest first), kept across edits. */
  bounds?: number[];
  /** Title tiers carrying title cards (format.ts CARD_MAX): doc key → listed entry. */
  cards?: Map<string, Map<number, CatalogEntry>>;
}

/**
 * A frequent word's (or facet value's) postings (newest first) cut into blocks, newest first. The previous cut
 * (`bounds`) is kept, so an edit changes the one block it falls in; a block past twice
 * POSTINGS_BLOCK is split into blocks of about POSTINGS_BLOCK, one under a quarter of it is merged
 * into its older neighbour (the oldest into its newer one). Without bounds (a rebuild, a word new to
 * its own fragment): blocks of POSTINGS_BLOCK from the newest.
 */
export function cutBlocks(p: PostingList, bounds: number[] | undefined, size = POSTINGS_BLOCK): PostingList[] {
  const parts: PostingList[] = [];
  const slice = (x: PostingList, from: number, to: number): PostingList => ({
    keys: x.keys.slice(from, to),
    ...(x.masks ? { masks: x.masks.slice(from, to) } : {}),
    ...(x.tokens ? { tokens: x.tokens.slice(from, to) } : {}),
  });
  const take = (from: number, to: number) => parts.push(slice(p, from, to));
  if (!bounds?.length) {
    for (let i = 0; i < p.keys.length; i += size) take(i, i + size);
    return parts;
  }
  let at = 0;
  for (let b = 0; b < bounds.length; b++) {
    const start = at;
    if (b === bounds.length - 1) at = p.keys.length;
    else while (at < p.keys.length && p.keys[at] >= bounds[b]) at++;
    take(start, at);
  }
  const out: PostingList[] = [];
  for (const part of parts) {
    const n = part.keys.length;
    if (n > 2 * size) {
      const pieces = Math.ceil(n / size);
      for (let i = 0; i < pieces; i++) {
        const from = Math.floor((i * n) / pieces);
        const to = Math.floor(((i + 1) * n) / pieces);
        out.push(slice(part, from, to));
      }
    } else out.push(part);
  }
  // Small blocks join their older neighbour (the oldest its newer one).
  for (let i = out.length - 1; i >= 0; i--) {
    if (out.length < 2 || out[i].keys.length >= size / 4) continue;
    const into = i + 1 < out.length ? i + 1 : i - 1;
    const [a, b] = into > i ? [out[i], out[into]] : [out[into], out[i]];
    out.splice(Math.min(i, into), 2, {
      keys: [...a.keys, ...b.keys],
      ...(a.masks && b.masks ? { masks: [...a.masks, ...b.masks] } : {}),
      ...(a.tokens && b.tokens ? { tokens: [...a.tokens, ...b.tokens] } : {}),
    });
  }
  return out.filter((x) => x.keys.length);
}

/**
 * A fragment's objects (none when it is empty): the fragment first, then an own fragment's older
 * blocks or a shared fragment's title cards (a tier past `cardMax` postings, or missing a card, has none);
 * a frequent title tier's head cards (its newest `headCards` postings, as far as known; none below a quarter).
 */
export function encodeFragment(
  collection: CollectionName,
  name: string,
  f: FragmentData,
  blockSize = POSTINGS_BLOCK,
  cardMax = CARD_MAX,
  headCards = HEAD_CARDS,
): NamedObject[] {
  const words: TermFragment['words'] = {};
  const own = name.includes(OWN_MARK);
  const blocks: NamedObject[] = [];
  const pointers: BlockPointer[] = [];
  const cards: Record<string, CardsPointer> = {};
  const card = (w: string, keys: number[], mine: Map<number, CatalogEntry>) => {
    const o = named(collection, 'k', { schemaVersion: FRAGMENT_FORMAT_VERSION, keys, entries: keys.map((k) => mine.get(k)!) } satisfies EntryChunk);
    blocks.push(o);
    cards[w] = { key: o.key, count: keys.length };
  };
  /** An older block of the own fragment's list, and its pointer. */
  const block = (b: PostingList) => {
    const o = named(collection, 'b', {
      schemaVersion: FRAGMENT_FORMAT_VERSION,
      keys: encodeGaps(b.keys),
      ...(b.masks ? { masks: b.masks } : {}),
      ...(b.tokens ? { tokens: b.tokens } : {}),
    } satisfies PostingsBlock);
    blocks.push(o);
    let max = 0;
    for (const m of b.masks ?? []) max = Math.max(max, WEIGHT_OF[m]);
    pointers.push({ min: b.keys[b.keys.length - 1], count: b.keys.length, max, key: o.key });
  };
  for (const w of [...f.words.keys()].sort()) {
    const p = f.words.get(w)!;
    if (!p.keys.length) continue;
    if (!own) {
      words[w] = p.tokens ? [encodeGaps(p.keys), p.masks!, p.tokens] : p.masks ? [encodeGaps(p.keys), p.masks] : [encodeGaps(p.keys)];
      const mine = f.cards?.get(w);
      if (mine && p.keys.length <= cardMax && p.keys.every((k) => mine.has(k))) card(w, p.keys, mine);
      else f.cards?.delete(w);
      continue;
    }
    // A frequent title tier: the cards of its newest postings, as many in a row as are known.
    const mine = f.cards?.get(w);
    if (mine) {
      const want = Math.min(headCards, p.keys.length);
      let n = 0;
      while (n < want && mine.has(p.keys[n])) n++;
      const newest = p.keys.slice(0, n);
      const kept = new Set(newest);
      for (const k of [...mine.keys()]) if (!kept.has(k)) mine.delete(k);
      if (n >= want / 4) card(w, newest, mine);
    }
    // A frequent word's or facet value's newest block here, its older blocks apart.
    const [head, ...older] = cutBlocks(p, f.bounds, blockSize);
    words[w] = head.tokens
      ? [encodeGaps(head.keys), head.masks!, head.tokens]
      : head.masks
        ? [encodeGaps(head.keys), head.masks]
        : [encodeGaps(head.keys)];
    for (const b of older) block(b);
  }
  const exact: Record<string, number[]> = {};
  for (const w of [...f.exact.keys()].sort()) {
    const keys = f.exact.get(w)!;
    if (!keys.length) continue;
    if (!own) {
      exact[w] = encodeGaps(keys);
      continue;
    }
    // A frequent ñ spelling's own fragment: its newest block here, its older blocks apart.
    const [head, ...older] = cutBlocks({ keys }, f.bounds, blockSize);
    exact[w] = encodeGaps(head.keys);
    for (const b of older) block(b);
  }
  if (!Object.keys(words).length && !Object.keys(exact).length) return [];
  const doc: TermFragment = { schemaVersion: FRAGMENT_FORMAT_VERSION, name, words };
  if (Object.keys(exact).length) doc.exact = exact;
  if (pointers.length) doc.blocks = pointers;
  if (Object.keys(cards).length) doc.cards = cards;
  return [named(collection, 't', doc), ...blocks];
}

export function encodeDirectory(collection: CollectionName, fragments: Record<string, string>): NamedObject {
  const sorted = Object.fromEntries(Object.entries(fragments).sort(([a], [b]) => (a < b ? -1 : 1)));
  return named(collection, 'd', { schemaVersion: FRAGMENT_FORMAT_VERSION, fragments: sorted } satisfies TermDirectory);
}

/**
 * An entry chunk, its columns and, when some of its clips have caption words, those words apart
 * (`w/s-…`, the writer's own state): a viewer showing results downloads the entries without them.
 * The three share one hash, taken over the entries with their words, so a change of words alone is
 * a new chunk too.
 */
export function encodeChunk(
  collection: CollectionName,
  keys: number[],
  entries: CatalogEntry[],
  tokens: number[],
): { entries: NamedObject; cols: NamedObject; words?: NamedObject } {
  const cols = columnChunkOf(keys, entries.map(columnsOf));
  const captioned = entries.some((x) => x.captionWords);
  const full = named(collection, 'e', { schemaVersion: FRAGMENT_FORMAT_VERSION, keys, entries, tokens } satisfies EntryChunk);
  const e = captioned
    ? {
        key: full.key,
        text: JSON.stringify({ schemaVersion: FRAGMENT_FORMAT_VERSION, keys, entries: entries.map(listedForm), tokens } satisfies EntryChunk),
      }
    : full;
  const words: CaptionWordsChunk | undefined = captioned
    ? { schemaVersion: FRAGMENT_FORMAT_VERSION, words: entries.map((x) => x.captionWords ?? null) }
    : undefined;
  // Columns derive from the entries: they share the entries' hash, so one pointer names both.
  return {
    entries: e,
    cols: { key: columnsKey(e.key), text: JSON.stringify(cols) },
    ...(words ? { words: { key: captionWordsKey(e.key), text: JSON.stringify(words) } } : {}),
  };
}

/**
 * A write's token (format.ts EntryObject): 48 random bits, so that two writes of one clip get the
 * same name with odds of about n² / 2^49 over its n writes (≈ 10^-12 for 50), and a write that did
 * not commit never shares a name with the one that did.
 */
export const newWriteToken = (): number => randomInt(1, 2 ** 48);

/** One entry on its own, named from its doc key and write token (format.ts EntryObject). */
export function encodeEntryObject(collection: CollectionName, key: number, token: number, entry: CatalogEntry): NamedObject {
  return {
    key: entryObjectKey(collection, key, token),
    text: JSON.stringify({ schemaVersion: FRAGMENT_FORMAT_VERSION, key, entry: listedForm(entry) } satisfies EntryObject),
  };
}

/** A stored chunk's entries with their caption words back (`words`: the chunk's `w/s-…`), as the writer edits them. */
export function withCaptionWordsBack(entries: CatalogEntry[], words: CaptionWordsChunk | undefined): CatalogEntry[] {
  return entries.map((x, i) => {
    if (!x.captioned) return x;
    const { captioned: _, ...rest } = x;
    const w = words?.words[i];
    return w ? { ...rest, captionWords: w } : rest;
  });
}

export const encodePage = (collection: CollectionName, chunks: ChunkPointer[]): NamedObject =>
  named(collection, 'p', { schemaVersion: FRAGMENT_FORMAT_VERSION, chunks } satisfies EntryPage);

export const encodeGroup = (collection: CollectionName, pages: PagePointer[]): NamedObject =>
  named(collection, 'g', { schemaVersion: FRAGMENT_FORMAT_VERSION, pages } satisfies PageGroup);
