/**
 * Checks a packaged clip against the written contract (docs/packaging.md), reading everything back
 * through S3 with the real SDK and parsing playlists with a real HLS parser (hls-parser).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import HLS from 'hls-parser';
import type { MasterPlaylist, MediaPlaylist } from 'hls-parser/types.js';
import Ajv2020 from 'ajv/dist/2020.js';
import type { VideoRecord } from '../../../src/contract/index.ts';
import { getBytes, getText, type Harness } from './harness.ts';

const schemaUrl = (name: string) => new URL(`../../../schemas/${name}`, import.meta.url);
const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
ajv.addSchema(JSON.parse(readFileSync(schemaUrl('video.schema.json'), 'utf8')));
ajv.addSchema(JSON.parse(readFileSync(schemaUrl('upload-manifest.schema.json'), 'utf8')));
ajv.addSchema(JSON.parse(readFileSync(schemaUrl('upload-status.schema.json'), 'utf8')));

/** An upload status document (uploads/<identity>/<upload>.status.json) matches its JSON Schema. */
export function assertValidUploadStatus(status: unknown): void {
  const validate = ajv.getSchema('https://ine.mx/schemas/upload-status.schema.json')!;
  assert.ok(validate(status), `upload status invalid: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(status)}`);
}

export function assertValidRecord(record: unknown): asserts record is VideoRecord {
  const validate = ajv.getSchema('https://ine.mx/schemas/video.schema.json')!;
  assert.ok(validate(record), `video.json invalid: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(record, null, 2)}`);
}

export function assertValidManifest(manifest: unknown): void {
  const validate = ajv.getSchema('https://ine.mx/schemas/upload-manifest.schema.json')!;
  assert.ok(validate(manifest), `manifest invalid: ${ajv.errorsText(validate.errors)}`);
}

/** Width and height of a baseline/progressive JPEG (from its SOF marker). */
export function jpegSize(b: Uint8Array): { width: number; height: number } {
  assert.ok(b[0] === 0xff && b[1] === 0xd8, 'not a JPEG');
  let i = 2;
  while (i < b.length) {
    const marker = b[i + 1];
    const len = (b[i + 2] << 8) | b[i + 3];
    if (marker >= 0xc0 && marker <= 0xc3) return { height: (b[i + 5] << 8) | b[i + 6], width: (b[i + 7] << 8) | b[i + 8] };
    i += 2 + len;
  }
  throw new Error('no SOF marker');
}

export interface ClipExpectations {
  source: { width: number; height: number } | null;
  audio: boolean;
  packager: 'ffmpeg' | 'remux';
  /** Default false: new clips are drafts. */
  published?: boolean;
}

const resolve = (base: string, rel: string) => {
  const dir = base.includes('/') ? base.slice(0, base.lastIndexOf('/') + 1) : '';
  return dir + rel;
};

