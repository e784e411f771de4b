/**
 * Finding and running ffmpeg/ffprobe. Detected once per process; `INE_PACKAGER_FORCE_REMUX=1`
 * pretends ffmpeg is absent (tests and benches of the pure-Node fallback).
 */
import { spawn } from 'node:child_process';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion, keeping its output (stderr truncated to its last 64 KiB). */
export function run(cmd: string, args: string[], opts: { signal?: AbortSignal } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    // SIGKILL on abort: ffmpeg given SIGTERM first finishes writing its outputs, which a job that
    // ran out of time must not wait for.
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], signal: opts.signal, killSignal: 'SIGKILL' });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString('utf8');
      if (err.length > 65536) err = err.slice(-65536);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: err }));
  });
}

export interface Tools {
  ffmpeg: string;
  ffprobe: string;
}

let detected: Promise<Tools | null> | undefined;

/** ffmpeg and ffprobe paths, or null when either is missing (or the remux fallback is forced). */
export function detectFfmpeg(): Promise<Tools | null> {
  if (process.env.INE_PACKAGER_FORCE_REMUX === '1') return Promise.resolve(null);
  detected ??= (async () => {
    const ffmpeg = process.env.INE_FFMPEG_PATH || 'ffmpeg';
    const ffprobe = process.env.INE_FFPROBE_PATH || 'ffprobe';
    try {
      const [a, b] = await Promise.all([run(ffmpeg, ['-hide_banner', '-version']), run(ffprobe, ['-hide_banner', '-version'])]);
      return a.code === 0 && b.code === 0 ? { ffmpeg, ffprobe } : null;
    } catch {
      return null;
    }
  })();
  return detected;
}
