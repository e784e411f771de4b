// <ine-player> test media and server commands (also used by bench/player.bench.ts).
//
// makeTestMedia(dir): real HLS made with ffmpeg: a 10 s testsrc2 + sine clip as a 3-rendition
// (144p/240p/360p), 2 s-segment fMP4 ladder, with poster, storyboard (VTT + sprite), Spanish and
// English WebVTT captions and a contract `video.json`; plus an unpublished copy, a progressive mp4
// and an mp4 in a codec Chromium cannot play (MPEG-2 video).
//
// startMediaServer(root): an HTTP origin that behaves like the CDN of the storage contract
// (media/<id>/* only while its video.json says "published": true; CORS, Range, content types) and
// can be told to fail requests (fault injection for recovery tests: N failures of a segment, or
// "offline" until cleared). It stands in front of the ffmpeg output until the tests are switched to
// the local stand-in's own CDN.
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, writeFileSync, existsSync, statSync, createReadStream, readFileSync, rmSync } from 'node:fs';
import { join, extname, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const FFMPEG = process.env.FFMPEG || '/usr/bin/ffmpeg';

export const CLIP_ID = 'c0ffee00c0ffee00c0ffee00c0ffee00';
export const UNPUBLISHED_ID = 'dead0000dead0000dead0000dead0000';
export const MISSING_ID = '00000000000000000000000000000000';

const RENDITIONS = [
  { name: '144p', width: 256, height: 144, bitrate: 200_000 },
  { name: '240p', width: 426, height: 240, bitrate: 400_000 },
  { name: '360p', width: 640, height: 360, bitrate: 800_000 },
];

const vttTime = (s) => {
  const ms = Math.round(s * 1000);
  const p = (n, w = 2) => String(n).padStart(w, '0');
  return `${p(Math.floor(ms / 3600000))}:${p(Math.floor(ms / 60000) % 60)}:${p(Math.floor(ms / 1000) % 60)}.${p(ms % 1000, 3)}`;
};

/** Generate everything under `dir` (idempotent per dir). Returns the clip folders. */
export async function makeTestMedia(dir, { duration = 10 } = {}) {
  const clip = join(dir, 'media', CLIP_ID);
  mkdirSync(join(clip, 'captions'), { recursive: true });
  const split = RENDITIONS.map((_, i) => `[s${i}]`).join('');
  const scales = RENDITIONS.map((r, i) => `[s${i}]scale=${r.width}:${r.height}[v${i}]`).join(';');
  await run(FFMPEG, [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=25:duration=${duration}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:duration=${duration}:sample_rate=48000`,
    '-filter_complex', `[0:v]split=${RENDITIONS.length}${split};${scales}`,
    ...RENDITIONS.flatMap((_, i) => ['-map', `[v${i}]`, '-map', '1:a']),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-profile:v', 'main', '-pix_fmt', 'yuv420p',
    // Fixed 2 s GOP at 25 fps: ffmpeg cuts HLS segments only at keyframes.
    '-g', '50', '-keyint_min', '50', '-sc_threshold', '0',
    ...RENDITIONS.flatMap((r, i) => [`-b:v:${i}`, String(r.bitrate)]),
    '-c:a', 'aac', '-b:a', '64k', '-ac', '2',
    '-f', 'hls', '-hls_time', '2', '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4',
    '-hls_fmp4_init_filename', 'init.mp4', '-master_pl_name', 'master.m3u8',
    '-var_stream_map', RENDITIONS.map((r, i) => `v:${i},a:${i},name:${r.name}`).join(' '),
    '-hls_segment_filename', join(clip, '%v', 'seg_%03d.m4s'),
    join(clip, '%v', 'index.m3u8'),
  ]);
  // Poster, storyboard sprite (1 picture a second, 5 per row) and its VTT.
  await run(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=25:duration=${duration}`,
    '-vf', 'select=eq(n\\,25)', '-frames:v', '1', join(clip, 'poster.jpg')]);
  const cols = 5;
  const rows = Math.ceil(duration / cols);
  await run(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=25:duration=${duration}`,
    '-vf', `fps=1,scale=160:90,tile=${cols}x${rows}`, '-frames:v', '1', join(clip, 'storyboard.jpg')]);
  let sb = 'WEBVTT\n\n';
  for (let i = 0; i < duration; i++) sb += `${vttTime(i)} --> ${vttTime(i + 1)}\nstoryboard.jpg#xywh=${(i % cols) * 160},${Math.floor(i / cols) * 90},160,90\n\n`;
  writeFileSync(join(clip, 'storyboard.vtt'), sb);
  const words = { es: ['Uno', 'Dos', 'Tres', 'Cuatro', 'Cinco'], en: ['One', 'Two', 'Three', 'Four', 'Five'] };
  for (const [lang, list] of Object.entries(words)) {
    let vtt = 'WEBVTT\n\n';
    list.forEach((w, i) => (vtt += `${vttTime(i * 2)} --> ${vttTime(i * 2 + 2)}\n${w}\n\n`));
    writeFileSync(join(clip, 'captions', `${lang}.vtt`), vtt);
  }
  const master = readFileSync(join(clip, 'master.m3u8'), 'utf8');
  const codecs = [...master.matchAll(/CODECS="([^"]+)"/g)].map((m) => m[1]);
  const bandwidths = [...master.matchAll(/BANDWIDTH=(\d+)/g)].map((m) => Number(m[1]));
  const now = new Date().toISOString();
  const record = (id, published) => ({
    schemaVersion: 1,
    id,
    status: 'ready',
    published,
    ...(published ? { publishedAt: now } : {}),
    metadata: { title: 'Clip de prueba: barras y tono', outlet: 'Canal de prueba', program: 'Noticiero', state: 'Ciudad de México', tags: ['prueba'] },
    durationSeconds: duration,
    width: 640,
    height: 360,
    renditions: RENDITIONS.map((r, i) => ({ width: r.width, height: r.height, bandwidth: bandwidths[i], codecs: codecs[i], uri: `${r.name}/index.m3u8` })),
    master: 'master.m3u8',
    poster: 'poster.jpg',
    storyboard: 'storyboard.vtt',
    captions: [
      { lang: 'es-MX', label: 'Español', uri: 'captions/es.vtt' },
      { lang: 'en', label: 'English', uri: 'captions/en.vtt' },
    ],
    source: { key: `uploads/test/${id}.mp4`, size: 1, sha256: '0'.repeat(64) },
    packager: 'ffmpeg',
    createdAt: now,
    updatedAt: now,
  });
  writeFileSync(join(clip, 'video.json'), JSON.stringify(record(CLIP_ID, true), null, 2));
  // The same clip, unpublished: the CDN must not serve any of it.
  const hidden = join(dir, 'media', UNPUBLISHED_ID);
  await run('cp', ['-r', clip, hidden]);
  writeFileSync(join(hidden, 'video.json'), JSON.stringify(record(UNPUBLISHED_ID, false), null, 2));
  // Progressive files: a playable mp4 and one in a codec Chromium does not decode.
  mkdirSync(join(dir, 'files'), { recursive: true });
  const src = ['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25:duration=4', '-f', 'lavfi', '-i', 'sine=duration=4'];
  await run(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...src, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-movflags', '+faststart', join(dir, 'files', 'clip.mp4')]);
  // Video only: with an AAC track Chromium would play the sound and quietly drop the picture.
  await run(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...src.slice(0, 4), '-c:v', 'mpeg2video', join(dir, 'files', 'mpeg2.mp4')]);
  return { clip, hidden };
}

const TYPES = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.vtt': 'text/vtt; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.json': 'application/json',
};

/**
 * Serve `root` like the contract's CDN, with fault injection.
 * Faults: `[{ match: 'substring of the path', status: 503, times: 2 }]` (times -1: until cleared).
 */
export async function startMediaServer(root) {
  let faults = [];
  const hits = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    hits.push(path);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Range');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Range, Content-Length');
    res.setHeader('Cache-Control', 'no-store');
    if (req.method === 'OPTIONS') return res.writeHead(204).end();
    const fault = faults.find((f) => path.includes(f.match) && f.times !== 0);
    if (fault) {
      if (fault.times > 0) fault.times--;
      if (fault.status === 0) return req.socket.destroy(); // A dropped connection, as when the network goes.
      return res.writeHead(fault.status, { 'Content-Type': 'text/plain' }).end('injected failure\n');
    }
    const file = resolve(root, `.${path}`);
    const clip = /^\/media\/([^/]+)\//.exec(path);
    let published = !clip;
    if (clip) {
      try {
        published = JSON.parse(readFileSync(join(root, 'media', clip[1], 'video.json'), 'utf8')).published === true;
      } catch {
        published = false;
      }
    }
    if (!file.startsWith(resolve(root)) || !published || !existsSync(file) || !statSync(file).isFile()) {
      return res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
    }
    const size = statSync(file).size;
    const headers = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Accept-Ranges': 'bytes' };
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const start = range[1] ? Number(range[1]) : size - Number(range[2]);
      const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start >= size || start > end) return res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 });
      return req.method === 'HEAD' ? res.end() : createReadStream(file, { start, end }).pipe(res);
    }
    res.writeHead(200, { ...headers, 'Content-Length': size });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  server.keepAliveTimeout = 1000;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    setFaults(list) {
      faults = list.map((f) => ({ times: -1, status: 503, ...f }));
    },
    hits,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}

