/**
 * Caption text as search words: what the indexer keeps of a clip's caption files (the entry's
 * `captionWords`) and how a caption hit's moment is found again in a file (caption-moment.ts). DOM-free.
 *
 * Bounded: at most CAPTION_WORDS_MAX distinct words per clip, in the order they are first said, of at
 * CAPTION_WORD_MIN to CAPTION_WORD_MAX characters and not in a short list of function words (they would match every
 * captioned clip and only grow the postings). A clip saying more distinct words than that is found by
 * the first ones it says; the entry's size stays bounded (docs/catalog.md "Caption words").
 */
import { tokenize } from './normalize.js';

export const CAPTION_WORDS_MAX = 250;
export const CAPTION_WORD_MIN = 3;
/** Longer words (a URL read out, a run-together error) are not kept: the entry's words stay ≤ 250 × 29 characters. */
export const CAPTION_WORD_MAX = 28;

/** Spanish and English function words of three letters or more (normalized): not indexed. */
const STOP_WORDS = new Set(
  (
    'que los las del por con una para como mas pero sus este esta esto ese esa eso son fue han hay muy sin sobre entre ' +
    'cuando donde ya les nos todo todos tambien the and for that this with are was were you not have has from they'
  ).split(' '),
);

export interface TextCue {
  /** Seconds. */
  start: number;
  end: number;
  text: string;
}

const TIMING = /^((?:\d+:)?\d{2}:\d{2}[.,]\d{3})\s+-->\s+((?:\d+:)?\d{2}:\d{2}[.,]\d{3})/;
const secondsOf = (t: string) =>
  t
    .replace(',', '.')
    .split(':')
    .reduce((a, p) => a * 60 + Number(p), 0);

/** The cues of a WebVTT file (lenient: blocks without a timing are skipped), tags and entities removed. */
export function webVttCues(vtt: string): TextCue[] {
  const out: TextCue[] = [];
  for (const block of vtt.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const lines = block.split('\n');
    const at = lines.findIndex((l) => TIMING.test(l));
    if (at < 0) continue;
    const m = TIMING.exec(lines[at]!)!;
    const text = lines
      .slice(at + 1)
      .join(' ')
      .replace(/<[^>]*>/g, '')
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/&\w+;/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (text) out.push({ start: secondsOf(m[1]!), end: secondsOf(m[2]!), text });
  }
  return out;
}

/** The words an entry is found by from these caption files (each a WebVTT text), bounded as above. */
export function captionWordsOf(files: string[]): string {
  const words = new Set<string>();
  for (const f of files)
    for (const cue of webVttCues(f))
      for (const w of tokenize(cue.text)) {
        if (words.size >= CAPTION_WORDS_MAX) return [...words].join(' ');
        if (w.length >= CAPTION_WORD_MIN && w.length <= CAPTION_WORD_MAX && !STOP_WORDS.has(w)) words.add(w);
      }
  return [...words].join(' ');
}
