// <ine-player> test media and server commands (also used by bench/player.bench.ts).
//
// makeTestMedia(dir): real HLS made with ffmpeg: a 10 s testsrc2 + sine clip as a 3-rendition
// (144p/240p/360p), 2 s-segment fMP4 ladder, with poster, storyboard (VTT + sprite), Spanish and
// English WebVTT captions and a contract `video.json`; plus an unpublished copy, a progressive mp4
// and an mp4 in a codec Chromium cannot play (MPEG-2 video).
//
// In the Chromium run the media is published to the local stand-in (test/browser/plugins/stand-in.mjs)
// through its S3 API with the service keys (every file, then video.json last, as the packager does),
// and played from the stand-in's CDN through startFaultProxy(): a transparent pass-through that can be
// told to fail requests (N failures of a segment, or dropped connections until cleared) and logs the
// paths asked for, so tests can check what the player fetched.
//
// startMediaServer(root): a small CDN-like origin over a folder (media/<id>/* only while its
// video.json says "published": true; CORS, Range, content types), used by the bench and as a
// fallback when no stand-in answers.
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { request as httpRequest } from 'node:http';
import { mkdirSync, writeFileSync, existsSync, statSync, createReadStream, readFileSync, rmSync, readdirSync } from 'node:fs';
import { join, extname, resolve, relative } from 'node:path';
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
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=640x360:rate=25:duration=${duration}`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:duration=${duration}:sample_rate=48000`,
    '-filter_complex',
    `[0:v]split=${RENDITIONS.length}${split};${scales}`,
    ...RENDITIONS.flatMap((_, i) => ['-map', `[v${i}]`, '-map', '1:a']),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-profile:v',
    'main',
    '-pix_fmt',
    'yuv420p',
    // Fixed 2 s GOP at 25 fps: ffmpeg cuts HLS segments only at keyframes.
    '-g',
    '50',
    '-keyint_min',
    '50',
    '-sc_threshold',
    '0',
    ...RENDITIONS.flatMap((r, i) => [`-b:v:${i}`, String(r.bitrate)]),
    '-c:a',
    'aac',
    '-b:a',
    '64k',
    '-ac',
    '2',
    '-f',
    'hls',
    '-hls_time',
    '2',
    '-hls_playlist_type',
    'vod',
    '-hls_segment_type',
    'fmp4',
    '-hls_fmp4_init_filename',
    'init.mp4',
    '-master_pl_name',
    'master.m3u8',
    '-var_stream_map',
    RENDITIONS.map((r, i) => `v:${i},a:${i},name:${r.name}`).join(' '),
    '-hls_segment_filename',
    join(clip, '%v', 'seg_%03d.m4s'),
    join(clip, '%v', 'index.m3u8'),
  ]);
  // Poster, storyboard sprite (1 picture a second, 5 per row) and its VTT.
  await run(FFMPEG, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=640x360:rate=25:duration=${duration}`,
    '-vf',
    'select=eq(n\\,25)',
    '-frames:v',
    '1',
    join(clip, 'poster.jpg'),
  ]);
  const cols = 5;
  const rows = Math.ceil(duration / cols);
  await run(FFMPEG, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=640x360:rate=25:duration=${duration}`,
    '-vf',
    `fps=1,scale=160:90,tile=${cols}x${rows}`,
    '-frames:v',
    '1',
    join(clip, 'storyboard.jpg'),
  ]);
  let sb = 'WEBVTT\n\n';
  for (let i = 0; i < duration; i++)
    sb += `${vttTime(i)} --> ${vttTime(i + 1)}\nstoryboard.jpg#xywh=${(i % cols) * 160},${Math.floor(i / cols) * 90},160,90\n\n`;
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
    metadata: {
      title: 'Clip de prueba: barras y tono',
      outlet: 'Canal de prueba',
      program: 'Noticiero',
      state: 'Ciudad de México',
      tags: ['prueba'],
      // On air at 21:00:00 Mexico City time: the player's broadcast clock reads 21:00:0x h.
      broadcastAt: '2026-03-01T21:00:00-06:00',
    },
    durationSeconds: duration,
    width: 640,
    height: 360,
    renditions: RENDITIONS.map((r, i) => ({
      width: r.width,
      height: r.height,
      bandwidth: bandwidths[i],
      codecs: codecs[i],
      uri: `${r.name}/index.m3u8`,
    })),
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
  await run(FFMPEG, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    ...src,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-movflags',
    '+faststart',
    join(dir, 'files', 'clip.mp4'),
  ]);
  // Video only: with an AAC track Chromium would play the sound and quietly drop the picture.
  await run(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...src.slice(0, 4), '-c:v', 'mpeg2video', join(dir, 'files', 'mpeg2.mp4')]);
  // HLS in HEVC (fMP4, hvc1): what a ladder made for Apple devices looks like to a browser whose
  // MediaSource cannot take H.265 (Chromium on Linux without a hardware decoder).
  mkdirSync(join(dir, 'files', 'hevc'), { recursive: true });
  await run(FFMPEG, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=256x144:rate=25:duration=2',
    '-c:v',
    'libx265',
    '-preset',
    'ultrafast',
    '-tag:v',
    'hvc1',
    '-x265-params',
    'log-level=error',
    '-f',
    'hls',
    '-hls_time',
    '2',
    '-hls_playlist_type',
    'vod',
    '-hls_segment_type',
    'fmp4',
    join(dir, 'files', 'hevc', 'index.m3u8'),
  ]);
  // A one-audio-track clip as MediaConvert packages it (infra/packaging/job-settings.ts): MPEG-2 TS
  // renditions with the AAC track muxed in, a master without an audio group.
  mkdirSync(join(dir, 'files', 'ts'), { recursive: true });
  await run(FFMPEG, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=256x144:rate=25:duration=4',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=48000:duration=4',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-g',
    '50',
    '-c:a',
    'aac',
    '-f',
    'hls',
    '-hls_time',
    '2',
    '-hls_playlist_type',
    'vod',
    '-hls_segment_type',
    'mpegts',
    '-master_pl_name',
    'master.m3u8',
    '-var_stream_map',
    'v:0,a:0',
    join(dir, 'files', 'ts', 'master_144p.m3u8'),
  ]);
  return { clip, hidden };
}

