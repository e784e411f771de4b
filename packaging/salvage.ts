/**
 * A source cut short after its movie header (a recorder that crashed mid-recording, a copy that
 * stopped): the samples before the cut still play. The clip is packaged up to the last complete
 * sample and its record marked incomplete with the duration lost; it is refused only when less
 * than MIN_SALVAGE_SECONDS of it plays.
 */
import { PackagingFailure } from './errors.js';
import type { SourceInfo } from './probe.js';
import { run, type Tools } from './tools.js';

/** Less than this much playable media is "nothing plays". */
export const MIN_SALVAGE_SECONDS = 1;

export interface PacketEntry {
  stream: 'video' | 'audio' | 'other';
  start: number;
  duration: number;
  pos: number;
  size: number;
}

/**
 * Where the complete samples end, per kind of track: a sample is complete when its bytes end
 * before the end of the file (the one the file ends in is cut, whatever size ffprobe reports).
 */
export function completeUntil(packets: PacketEntry[], fileBytes: number): { video: number; audio: number } {
  const end = { video: 0, audio: 0 };
  for (const p of packets) {
    if (p.stream === 'other' || !(p.pos >= 0) || p.pos + p.size >= fileBytes) continue;
    end[p.stream] = Math.max(end[p.stream], p.start + p.duration);
  }
  return end;
}

/** The playable duration of a cut source (video decides when there is video). Exported for tests. */
export function playableSeconds(info: Pick<SourceInfo, 'video' | 'audio'>, until: { video: number; audio: number }): number {
  return info.video ? until.video : until.audio;
}

/** Lists every packet's track, time, file position and size (demuxing only: no decoding). */
export async function listPackets(tools: Tools, src: string, signal?: AbortSignal): Promise<PacketEntry[]> {
  const r = await run(
    tools.ffprobe,
    ['-v', 'quiet', '-show_entries', 'stream=index,codec_type:packet=stream_index,pts_time,duration_time,pos,size', '-of', 'json', src],
    { signal },
  );
  const json = JSON.parse(r.stdout || '{}') as {
    streams?: { index: number; codec_type?: string }[];
    packets?: { stream_index: number; pts_time?: string; duration_time?: string; pos?: string; size?: string }[];
  };
  const kind = new Map(
    (json.streams ?? []).map((s) => [s.index, s.codec_type === 'video' || s.codec_type === 'audio' ? s.codec_type : 'other'] as const),
  );
  return (json.packets ?? []).map((p) => ({
    stream: kind.get(p.stream_index) ?? 'other',
    start: Number(p.pts_time) || 0,
    duration: Number(p.duration_time) || 0,
    pos: p.pos === undefined ? -1 : Number(p.pos),
    size: Number(p.size) || 0,
  }));
}

/**
 * The salvage decision for a source whose file ends inside its media: the info to package with
 * (duration cut to what plays) and the seconds lost, or a `truncated` failure when nothing plays.
 */
export async function salvageCutSource(
  tools: Tools,
  src: string,
  fileBytes: number,
  info: SourceInfo,
  signal?: AbortSignal,
): Promise<{ info: SourceInfo; lostSeconds: number }> {
  const playable = Math.min(info.durationSeconds, playableSeconds(info, completeUntil(await listPackets(tools, src, signal), fileBytes)));
  const round = (n: number) => Math.round(n * 1000) / 1000;
  if (!(playable >= MIN_SALVAGE_SECONDS)) {
    throw new PackagingFailure(
      'truncated',
      `The file is truncated: of its ${round(info.durationSeconds)} s, only ${round(playable)} s are complete, too little to make a clip.`,
      { durationSeconds: round(info.durationSeconds), playableSeconds: round(playable) },
    );
  }
  return { info: { ...info, durationSeconds: playable, cutAtSeconds: playable }, lostSeconds: round(info.durationSeconds - playable) };
}
