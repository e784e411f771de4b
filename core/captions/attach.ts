/**
 * Attaching and removing a clip's caption file per language: the file is checked and rewritten as
 * WebVTT (parse.ts), stored under a content-addressed key (a replaced file never reuses a URL, so a
 * CDN's immutable copy of the old one is never served for the new), and the record's `captions`
 * changes through the API's one write path (conditional write, audit entry before/after; the
 * indexer re-indexes on the record's write).
 *
 * One track per language: an attached file replaces whatever track the clip had in that language,
 * extracted or attached (the admin attaching it is correcting or supplying the clip's captions in
 * that language; two tracks of one language would offer viewers a choice they cannot make). Files
 * replaced or removed stay in the bucket (the audit entry names them; deleting the clip removes them).
 */
import { createHash } from 'node:crypto';
import { languageName } from '../../packaging/audio-tracks.ts';
import type { CaptionTrack, VideoRecord } from '../../src/contract/video-record.ts';
import type { Principal } from '../auth/principal.ts';
import { changeClip, readClip, type LoadedClip } from '../api/clips.ts';
import type { ApiDeps } from '../api/deps.ts';
import { ApiProblem } from '../api/problem.ts';
import { CaptionFileError, parseCaptionFile, toWebVtt } from './parse.ts';

/** Attached files' folder inside the clip's (`media/<id>/`). */
export const ATTACHED_CAPTIONS_FOLDER = 'captions/attached';

/** `captions/attached/<lang>.<first 16 hex of the file's SHA-256>.vtt`, relative to the clip. */
export const attachedCaptionUri = (lang: string, vtt: string): string =>
  `${ATTACHED_CAPTIONS_FOLDER}/${lang}.${createHash('sha256').update(vtt).digest('hex').slice(0, 16)}.vtt`;

/** Immutable: a new file is a new key. */
export const CAPTION_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** A language tag as the route takes it (BCP 47 shape, lower-case language). */
export const CAPTION_LANG_PATTERN = '^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$';

export const captionLabel = (lang: string): string => languageName(lang) ?? lang;

/** The record with `track` as its only track in that language (its position kept when it replaces one). */
export function withCaption(record: VideoRecord, track: CaptionTrack): CaptionTrack[] {
  const list = record.captions ?? [];
  const at = list.findIndex((c) => c.lang === track.lang);
  const rest = list.filter((c) => c.lang !== track.lang);
  if (at < 0) return [...rest, track];
  rest.splice(Math.min(at, rest.length), 0, track);
  return rest;
}

export async function attachCaption(
  deps: ApiDeps,
  principal: Principal,
  id: string,
  lang: string,
  format: 'vtt' | 'srt',
  text: string,
  ifMatch?: string,
): Promise<LoadedClip> {
  const clip = await readClip(deps, id);
  if (!clip) throw new ApiProblem('NotFound', `No clip ${id}`);
  if (clip.record.status !== 'ready' || typeof clip.record.durationSeconds !== 'number')
    throw new ApiProblem('ClipNotReady', `Clip ${id} is ${clip.record.status}; captions attach to a ready clip`);
  let vtt: string;
  try {
    vtt = toWebVtt(parseCaptionFile(text, format, clip.record.durationSeconds));
  } catch (e) {
    if (!(e instanceof CaptionFileError)) throw e;
    throw new ApiProblem('CaptionFileInvalid', e.message, { reason: e.reason, ...(e.line ? { line: e.line } : {}) });
  }
  const uri = attachedCaptionUri(lang, vtt);
  // The file first (a new key nobody reads yet), then the record that names it: a stop in between
  // leaves an unreferenced file, never a record naming a missing one.
  await deps.store.put(`media/${id}/${uri}`, vtt, { contentType: 'text/vtt; charset=utf-8', cacheControl: CAPTION_CACHE_CONTROL });
  const track: CaptionTrack = { lang, label: captionLabel(lang), uri, source: 'attached' };
  return changeClip(deps, {
    id,
    principal,
    ifMatch,
    action: 'clip.captions',
    apply(record, at) {
      const same = record.captions?.some((c) => c.lang === lang && c.uri === uri && c.source === 'attached');
      return same ? undefined : { ...record, captions: withCaption(record, track), updatedAt: at };
    },
  });
}

export async function removeCaption(deps: ApiDeps, principal: Principal, id: string, lang: string, ifMatch?: string): Promise<LoadedClip> {
  return changeClip(deps, {
    id,
    principal,
    ifMatch,
    action: 'clip.captions',
    apply(record, at) {
      if (!record.captions?.some((c) => c.lang === lang)) throw new ApiProblem('NotFound', `Clip ${id} has no captions in ${lang}`);
      return { ...record, captions: record.captions.filter((c) => c.lang !== lang), updatedAt: at };
    },
  });
}