const TYPES = {
  '.ts': 'video/mp2t',
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
export function startMediaServer(root) {
  return listenWithFaults((req, res, { faults, hits }) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    hits.push(path);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Range');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Range, Content-Length');
    res.setHeader('Cache-Control', 'no-store');
    if (req.method === 'OPTIONS') return res.writeHead(204).end();
    if (injectFault(faults, path, req, res)) return;
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
}

/**
 * A loopback server on a free port whose handler shares a fault list and a log of paths with the
 * test commands (`setFaults`, `hits`). Faults: `[{ match, status = 503, times = -1 }]`.
 */
async function listenWithFaults(handler) {
  const state = { faults: [], hits: [] };
  const server = createServer((req, res) => handler(req, res, state));
  server.keepAliveTimeout = 1000;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    setFaults(list) {
      state.faults = list.map((f) => ({ times: -1, status: 503, ...f }));
    },
    hits: state.hits,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }),
  };
}

function injectFault(faults, path, req, res) {
  const fault = faults.find((f) => path.includes(f.match) && f.times !== 0);
  if (!fault) return false;
  if (fault.times > 0) fault.times--;
  if (fault.status === 0)
    req.socket.destroy(); // A dropped connection, as when the network goes.
  else res.writeHead(fault.status, { 'Content-Type': 'text/plain', 'Access-Control-Allow-Origin': '*' }).end('injected failure\n');
  return true;
}

/**
 * A pass-through to `target` (the stand-in's CDN) with fault injection and a log of paths.
 * A leading `/r<n>` path segment is dropped before forwarding: each test gets its own URL space,
 * so the browser's HTTP cache (the CDN sends real cache headers) never hides one test's requests
 * from the next.
 */
