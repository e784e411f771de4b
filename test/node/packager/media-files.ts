/** Reading packaged renditions back as local files, so ffprobe and ffmpeg can check them. */
import { writeFile } from 'node:fs/promises';
import HLS from 'hls-parser';
import type { MediaPlaylist } from 'hls-parser/types.js';
import { getBytes, getText, type Harness } from './harness.ts';

/** Concatenates a rendition's init segment and media segments into `dest` (a playable fMP4). */
export async function renditionFile(h: Pick<Harness, 's3' | 'bucket'>, clipId: string, playlistUri: string, dest: string): Promise<void> {
  const key = `media/${clipId}/${playlistUri}`;
  const dir = key.slice(0, key.lastIndexOf('/') + 1);
  const media = HLS.parse((await getText(h, key))!) as MediaPlaylist;
  const parts = [await getBytes(h, dir + media.segments[0].map!.uri)];
  for (const s of media.segments) parts.push(await getBytes(h, dir + s.uri));
  await writeFile(dest, Buffer.concat(parts));
}
