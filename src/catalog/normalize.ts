/**
 * Spanish-aware text normalization for search: lower case, accents and diaeresis removed
 * ("Elección" → "eleccion", "pingüino" → "pinguino"), and ñ folded to n ("Peña" → "pena").
 * Folding ñ is deliberate: people search from keyboards and phones without ñ ("Espana", "Nino") and
 * expect a match; the few pairs it conflates (año/ano) never matter in newscast metadata, and
 * ranking still puts the exact spelling first (see search-index.ts, `exactForm`).
 */
const MARKS = /[\u0300-\u036f]/g;
const SEPARATORS = /[^\p{L}\p{N}]+/u;

/** Lower-cased, without accents; keeps ñ (for the exact-spelling bonus). */
export function foldCaseAndAccents(text: string): string {
  // NFD splits "ñ" into n + U+0303; put it back so only the other accents go.
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/n\u0303/g, '\u00f1')
    .replace(MARKS, '');
}

/** The search key of a text: lower case, no accents, ñ → n. */
export function normalize(text: string): string {
  return foldCaseAndAccents(text).replace(/ñ/g, 'n');
}

/** Words of a text, normalized; empty strings dropped. */
export function tokenize(text: string | undefined): string[] {
  if (!text) return [];
  return normalize(text).split(SEPARATORS).filter(Boolean);
}