/** @web/test-runner plugin: media is generated on the first command only, so other test files pay nothing. */
function playerPlugin() {
  let ready;
  let dir;
  let media;
  const ensure = () =>
    (ready ??= (async () => {
      dir = join(process.cwd(), 'test', '.tmp', `player-${process.pid}`);
      rmSync(dir, { recursive: true, force: true });
      await makeTestMedia(dir);
      media = await startMediaServer(dir);
      return media;
    })());
  return {
    name: 'ine-player',
    async executeCommand({ command, payload }) {
      if (command === 'ine-player-media') {
        const m = await ensure();
        m.setFaults([]);
        m.hits.length = 0;
        return {
          cdnBaseUrl: m.url,
          videoId: CLIP_ID,
          unpublishedId: UNPUBLISHED_ID,
          missingId: MISSING_ID,
          master: `${m.url}/media/${CLIP_ID}/master.m3u8`,
          mp4: `${m.url}/files/clip.mp4`,
          badCodec: `${m.url}/files/mpeg2.mp4`,
        };
      }
      if (command === 'ine-player-faults') {
        (await ensure()).setFaults(payload?.faults ?? []);
        return true;
      }
      if (command === 'ine-player-hits') {
        const m = await ensure();
        return m.hits.slice();
      }
      return undefined;
    },
    async serverStop() {
      await media?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
export default playerPlugin();
