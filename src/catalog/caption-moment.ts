/**
 * Where in a clip a caption hit was said: the catalog finds a clip by words of its captions
 * (terms.ts CAPTION_FIELD); for the results it shows, this finds the first cue containing the query's
 * words again (the same normalization: accents and ñ folded, prefix match) and gives its time and a
 * short quote around them. DOM-free; the fetching is injected.
 *
 * Which hits came from captions: a query word that prefix-matches no word of the entry's clip fields
 * can only have matched its caption words (every query word matched somewhere, AND), which is what
 * the word's field mask says; reading it from the entry needs nothing from the index beyond the entry
 * the result already shows.
 */
import type { CaptionTrack } from '../contract/video-record.js';
import { type TextCue, webVttCues } from './caption-words.js';
import type { CatalogEntry } from './format.js';
import { normalize } from './normalize.js';
import { queryTerms, termsOf } from './terms.js';

export interface CaptionMoment {
  /** Seconds from the clip's start. */
  start: number;
  /** The cue's text around the words, `…` where it was cut. */
  quote: string;
  lang: string;
}

/** The query words an entry matched only in its captions (empty: a metadata hit). */
export function captionOnlyTerms(e: CatalogEntry, query: string): string[] {
  const terms = queryTerms(query);
  if (!terms.length || !(e.captioned || e.captionWords)) return [];
  const fields = [...termsOf(e, false).keys()];
  return terms.filter((t) => !fields.some((w) => w.startsWith(t)));
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The first cue with every one of `terms` (each prefixing one of its words), with where they are. */
export function firstCueWith(cues: TextCue[], terms: string[]): { cue: TextCue; from: number; to: number } | undefined {
  for (const cue of cues) {
    let from = Infinity;
    let to = -1;
    const found = terms.every((t) => {
      for (const m of cue.text.matchAll(WORD)) {
        if (normalize(m[0]).startsWith(t)) {
          from = Math.min(from, m.index);
          to = Math.max(to, m.index + m[0].length);
          return true;
        }
      }
      return false;
    });
    if (found) return { cue, from, to };
  }
  return undefined;
}

/** About `max` characters of `text` around [from, to), cut at word boundaries, `…` where cut. */
export function quoteAround(text: string, from: number, to: number, max = 80): string {
  if (text.length <= max) return text;
  let a = Math.max(0, from - Math.floor(Math.max(0, max - (to - from)) / 2));
  let b = Math.min(text.length, Math.max(to, a + max));
  a = Math.max(0, Math.min(a, b - max));
  const space = text.indexOf(' ', a);
  if (a > 0 && space >= 0 && space < from) a = space + 1;
  const last = text.lastIndexOf(' ', b);
  if (b < text.length && last >= to) b = last;
  return `${a > 0 ? '…' : ''}${text.slice(a, b).trim()}${b < text.length ? '…' : ''}`;
}

/** `m:ss`, or `h:mm:ss` from an hour on. */
export function momentLabel(seconds: number): string {
  const s = Math.floor(seconds);
  const p = (n: number) => String(n).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}` : `${Math.floor(s / 60)}:${p(s % 60)}`;
}

export interface MomentSource {
  /** The clip's caption tracks (its record's `captions`), or undefined when it cannot be read. */
  captions(id: string): Promise<CaptionTrack[] | undefined>;
  /** A caption file's text (`uri` relative to the clip's folder). */
  file(id: string, uri: string): Promise<string | undefined>;
}

/**
 * The moment of a caption hit: the first cue, in the clip's caption files in record order, with all
 * the query words the entry's fields do not have (undefined: a metadata hit, or none found). Costs
 * the record and one small file per language tried (docs/catalog.md "Caption hits").
 */
export async function captionMoment(e: CatalogEntry, query: string, source: MomentSource): Promise<CaptionMoment | undefined> {
  const terms = captionOnlyTerms(e, query);
  if (!terms.length) return undefined;
  for (const track of (await source.captions(e.id)) ?? []) {
    const text = await source.file(e.id, track.uri);
    const hit = text === undefined ? undefined : firstCueWith(webVttCues(text), terms);
    if (hit) return { start: hit.cue.start, quote: quoteAround(hit.cue.text, hit.from, hit.to), lang: track.lang };
  }
  return undefined;
}

/** A MomentSource over the public CDN (published clips: `media/<id>/video.json` and its caption files). */
export function cdnMomentSource(cdnBaseUrl: string, fetchText: (url: string) => Promise<string | undefined>): MomentSource {
  const base = cdnBaseUrl.replace(/\/+$/, '');
  const folder = (id: string) => `${base}/media/${encodeURIComponent(id)}/`;
  return {
    async captions(id) {
      const text = await fetchText(`${folder(id)}video.json`);
      try {
        const captions = text ? (JSON.parse(text) as { captions?: CaptionTrack[] }).captions : undefined;
        return Array.isArray(captions) ? captions.filter((c) => typeof c?.uri === 'string' && !c.uri.includes('..')) : undefined;
      } catch {
        return undefined;
      }
    },
    file: (id, uri) => fetchText(folder(id) + uri),
  };
}
