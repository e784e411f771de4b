/**
 * Encoding the fragment objects (src/catalog/fragments/format.ts) and naming them by content, so a
 * URL's content never changes and writing the same object twice is harmless.
 */
import { createHash } from 'node:crypto';
import type { CatalogEntry, CollectionName } from '../../src/catalog/format.js';
import {
  FRAGMENT_FORMAT_VERSION,
  encodeGaps,
  fragmentPrefix,
  writerPrefix,
  columnsKey,
  type ColumnChunk,
  type EntryChunk,
  type EntryPage,
  type ChunkPointer,
  type PageGroup,
  type PagePointer,
  type TermDirectory,
  type TermFragment,
} from '../../src/catalog/fragments/format.js';
import { FACET_FIELDS } from '../../src/contract/clip-fields.js';
import { columnsOf } from './derive.js';

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
}

export interface FragmentData {
  words: Map<string, PostingList>;
  exact: Map<string, number[]>;
}

export function encodeFragment(collection: CollectionName, name: string, f: FragmentData): NamedObject | undefined {
  const words: TermFragment['words'] = {};
  for (const w of [...f.words.keys()].sort()) {
    const p = f.words.get(w)!;
    if (p.keys.length) words[w] = p.masks ? [encodeGaps(p.keys), p.masks] : [encodeGaps(p.keys)];
  }
  const exact: Record<string, number[]> = {};
  for (const w of [...f.exact.keys()].sort()) if (f.exact.get(w)!.length) exact[w] = encodeGaps(f.exact.get(w)!);
  if (!Object.keys(words).length && !Object.keys(exact).length) return undefined;
  const doc: TermFragment = { schemaVersion: FRAGMENT_FORMAT_VERSION, name, words };
  if (Object.keys(exact).length) doc.exact = exact;
  return named(collection, 't', doc);
}

export function encodeDirectory(collection: CollectionName, fragments: Record<string, string>): NamedObject {
  const sorted = Object.fromEntries(Object.entries(fragments).sort(([a], [b]) => (a < b ? -1 : 1)));
  return named(collection, 'd', { schemaVersion: FRAGMENT_FORMAT_VERSION, fragments: sorted } satisfies TermDirectory);
}

/** An entry chunk and its columns. */
export function encodeChunk(collection: CollectionName, keys: number[], entries: CatalogEntry[]): { entries: NamedObject; cols: NamedObject } {
  const rows = entries.map(columnsOf);
  const cols: ColumnChunk = {
    schemaVersion: FRAGMENT_FORMAT_VERSION,
    keys,
    facets: Object.fromEntries(FACET_FIELDS.map((f) => [f.facet.key, rows.map((r) => r.facets[f.facet.key])])),
    duration: rows.map((r) => r.duration),
    title: rows.map((r) => r.title),
  };
  const e = named(collection, 'e', { schemaVersion: FRAGMENT_FORMAT_VERSION, keys, entries } satisfies EntryChunk);
  // Columns derive from the entries: they share the entries' hash, so one pointer names both.
  return { entries: e, cols: { key: columnsKey(e.key), text: JSON.stringify(cols) } };
}

export const encodePage = (collection: CollectionName, chunks: ChunkPointer[]): NamedObject =>
  named(collection, 'p', { schemaVersion: FRAGMENT_FORMAT_VERSION, chunks } satisfies EntryPage);

export const encodeGroup = (collection: CollectionName, pages: PagePointer[]): NamedObject =>
  named(collection, 'g', { schemaVersion: FRAGMENT_FORMAT_VERSION, pages } satisfies PageGroup);
