// A plain HTTP server around the S3 engine for its own tests: no signature checks (those belong to
// server/index.ts), a fixed principal, and an authorize function the test chooses (allow-all by default).
import { S3Client } from '@aws-sdk/client-s3';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createS3Service, type Authorize, type S3Principal, type S3Service } from '../../../server/s3/index.ts';

export const BUCKET = 'ine-media';
export const SERVICE: S3Principal = { accessKeyId: 'AKIDLOCALSERVICE', role: 'service' };

export interface Harness {
  url: string;
  dataDir: string;
  service: S3Service;
  events: EventEmitter;
  server: Server;
  client: S3Client;
  /** method, url and headers of every request received, in order */
  requests: { method: string; url: string; headers: IncomingHttpHeaders }[];
  /** stop listening and close the service, keep the data */
  stop(): Promise<void>;
  /** stop and delete the data */
  close(): Promise<void>;
}

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'ine-s3-'));
}

export async function startHarness(
  o: { dataDir?: string; authorize?: Authorize; principal?: S3Principal; minPartSize?: number } = {},
): Promise<Harness> {
  const dataDir = o.dataDir ?? (await tempDir());
  const events = new EventEmitter();
  const service = await createS3Service({
    dataDir,
    region: 'us-east-1',
    buckets: [BUCKET],
    authorize: o.authorize ?? (() => undefined),
    events,
    ...(o.minPartSize ? { minPartSize: o.minPartSize } : {}),
  });
  const principal = o.principal ?? SERVICE;
  const requests: Harness['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    void service.handle(req, res, req.method === 'OPTIONS' ? null : principal);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: url,
    forcePathStyle: true,
    credentials: { accessKeyId: principal.accessKeyId, secretAccessKey: 'not-checked-by-the-engine' },
    maxAttempts: 1,
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    client.destroy();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await service.close();
  };
  return {
    url,
    dataDir,
    service,
    events,
    server,
    client,
    requests,
    stop,
    close: async () => (await stop(), await rm(dataDir, { recursive: true, force: true })),
  };
}

/** Deterministic pseudo-random bytes (xorshift), so failures reproduce. */
export function bytes(n: number, seed = 1): Buffer {
  const b = Buffer.allocUnsafe(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

/** A raw HTTP request (no SDK, no signing, the path sent byte for byte, "." and ".." included). */
export async function raw(
  url: string,
  init: { method: string; path: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<{ status: number; headers: Headers; text: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method: init.method, path: init.path, headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
        resolve({ status: res.statusCode!, headers, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

export const xmlField = (xml: string, tag: string): string | undefined => new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml)?.[1];
