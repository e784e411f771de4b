/**
 * What a clip's `video.json` (docs/contract.md) gives the player, and what the CDN's answer means.
 */
import { VIDEO_RECORD_VERSION, type SourceTimecode, type VideoRecord } from '../contract/video-record.js';
import { codeForStatus, type IneErrorCode } from '../internal/error-codes.js';

import { withQuery } from './clip-urls.js';

export { clipUrls, withQuery, type ClipUrls } from './clip-urls.js';

export interface ClipAssets {
  poster?: string;
  storyboard?: string;
  captions: Array<{ lang: string; label: string; src: string }>;
  title?: string;
  durationSeconds?: number;
  /** When the clip's media time 0 went on air (ISO 8601 with offset), for the broadcast clock. */
  broadcastAt?: string;
  /** The source's own timecode, for the broadcast clock. */
  timecode?: SourceTimecode;
}

/** Absolute URLs of a record's poster, storyboard and caption tracks (each with the folder's signed parameters, if any). */
export function clipAssets(record: VideoRecord, folder: string, query = ''): ClipAssets {
  const abs = (u: string) => withQuery(new URL(u, folder).href, query);
  return {
    poster: record.poster ? abs(record.poster) : undefined,
    storyboard: record.storyboard ? abs(record.storyboard) : undefined,
    captions: (record.captions ?? []).map((c) => ({ lang: c.lang, label: c.label, src: abs(c.uri) })),
    title: record.metadata?.title,
    broadcastAt: record.metadata?.broadcastAt,
    timecode: record.timecode,
    durationSeconds: record.durationSeconds,
  };
}

/**
 * Why a clip cannot play, from what the CDN answered. The CDN answers 404 both for a clip that
 * does not exist and for one that is not published (it must not reveal drafts), so both are
 * `NotFound`; a record that does arrive but says unpublished/processing/failed gets its own code.
 */
export function recordProblem(status: number, record?: Partial<VideoRecord>, preview = false): IneErrorCode | undefined {
  if (status < 200 || status >= 300) return codeForStatus(status, 'cdn') ?? 'Network';
  if (!record) return undefined;
  if (record.schemaVersion !== VIDEO_RECORD_VERSION) return 'UnsupportedRecord';
  if (record.status === 'processing') return 'Processing';
  if (record.status === 'failed') return 'ProcessingFailed';
  // A signed preview plays drafts: that is what it is for.
  if (record.published === false && !preview) return 'NotPublished';
  return undefined;
}

/**
 * Fetch a clip's record (`video.json`): its assets, or the code saying why the clip cannot play.
 * Undefined when there is nothing to tell: no answer at all (the stream's own loading reports
 * network trouble) or a record that is not JSON (the stream plays without poster and captions).
 */
export async function fetchClipRecord(
  url: string,
  folder: string,
  get: typeof fetch = fetch,
  query = '',
): Promise<ClipAssets | IneErrorCode | undefined> {
  let res: Response;
  try {
    res = await get(url, { credentials: 'omit' });
  } catch {
    return undefined; // No answer: the stream's own loading reports it.
  }
  // Not JSON: reported as no record (see above), not as a failure of the clip.
  const record = res.ok ? ((await res.json().catch(() => undefined)) as VideoRecord | undefined) : undefined;
  return recordProblem(res.status, record, !!query) ?? (record && clipAssets(record, folder, query));
}
