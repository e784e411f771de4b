/**
 * One entry's row of a column chunk (`f/c-…`): its facet values, duration and normalized title, for
 * facet counts, filters and sorts without the entries. One definition for the writer (core/index),
 * which writes the chunks, and the reader, which counts the facets of a rare word's results from its
 * title cards (format.ts CARD_MAX) the same way.
 */
import type { CatalogEntry } from '../format.js';
import { normalize } from '../normalize.js';
import { FACET_FIELDS, fieldValue } from '../../contract/clip-fields.js';
import { FRAGMENT_FORMAT_VERSION, type ColumnChunk } from './format.js';

export interface ColumnRow {
  facets: Record<string, string | string[] | null>;
  duration: number;
  title: string;
}

export function columnsOf(e: CatalogEntry): ColumnRow {
  const facets: Record<string, string | string[] | null> = {};
  for (const f of FACET_FIELDS) {
    const v = fieldValue(e, f.name);
    facets[f.facet.key] = Array.isArray(v) ? (v.length ? (v as string[]) : null) : typeof v === 'string' && v ? v : null;
  }
  return { facets, duration: e.durationSeconds ?? 0, title: normalize(e.title ?? '') };
}

/** Rows of entries (newest first, with their doc keys) as a column chunk. */
export function columnChunkOf(keys: number[], rows: ColumnRow[]): ColumnChunk {
  return {
    schemaVersion: FRAGMENT_FORMAT_VERSION,
    keys,
    facets: Object.fromEntries(FACET_FIELDS.map((f) => [f.facet.key, rows.map((r) => r.facets[f.facet.key])])),
    duration: rows.map((r) => r.duration),
    title: rows.map((r) => r.title),
  };
}
