/**
 * An attached caption file (WebVTT or SubRip) read strictly and written back as clean WebVTT: every
 * cue timed inside the clip, its text reduced to what WebVTT lets a player render safely (`<b>`,
 * `<i>`, `<u>` and entities; every other tag, SRT `<font>` and ASS `{\…}` overrides dropped), no
 * styling blocks. Overlapping cues are kept (WebVTT allows them); cues out of order are put in
 * start-time order (WebVTT requires it). Anything else wrong is a CaptionFileError with a reason and
 * the line, and nothing is written. Pure: tests call it directly.
 */
import { CAPTION_LIMITS } from './limits.ts';

export type CaptionFileProblem =
  'tooLarge' | 'encoding' | 'header' | 'timing' | 'endBeforeStart' | 'outsideClip' | 'cueTooLong' | 'tooManyCues' | 'empty';

export class CaptionFileError extends Error {
  override readonly name = 'CaptionFileError';
  constructor(
    readonly reason: CaptionFileProblem,
    message: string,
    /** 1-based line of the file, when one line is at fault. */
    readonly line?: number,
  ) {
    super(line ? `line ${line}: ${message}` : message);
  }
}

export interface Cue {
  start: number;
  end: number;
  /** Sanitized WebVTT cue text (lines joined by `\n`). */
  text: string;
}

const TIME = /^(?:(\d{1,3}):)?([0-5]\d):([0-5]\d)[.,](\d{3})$/;

