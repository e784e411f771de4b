// Server side of the <ine-uploader> browser tests (loaded by web-test-runner.config.mjs):
//  - serves JSON imported as a module (the AWS SDK imports its package.json) as a JS module;
//  - serves `*.worker.js` requests from their `.ts` source (the dev server only maps .js → .ts for
//    imports, and a Worker is started from a URL, `new URL('./hash.worker.js', import.meta.url)`);
//  - `ine-uploader-make-mp4` { bytes, name, format? ('mp4' | 'mov' | 'webm') } encodes a real video
//    of about that size with ffmpeg and returns the URL the page fetches it from (a folder under node_modules/.cache);
//  - `ine-uploader-private-start` { ttl } starts a second, private stand-in (no packager) whose
//    temporary credentials live `ttl` seconds, and returns its env like /__ine__/env.json; tests that
//    stop the server (`ine-uploader-private-stop-listening` / `-start-listening`) or need short-lived
//    credentials use it, so the run's shared stand-in is never disturbed; `-close` removes it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transform } from 'esbuild';
import { serverSide } from './server-side.mjs';

const root = new URL('../../../', import.meta.url).pathname;
const mediaDir = join(root, 'node_modules/.cache/ine-uploader-media');
let priv; // { standIn, dataDir }: the private stand-in

async function closePrivate() {
  if (!priv) return;
  const { standIn, dataDir } = priv;
  priv = undefined;
  await standIn.close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
}

function makeMp4(name, bytes, format = 'mp4') {
  mkdirSync(mediaDir, { recursive: true });
  const out = join(mediaDir, name.replace(/[^\w.-]/g, '_'));
  // Noise makes lossless H.264 large and incompressible: about 390 kB per 640x360 frame.
  const frames = Math.max(1, Math.ceil(bytes / 390_000));
  const codec =
    format === 'webm' ? ['-c:v', 'libvpx', '-b:v', '200k'] : ['-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0', '-pix_fmt', 'yuv420p'];
  execFileSync('/usr/bin/ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=640x360:rate=25,noise=alls=40:allf=t',
    '-frames:v',
    String(frames),
    ...codec,
    '-f',
    format,
    out,
  ]);
  return { url: '/' + out.slice(root.length), size: statSync(out).size };
}

export default {
  name: 'ine-uploader',

  async serve(context) {
    // The AWS SDK's ES build does `import packageInfo from "../package.json"` (bundlers allow JSON
    // modules without import attributes; browsers do not): answer module-script requests for JSON
    // with an equivalent JS module. Plain fetches of JSON (Sec-Fetch-Dest: empty) are untouched.
    if (context.path.endsWith('.json') && context.get('sec-fetch-dest') === 'script') {
      const file = join(root, context.path);
      if (existsSync(file)) return { body: `export default ${readFileSync(file, 'utf8')};`, type: 'js' };
    }
    if (!context.path.endsWith('.worker.js')) return undefined;
    const js = join(root, context.path);
    const ts = js.replace(/\.js$/, '.ts');
    if (existsSync(js) || !existsSync(ts)) return undefined;
    const out = await transform(readFileSync(ts, 'utf8'), { loader: 'ts', format: 'esm', target: 'es2022', sourcefile: ts });
    return { body: out.code.replace(/from (['"])(\.[^'"]+)\.js\1/g, 'from $1$2.ts$1'), type: 'js' };
  },

  async executeCommand({ command, payload }) {
    if (command === 'ine-uploader-make-mp4') return makeMp4(payload?.name ?? 'clip.mp4', payload?.bytes ?? 12 * 1024 * 1024, payload?.format);
    if (command === 'ine-uploader-private-start') {
      await closePrivate();
      const { startStandIn } = await serverSide();
      const dataDir = mkdtempSync(join(tmpdir(), 'ine-uploader-stand-in-'));
      const standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir, packager: false, credentialsTtlSeconds: payload?.ttl ?? 3600 });
      priv = { standIn, dataDir };
      return { config: standIn.config, urls: standIn.urls, staticCredentials: standIn.staticCredentials, demoPassword: standIn.demoPassword };
    }
    if (command === 'ine-uploader-private-stop-listening') return priv ? (await priv.standIn.stop(), true) : false;
    if (command === 'ine-uploader-private-start-listening') return priv ? (await priv.standIn.start(), true) : false;
    if (command === 'ine-uploader-private-close') return (await closePrivate(), true);
    return undefined;
  },

  async serverStop() {
    await closePrivate();
  },
};
