/**
 * `npm start` as a child process on free ports with its own data folder: what the Lighthouse test
 * and the screenshots script look at (the demo built as for production, the stand-in seeded with
 * its sample clip). Resolves once it printed its URLs (after the sample clip is published).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const repo = new URL('../..', import.meta.url).pathname;

export interface DemoProcess {
  /** The demo's origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The demo users' password. */
  password: string;
  close(): Promise<void>;
}

/** A port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function startDemoProcess(dataDir: string, env: Record<string, string> = {}): Promise<DemoProcess> {
  const [api, cdn, demo] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: repo,
    env: { ...process.env, INE_LOCAL_PORT: String(api), INE_CDN_PORT: String(cdn), INE_DEMO_PORT: String(demo), INE_LOCAL_DATA: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const password = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d;
      const m = /password: (\S+)[\s\S]*Press Ctrl-C/.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`npm start ended before it was ready:\n${out.slice(-2000)}`)));
  });
  return {
    url: `http://127.0.0.1:${demo}`,
    password,
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