/** Full check of a `ready` clip; returns the total bytes of its outputs. */
export async function assertPlayableClip(h: Pick<Harness, 's3' | 'bucket'>, record: VideoRecord, exp: ClipExpectations): Promise<void> {
  assertValidRecord(record);
  assert.equal(record.status, 'ready', `clip not ready: ${record.failureReason}`);
  assert.equal(record.packager, exp.packager);
  assert.equal(record.published, exp.published ?? false, 'new clips are drafts until an admin publishes them');
  assert.match(record.id, /^[0-9a-f]{32}$/);
  const base = `media/${record.id}/`;

  const master = HLS.parse((await getText(h, base + 'master.m3u8'))!) as MasterPlaylist;
  assert.equal(master.isMasterPlaylist, true);
  assert.ok(master.variants.length >= 1);
  assert.equal(master.variants.length, record.renditions.length);
  const bws = master.variants.map((v) => v.bandwidth);
  assert.deepEqual(
    bws,
    [...bws].sort((a, b) => a - b),
    'variants sorted by bandwidth',
  );
  for (const [i, v] of master.variants.entries()) {
    assert.ok(v.bandwidth > 0 && v.codecs, `BANDWIDTH and CODECS on ${v.uri}`);
    assert.ok((v.averageBandwidth ?? 0) > 0 && v.averageBandwidth! <= v.bandwidth, 'AVERAGE-BANDWIDTH ≤ BANDWIDTH');
    assert.equal(v.uri, record.renditions[i].uri);
    assert.equal(v.bandwidth, record.renditions[i].bandwidth);
    assert.equal(v.codecs, record.renditions[i].codecs);
    assert.equal(/mp4a\.40\.\d/.test(v.codecs!), exp.audio, `audio codec in CODECS iff the source has audio (${v.codecs})`);
    if (exp.source) {
      assert.match(v.codecs!, /avc1\.[0-9a-f]{6}/);
      assert.ok(v.resolution, `RESOLUTION on ${v.uri}`);
      const { width, height } = v.resolution!;
      assert.equal(width % 2, 0);
      assert.equal(height % 2, 0);
      assert.ok(height <= exp.source.height && width <= exp.source.width, `${width}x${height} no larger than the source`);
      const srcAspect = exp.source.width / exp.source.height;
      assert.ok(Math.abs(width / height - srcAspect) / srcAspect < 0.02, `aspect kept (${width}x${height})`);
      assert.ok(v.frameRate && v.frameRate > 0, 'FRAME-RATE');
      assert.deepEqual([record.renditions[i].width, record.renditions[i].height], [width, height]);
    } else {
      assert.equal(v.resolution, undefined);
      assert.doesNotMatch(v.codecs!, /avc1/);
    }
    const playlistKey = resolve(base + 'master.m3u8', v.uri);
    const media = HLS.parse((await getText(h, playlistKey))!) as MediaPlaylist;
    assert.equal(media.isMasterPlaylist, false);
    assert.equal(media.endlist, true, 'VOD playlist ends with ENDLIST');
    assert.equal(media.playlistType, 'VOD');
    if (exp.packager === 'ffmpeg')
      assert.ok(media.targetDuration >= 2 && media.targetDuration <= 4, `target duration 2-4 s (${media.targetDuration})`);
    assert.ok(media.segments.length >= 1);
    const mapUri = media.segments[0].map?.uri;
    assert.ok(mapUri, 'fMP4 init segment (EXT-X-MAP)');
    const init = await getBytes(h, resolve(playlistKey, mapUri));
    assert.equal(Buffer.from(init.subarray(4, 8)).toString('latin1'), 'ftyp');
    let total = 0;
    for (const s of media.segments) {
      assert.ok(Math.round(s.duration) <= media.targetDuration, `segment ${s.uri} (${s.duration}s) within target ${media.targetDuration}`);
      assert.match(s.uri, /\.m4s$/);
      const seg = await getBytes(h, resolve(playlistKey, s.uri));
      assert.ok(seg.length > 0);
      total += s.duration;
    }
    assert.ok(Math.abs(total - record.durationSeconds!) < 0.6, `playlist duration ${total} ≈ record ${record.durationSeconds}`);
  }

  if (exp.packager === 'ffmpeg' && exp.source) {
    assert.equal(record.poster, 'poster.jpg');
    assert.equal(record.storyboard, 'storyboard.vtt');
    const poster = jpegSize(await getBytes(h, base + 'poster.jpg'));
    assert.ok(poster.width <= 1280 && poster.width > 0);
    const sprite = jpegSize(await getBytes(h, base + 'storyboard.jpg'));
    const vtt = (await getText(h, base + 'storyboard.vtt'))!;
    assert.match(vtt, /^WEBVTT/);
    const cues = [...vtt.matchAll(/(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})\n(.+)/g)];
    assert.ok(cues.length >= Math.floor(record.durationSeconds!) / 2, 'a storyboard cue at least every 2 s on short clips');
    for (const c of cues) {
      const m = /^storyboard\.jpg#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec(c[3]);
      assert.ok(m, `cue points into the sprite: ${c[3]}`);
      const [x, y, w, hh] = m.slice(1).map(Number);
      assert.ok(x + w <= sprite.width && y + hh <= sprite.height, `tile ${c[3]} inside the ${sprite.width}x${sprite.height} sprite`);
    }
  } else {
    assert.equal(record.poster, null);
    assert.equal(record.storyboard, null);
  }
}
