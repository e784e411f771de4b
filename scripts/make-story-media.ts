/**
 * Writes the small clip the player's track stories play offline (stories/static/media/pistas/):
 * 4 s of test pattern with Spanish and English audio and Spanish and English subtitles, made by
 * ffmpeg and packaged by the packaging core (so its layout is the real one: demuxed audio
 * renditions in an EXT-X-MEDIA group, WebVTT captions), plus the record the player reads.
 * `npx tsx scripts/make-story-media.ts` rewrites it; the output is committed (about 150 KB).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS } from '../packaging/limits.ts';
import { detectFfmpeg } from '../packaging/tools.ts';
import { packageLocalFile } from '../server/packager/job.ts';
import { VIDEO_RECORD_VERSION, type VideoRecord } from '../src/contract/index.ts';

const exec = promisify(execFile);
const out = fileURLToPath(new URL('../stories/static/media/pistas/', import.meta.url));
const tools = await detectFfmpeg();
if (!tools) throw new Error('ffmpeg and ffprobe are needed');
const work = await mkdtemp(join(tmpdir(), 'ine-story-media-'));
try {
  const srt = (a: string, b: string) => `1\n00:00:00,300 --> 00:00:01,900\n${a}\n\n2\n00:00:02,000 --> 00:00:03,800\n${b}\n`;
  await writeFile(join(work, 'es.srt'), srt('Buenas noches', 'Comenzamos la transmisión'));
  await writeFile(join(work, 'en.srt'), srt('Good evening', 'The broadcast begins'));
  const src = join(work, 'source.mp4');
  // prettier-ignore
  await exec(tools.ffmpeg, [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25:duration=4',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=4',
    '-f', 'lavfi', '-i', 'sine=frequency=660:sample_rate=48000:duration=4',
    '-i', join(work, 'es.srt'), '-i', join(work, 'en.srt'),
    '-map', '0:v', '-map', '1:a', '-map', '2:a', '-map', '3:s', '-map', '4:s',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '64k', '-c:s', 'mov_text',
    '-metadata:s:a:0', 'language=spa', '-metadata:s:a:1', 'language=eng', '-disposition:a:0', 'default', '-disposition:a:1', '0',
    '-metadata:s:s:0', 'language=spa', '-metadata:s:s:1', 'language=eng',
    '-f', 'mp4', src,
  ]);
  await rm(out, { recursive: true, force: true });
  const { info, result } = await packageLocalFile(tools, src, out, DEFAULT_LIMITS);
  const now = new Date().toISOString();
  const record: VideoRecord = {
    schemaVersion: VIDEO_RECORD_VERSION,
    id: 'pistas',
    status: 'ready',
    published: true,
    metadata: { title: 'Clip de muestra con dos idiomas y subtítulos', broadcastAt: '2026-03-01T21:03:12-06:00' },
    durationSeconds: info.durationSeconds,
    width: info.video?.width,
    height: info.video?.height,
    renditions: result.variants.map((v) => ({ width: v.width ?? 0, height: v.height ?? 0, bandwidth: v.bandwidth, codecs: v.codecs, uri: v.uri })),
    poster: result.poster,
    storyboard: result.storyboard,
    captions: result.captions,
    ...(result.audioTracks ? { audioTracks: result.audioTracks } : {}),
    source: { key: 'uploads/story/pistas.mp4', size: 0, sha256: '0'.repeat(64) },
    packager: 'ffmpeg',
    createdAt: now,
    updatedAt: now,
  } as VideoRecord;
  await writeFile(join(out, 'video.json'), JSON.stringify(record, null, 2) + '\n');
  console.log(`written ${out}: ${(await readdir(out)).join(', ')}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
