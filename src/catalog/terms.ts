/**
 * What an entry is found by: one definition shared by the in-memory SearchIndex, the fragment
 * writer (core/index) and the fragment reader. A term is a normalized word (normalize.ts) with the
 * set of searched fields it occurs in (a bit mask, bit i = SEARCH_FIELDS[i], heaviest first); words
 * spelled with ñ are also kept as written (`exactForms`) so a query typed with ñ ranks them first.
 *
 * Score of an entry for a query (docs/catalog.md "Ranking"):
 *   Σ over query words of  best field weight × (2 for a whole-word match, 1 for a prefix match)
 *   + 0.5 per query word typed with ñ that the entry spells the same way.
 */
import type { CatalogEntry } from './format.js';
import { foldCaseAndAccents, tokenize } from './normalize.js';
import { SEARCH_FIELDS, fieldValue } from '../contract/clip-fields.js';

/** The searched fields, highest weight first; field i is bit 1 << i of a mask. */
export const SEARCHED = SEARCH_FIELDS.map((f, i) => ({ name: f.name, bit: 1 << i, weight: f.search!, exact: f.kind !== 'longText' }));

/**
 * Words said in the clip (the entry's `captionWords`, caption-words.ts): the bit after the clip
 * fields', weighted so that even a whole-word caption match (0.4 × 2) ranks below a prefix match of
 * the lightest clip field (1 × 1): a metadata match always ranks first.
 */
export const CAPTION_FIELD = { name: 'captionWords', bit: 1 << SEARCHED.length, weight: 0.4 } as const;

/** Best weight per field mask: the lowest set bit is the heaviest field. */
export const WEIGHT_OF = new Float32Array(1 << (SEARCHED.length + 1)).map((_, mask) => {
  for (const f of SEARCHED) if (mask & f.bit) return f.weight;
  return mask & CAPTION_FIELD.bit ? CAPTION_FIELD.weight : 0;
});

/** Added per ñ-typed query word the entry spells the same way. */
export const EXACT_BONUS = 0.5;

const WORD_SEPARATORS = /[^\p{L}\p{N}]+/u;

/** The text of a field of an entry as searched (a list is its items, space-separated). */
export const searchedText = (e: CatalogEntry, name: string): string | undefined => {
  const v = fieldValue(e, name);
  return Array.isArray(v) ? v.join(' ') : (v as string | undefined);
};

/** Normalized words of an entry with their field masks (`captions: false`: the clip fields' only). */
export function termsOf(e: CatalogEntry, captions = true): Map<string, number> {
  const seen = new Map<string, number>();
  for (const f of SEARCHED) for (const w of tokenize(searchedText(e, f.name))) seen.set(w, (seen.get(w) ?? 0) | f.bit);
  if (captions && e.captionWords) for (const w of e.captionWords.split(' ')) if (w) seen.set(w, (seen.get(w) ?? 0) | CAPTION_FIELD.bit);
  return seen;
}

/** Words of the exact-spelling fields written with ñ, lower case without other accents ("Peña" → "peña"). */
export function exactFormsOf(e: CatalogEntry): Set<string> {
  const out = new Set<string>();
  for (const f of SEARCHED) {
    const text = f.exact ? searchedText(e, f.name) : undefined;
    if (text && /ñ/i.test(text)) for (const w of foldCaseAndAccents(text).split(WORD_SEPARATORS)) if (w.includes('ñ')) out.add(w);
  }
  return out;
}

/** A query's distinct normalized words (every one must match, AND). */
export const queryTerms = (query: string): string[] => [...new Set(tokenize(query))];

/** A query's words typed with ñ, as written (lower case, other accents removed). */
export const queryExactForms = (query: string): string[] =>
  foldCaseAndAccents(query)
    .split(WORD_SEPARATORS)
    .filter((w) => w.includes('ñ'));

/** Score of one query word's best match among an entry's words (0: no match). */
export function termScore(term: string, word: string, mask: number): number {
  if (!word.startsWith(term)) return 0;
  return WEIGHT_OF[mask] * (word === term ? 2 : 1);
}