export function startFaultProxy(target) {
  return listenWithFaults((req, res, { faults, hits }) => {
    const url = req.url.replace(/^\/r\d+(?=\/)/, '');
    const path = decodeURIComponent(new URL(url, 'http://x').pathname);
    hits.push(path);
    if (injectFault(faults, path, req, res)) return;
    const up = httpRequest(new URL(url, target), { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
}

const listFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? listFiles(join(dir, d.name)) : [join(dir, d.name)]));

/**
 * Publish the generated media to the stand-in through its S3 API (static service keys): each clip's
 * files, then its video.json last; the progressive files go inside the published clip's folder.
 */
export async function publishToStandIn(dir, env) {
  const { S3Client, PutObjectCommand } = await import('@aws-sdk/client-s3');
  const s3 = new S3Client({ region: env.config.region, endpoint: env.config.s3Endpoint, forcePathStyle: true, credentials: env.staticCredentials });
  const put = (key, file) =>
    s3.send(
      new PutObjectCommand({
        Bucket: env.config.bucket,
        Key: key,
        Body: readFileSync(file),
        ContentType: TYPES[extname(file)] ?? 'application/octet-stream',
      }),
    );
  try {
    for (const id of [CLIP_ID, UNPUBLISHED_ID]) {
      const folder = join(dir, 'media', id);
      const files = listFiles(folder).filter((f) => !f.endsWith('video.json'));
      if (id === CLIP_ID) for (const f of listFiles(join(dir, 'files'))) await put(`media/${id}/files/${relative(join(dir, 'files'), f)}`, f);
      for (let i = 0; i < files.length; i += 8) await Promise.all(files.slice(i, i + 8).map((f) => put(`media/${id}/${relative(folder, f)}`, f)));
      await put(`media/${id}/video.json`, join(folder, 'video.json'));
    }
  } finally {
    s3.destroy();
  }
}

/** @web/test-runner plugin: media is generated on the first command only, so other test files pay nothing. */
function playerPlugin() {
  let ready;
  let dir;
  let media;
  let devServer;
  let source = '';
  let round = 0;
  const ensure = () =>
    (ready ??= (async () => {
      dir = join(process.cwd(), 'test', '.tmp', `player-${process.pid}`);
      rmSync(dir, { recursive: true, force: true });
      await makeTestMedia(dir);
      // The stand-in plugin serves its environment to test pages; ask it the same way.
      const env = await fetch(`${devServer}/__ine__/env.json`).then(
        (r) => (r.ok ? r.json() : undefined),
        () => undefined,
      );
      if (env?.config?.cdnBaseUrl) {
        await publishToStandIn(dir, env);
        media = await startFaultProxy(env.config.cdnBaseUrl);
        source = 'stand-in';
      } else {
        console.warn('[ine-player] no stand-in answered /__ine__/env.json; serving test media from a local CDN-like origin');
        media = await startMediaServer(dir);
        source = 'local';
      }
      return media;
    })());
  return {
    name: 'ine-player',
    serverStart({ config }) {
      devServer = `http://${config.hostname && config.hostname !== '0.0.0.0' ? config.hostname : '127.0.0.1'}:${config.port}`;
    },
    async executeCommand({ command, payload }) {
      if (command === 'ine-player-media') {
        const m = await ensure();
        m.setFaults([]);
        m.hits.length = 0;
        const base = source === 'stand-in' ? `${m.url}/r${++round}` : m.url;
        return {
          source,
          cdnBaseUrl: base,
          videoId: CLIP_ID,
          unpublishedId: UNPUBLISHED_ID,
          missingId: MISSING_ID,
          master: `${base}/media/${CLIP_ID}/master.m3u8`,
          mp4: source === 'stand-in' ? `${base}/media/${CLIP_ID}/files/clip.mp4` : `${m.url}/files/clip.mp4`,
          badCodec: source === 'stand-in' ? `${base}/media/${CLIP_ID}/files/mpeg2.mp4` : `${m.url}/files/mpeg2.mp4`,
          hevcHls: source === 'stand-in' ? `${base}/media/${CLIP_ID}/files/hevc/index.m3u8` : `${m.url}/files/hevc/index.m3u8`,
          muxedTs: source === 'stand-in' ? `${base}/media/${CLIP_ID}/files/ts/master.m3u8` : `${m.url}/files/ts/master.m3u8`,
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