function seconds(t: string): number | undefined {
  const m = TIME.exec(t.trim());
  if (!m) return undefined;
  return (Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000 + Number(m[4]);
}

/** `hh:mm:ss.mmm` of a time in milliseconds. */
export function vttTime(ms: number): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(Math.floor(ms / 3600000))}:${p(Math.floor(ms / 60000) % 60)}:${p(Math.floor(ms / 1000) % 60)}.${p(ms % 1000, 3)}`;
}

const ALLOWED_TAGS = new Set(['b', 'i', 'u']);
const ENTITY = /^&(?:amp|lt|gt|nbsp|lrm|rlm);/;

/** Cue text as WebVTT a player renders safely: only b/i/u (balanced), entities kept or escaped. */
export function sanitizeCueText(raw: string): string {
  const text = raw.replace(/\{\\[^}]*\}/g, ''); // ASS override blocks some SRT files carry
  let out = '';
  const open: string[] = [];
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    if (c === '<') {
      const end = text.indexOf('>', i);
      const tag = end < 0 ? '' : text.slice(i + 1, end);
      const m = /^(\/?)([a-zA-Z]+)(?:[.\s][^<>]*)?$/.exec(tag);
      if (end >= 0 && m) {
        const name = m[2]!.toLowerCase();
        if (ALLOWED_TAGS.has(name)) {
          if (!m[1]) {
            open.push(name);
            out += `<${name}>`;
          } else if (open.includes(name)) {
            while (open.length) {
              const t = open.pop()!;
              out += `</${t}>`;
              if (t === name) break;
            }
          }
        }
        i = end + 1; // a tag not allowed (font, c, v, ruby, timestamps…) goes, its text stays
        continue;
      }
      if (end >= 0 && /^\d/.test(tag)) {
        i = end + 1; // an inline timestamp (karaoke): dropped
        continue;
      }
      out += '&lt;';
    } else if (c === '>') out += '&gt;';
    else if (c === '&') out += ENTITY.test(text.slice(i)) ? '&' : '&amp;';
    else out += c;
    i++;
  }
  while (open.length) out += `</${open.pop()!}>`;
  return out
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** The cue's visible characters (no tags, entities as one). */
const visibleLength = (text: string) => text.replace(/<[^>]*>/g, '').replace(/&\w+;/g, '_').length;

/** A C0 control character other than tab and line ends, or DEL: not text. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return true;
  }
  return false;
}

interface Block {
  line: number;
  lines: string[];
}

function blocksOf(text: string, firstLine: number): Block[] {
  const out: Block[] = [];
  let cur: Block | undefined;
  text.split('\n').forEach((l, i) => {
    if (l.trim() === '') cur = undefined;
    else {
      if (!cur) out.push((cur = { line: firstLine + i, lines: [] }));
      cur.lines.push(l);
    }
  });
  return out;
}

/**
 * Read a caption file. `durationSeconds`: the clip's; a cue must start inside it and may end up to
 * CAPTION_LIMITS.endSlackSeconds after it (clipped to the end).
 */
export function parseCaptionFile(text: string, format: 'vtt' | 'srt', durationSeconds: number): Cue[] {
  if (Buffer.byteLength(text) > CAPTION_LIMITS.bytes) throw new CaptionFileError('tooLarge', `larger than ${CAPTION_LIMITS.bytes} bytes`);
  if (text.includes('\uFFFD') || hasControlCharacter(text))
    throw new CaptionFileError('encoding', 'not UTF-8 text (invalid bytes or control characters)');
  let body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let first = 1;
  if (format === 'vtt') {
    const headerEnd = body.indexOf('\n\n');
    const header = headerEnd < 0 ? body : body.slice(0, headerEnd);
    if (!/^WEBVTT(?:[ \t][^\n]*)?$/.test(header.split('\n')[0]!)) throw new CaptionFileError('header', 'a WebVTT file starts with "WEBVTT"', 1);
    if (header.includes('-->')) throw new CaptionFileError('header', 'a blank line must follow the WEBVTT header', 2);
    first = header.split('\n').length + 1;
    body = headerEnd < 0 ? '' : body.slice(headerEnd + 1);
  }
  const durationMs = Math.round(durationSeconds * 1000);
  const cues: Cue[] = [];
  for (const b of blocksOf(body, first)) {
    if (format === 'vtt' && /^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(b.lines[0]!)) continue; // comments and styling: not kept
    const at = b.lines.findIndex((l) => l.includes('-->'));
    // WebVTT: an optional identifier line, then the timing; SRT: the cue number, then the timing.
    if (at < 0 || at > 1) throw new CaptionFileError('timing', 'expected a cue timing "00:00:01.000 --> 00:00:02.000"', b.line + Math.max(0, at));
    if (format === 'srt' && at === 1 && !/^\d+$/.test(b.lines[0]!.trim()))
      throw new CaptionFileError('timing', 'expected a cue number before the timing', b.line);
    const timingLine = b.line + at;
    const [left, right = ''] = b.lines[at]!.split('-->');
    const start = seconds(left!);
    const end = seconds(right.trim().split(/[ \t]+/)[0]!);
    if (start === undefined || end === undefined)
      throw new CaptionFileError('timing', 'expected a cue timing "00:00:01.000 --> 00:00:02.000"', timingLine);
    if (end <= start) throw new CaptionFileError('endBeforeStart', 'a cue must end after it starts', timingLine);
    if (start >= durationMs || end > durationMs + CAPTION_LIMITS.endSlackSeconds * 1000)
      throw new CaptionFileError('outsideClip', `a cue is outside the clip (0 to ${vttTime(durationMs)})`, timingLine);
    const payload = b.lines.slice(at + 1);
    if (payload.length > CAPTION_LIMITS.cueLines)
      throw new CaptionFileError('cueTooLong', `a cue has more than ${CAPTION_LIMITS.cueLines} lines`, timingLine);
    const clean = sanitizeCueText(payload.join('\n'));
    if (visibleLength(clean) > CAPTION_LIMITS.cueChars)
      throw new CaptionFileError('cueTooLong', `a cue is longer than ${CAPTION_LIMITS.cueChars} characters`, timingLine);
    if (!clean) continue; // an empty cue shows nothing
    if (cues.length >= CAPTION_LIMITS.cues) throw new CaptionFileError('tooManyCues', `more than ${CAPTION_LIMITS.cues} cues`, timingLine);
    cues.push({ start: start / 1000, end: Math.min(end, durationMs) / 1000, text: clean });
  }
  if (!cues.length) throw new CaptionFileError('empty', 'the file has no cue with text');
  // Stable: cues starting together keep the file's order.
  return cues
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.start - b.c.start || a.i - b.i)
    .map((x) => x.c);
}

/** Cues as a WebVTT file. */
export const toWebVtt = (cues: Cue[]): string =>
  `WEBVTT\n\n${cues.map((c) => `${vttTime(Math.round(c.start * 1000))} --> ${vttTime(Math.round(c.end * 1000))}\n${c.text}`).join('\n\n')}\n`;
