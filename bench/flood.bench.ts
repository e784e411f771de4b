/**
 * No single caller can stall everyone: what one flooding client does to everybody else.
 * 1. CDN latency (p50/p95 of sequential GETs of a small catalog file from 127.0.0.1) while a worker
 *    thread floods from 127.0.0.2, against the same GETs on an idle stand-in (the baseline): GetId
 *    (FLOOD_CALLS calls, 50 at a time) with the default limits and with the GetId rate limit off
 *    (what the identity file's persistence alone costs); and a viewer's DeleteObjects of 130,000
 *    keys, 4 at a time (what reading XML for a caller who may delete nothing costs).
 * 2. Broker memory: heap after 6,000 failed logins with distinct 16,000-character user names,
 *    against the heap before (after a forced GC both times).
 * 3. Slow unauthenticated uploads: 400 connections from 127.0.0.2 send a PUT with a 100 MB
 *    Content-Length and then one body byte every 250 ms; how many are still open after 5 s.
 * Run with `npm run bench flood`. The same file runs unchanged against older stand-ins (options they
 * do not know are ignored), which is how before/after figures are taken.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { startStandIn, type StandIn, type StandInOptions } from '../server/index.ts';

const FLOOD_CALLS = Number(process.env.FLOOD_BENCH_CALLS ?? 6000);
const FLOOD_CONCURRENCY = 50;
const LONG_NAMES = 6000;
const SLOW_UPLOADS = 400;
const SLOW_UPLOAD_WATCH_MS = 5000;
const ATTACKER = '127.0.0.2';
const DELETE_KEYS = 130_000;
const DELETE_CALLS = Number(process.env.FLOOD_BENCH_DELETE_CALLS ?? 40);

/**
 * A flood: one request sent `calls` times, `concurrency` at a time, from a worker thread (its own
 * event loop, so the attacker's work does not count as the stand-in's). Plain JavaScript: worker
 * threads do not inherit tsx's loader.
 */
const FLOOD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { Agent, request } = require('node:http');
const { url, method, headers, body, calls, concurrency, localAddress } = workerData;
const agent = new Agent({ keepAlive: true, maxSockets: concurrency, localAddress });
const counts = {};
const count = (k) => (counts[k] = (counts[k] || 0) + 1);
let next = 0;
const one = () => new Promise((resolve) => {
  const req = request(url, { method, agent, headers }, (res) => {
    let head = '';
    res.on('data', (d) => { if (head.length < 400) head += d; });
    res.on('end', () => {
      const code = res.headers['x-amzn-errortype'] || (/<Code>(\\w+)<\\/Code>/.exec(head) || [])[1] || res.statusCode;
      count(String(code).replace(/:$/, ''));
      resolve();
    });
  });
  req.on('error', (e) => { count(e.code || 'error'); resolve(); });
  req.end(body);
});
Promise.all(Array.from({ length: concurrency }, async () => { while (next++ < calls) await one(); }))
  .then(() => { agent.destroy(); parentPort.postMessage(counts); });
`;

interface FloodRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  calls: number;
  concurrency: number;
  what: string;
}

/** 6,000 unauthenticated GetId calls, 50 at a time. */
function getIdFlood(si: StandIn): FloodRequest {
  return {
    url: si.config.cognitoEndpoint,
    method: 'POST',
    headers: { 'x-amz-target': 'AWSCognitoIdentityService.GetId', 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify({ IdentityPoolId: si.config.identityPoolId }),
    calls: FLOOD_CALLS,
    concurrency: FLOOD_CONCURRENCY,
    what: 'GetId',
  };
}

/**
 * A viewer's DeleteObjects of 130,000 keys (a 4.0 MB body, under the 4 MiB cap older stand-ins had),
 * signed once and replayed (a signature stays valid for 15 minutes): a caller who may delete
 * nothing, making the server read XML.
 */
async function deleteObjectsFlood(si: StandIn): Promise<FloodRequest> {
  const { createHash } = await import('node:crypto');
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const { fromCognitoIdentityPool } = await import('@aws-sdk/credential-provider-cognito-identity');
  const { NodeSha256 } = await import('../server/auth/sigv4.ts');
  const credentials = await fromCognitoIdentityPool({
    identityPoolId: si.config.identityPoolId,
    clientConfig: { region: si.config.region, endpoint: si.config.cognitoEndpoint },
  })();
  // Three-character keys, so that 130,000 of them fit in 4 MiB.
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const key = (i: number) => alphabet[i % 62]! + alphabet[Math.floor(i / 62) % 62]! + alphabet[Math.floor(i / 3844) % 62]!;
  const keys = Array.from({ length: DELETE_KEYS }, (_, i) => `<Object><Key>${key(i)}</Key></Object>`).join('');
  const body = `<?xml version="1.0" encoding="UTF-8"?><Delete><Quiet>true</Quiet>${keys}</Delete>`;
  const endpoint = new URL(si.config.s3Endpoint);
  const request = {
    method: 'POST',
    protocol: endpoint.protocol,
    hostname: endpoint.hostname,
    port: Number(endpoint.port),
    path: `/${si.config.bucket}`,
    query: { delete: '' },
    headers: {
      host: endpoint.host,
      'content-type': 'application/xml',
      'content-md5': createHash('md5').update(body).digest('base64'),
      'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
    },
    body,
  };
  const signed = await new SignatureV4({ service: 's3', region: si.config.region, credentials, sha256: NodeSha256 }).sign(request);
  return {
    url: `${si.config.s3Endpoint}/${si.config.bucket}?delete=`,
    method: 'POST',
    headers: { ...(signed.headers as Record<string, string>), 'content-length': String(Buffer.byteLength(body)) },
    body,
    calls: DELETE_CALLS,
    concurrency: 4,
    what: `DeleteObjects (${DELETE_KEYS.toLocaleString('en')} keys, ${(Buffer.byteLength(body) / 1e6).toFixed(1)} MB)`,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function cdnLatencies(url: string, until: () => boolean, minSamples: number): Promise<number[]> {
  const times: number[] = [];
  while (times.length < minSamples || !until()) {
    const t0 = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`CDN answered ${res.status}`);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

async function withStandIn<T>(opts: StandInOptions, fn: (si: StandIn) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ine-bench-flood-'));
  const si = await startStandIn({ port: 0, cdnPort: 0, dataDir, packager: false, ...opts });
  try {
    // A published catalog page, written as the packager would.
    const { S3Client, PutObjectCommand } = await import('@aws-sdk/client-s3');
    const s3 = new S3Client({ region: si.config.region, endpoint: si.config.s3Endpoint, forcePathStyle: true, credentials: si.staticCredentials });
    await s3.send(
      new PutObjectCommand({
        Bucket: si.config.bucket,
        Key: 'catalog/page-1.json',
        Body: JSON.stringify({ clips: [] }),
        ContentType: 'application/json',
      }),
    );
    s3.destroy();
    return await fn(si);
  } finally {
    await si.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function latencyUnderFlood(
  label: string,
  opts: StandInOptions,
  makeFlood: (si: StandIn) => FloodRequest | Promise<FloodRequest>,
): Promise<{ idle: number[]; flood: number[] }> {
  return withStandIn(opts, async (si) => {
    const { calls, concurrency, what, ...req } = await makeFlood(si);
    const url = `${si.config.cdnBaseUrl}/catalog/page-1.json`;
    await cdnLatencies(url, () => true, 50); // warm-up
    const idle = await cdnLatencies(url, () => true, 200);
    const t0 = performance.now();
    const worker = new Worker(FLOOD_WORKER, {
      eval: true,
      workerData: { ...req, calls, concurrency, localAddress: ATTACKER },
    });
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    let done = false;
    const counts = new Promise<Record<string, number>>((resolve, reject) => {
      worker.once('message', (m: Record<string, number>) => {
        done = true;
        resolve(m);
      });
      worker.once('error', reject);
    });
    const flood = await cdnLatencies(url, () => done, 20);
    const answered = await counts;
    loop.disable();
    await worker.terminate();
    console.log(
      `  ${label}: ${calls} ${what} in ${((performance.now() - t0) / 1000).toFixed(1)} s, answers ${JSON.stringify(answered)}; stand-in event loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms, max ${(loop.max / 1e6).toFixed(0)} ms`,
    );
    return { idle, flood };
  });
}

function heapMiB(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

async function brokerMemory(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  await withStandIn({}, async (si) => {
    const login = (username: string) =>
      fetch(`${si.config.authUrl}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'wrong' }),
      }).then(async (r) => {
        await r.arrayBuffer();
        return r.status;
      });
    await login('warm-up');
    const before = heapMiB(gc);
    const statuses: Record<number, number> = {};
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < LONG_NAMES) {
          const i = next++;
          const s = await login(`${i}-${'n'.repeat(16_000)}`);
          statuses[s] = (statuses[s] ?? 0) + 1;
        }
      }),
    );
    const after = heapMiB(gc);
    console.log(`\nBroker memory, ${LONG_NAMES} failed logins with 16,000-character names (answers ${JSON.stringify(statuses)})`);
    console.log(`  heap before ${before.toFixed(1)} MiB, after ${after.toFixed(1)} MiB   ratio after/before ${(after / before).toFixed(2)}`);
  });
}

async function slowUploads(): Promise<void> {
  await withStandIn({}, async (si) => {
    const { port, hostname } = new URL(si.urls.s3);
    const open = new Set<number>();
    const firstLine: Record<string, number> = {};
    const trickles: NodeJS.Timeout[] = [];
    const sockets = Array.from({ length: SLOW_UPLOADS }, (_, i) => {
      const s = connect({ host: hostname, port: Number(port), localAddress: ATTACKER });
      open.add(i);
      let seen = false;
      s.setEncoding('latin1');
      s.on('data', (d: string) => {
        if (seen) return;
        seen = true;
        const status = d.split('\r\n')[0]!.replace('HTTP/1.1 ', '');
        firstLine[status] = (firstLine[status] ?? 0) + 1;
      });
      s.on('error', () => {});
      s.on('close', () => open.delete(i));
      s.on('connect', () => {
        s.write(`PUT /${si.config.bucket}/uploads/slow-${i}.mp4 HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Length: 100000000\r\n\r\n`);
        trickles.push(setInterval(() => s.writable && s.write('x'), 250));
      });
      return s;
    });
    await new Promise((r) => setTimeout(r, SLOW_UPLOAD_WATCH_MS)); // the measure: what is left after this long
    const stillOpen = open.size;
    for (const t of trickles) clearInterval(t);
    for (const s of sockets) s.destroy();
    console.log(`\nSlow unauthenticated uploads: ${SLOW_UPLOADS} connections, 1 body byte per 250 ms (first answers ${JSON.stringify(firstLine)})`);
    console.log(`  still open after ${SLOW_UPLOAD_WATCH_MS / 1000} s: ${stillOpen}   ratio open/started ${(stillOpen / SLOW_UPLOADS).toFixed(2)}`);
  });
}

async function main(): Promise<void> {
  console.log(`CDN GET latency (catalog/page-1.json from 127.0.0.1) during a flood from ${ATTACKER}`);
  const runs: Array<[string, StandInOptions, (si: StandIn) => FloodRequest | Promise<FloodRequest>]> = [
    ['GetId, default limits', {}, getIdFlood],
    ['GetId, GetId rate limit off', { limits: { getIdPerSecond: 0 } } as StandInOptions, getIdFlood],
    ['DeleteObjects from a viewer', {}, deleteObjectsFlood],
  ];
  for (const [label, opts, makeFlood] of runs) {
    const { idle, flood } = await latencyUnderFlood(label, opts, makeFlood);
    const [i50, i95, f50, f95] = [percentile(idle, 50), percentile(idle, 95), percentile(flood, 50), percentile(flood, 95)];
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const [im, fm] = [mean(idle), mean(flood)];
    console.log(`    idle  p50 ${i50.toFixed(1)} ms  p95 ${i95.toFixed(1)} ms  mean ${im.toFixed(1)} ms (baseline, ${idle.length} GETs)`);
    console.log(
      `    flood p50 ${f50.toFixed(1)} ms  p95 ${f95.toFixed(1)} ms  mean ${fm.toFixed(1)} ms (${flood.length} GETs)   ratio flood/idle p50 ${(f50 / i50).toFixed(1)}  p95 ${(f95 / i95).toFixed(1)}  mean ${(fm / im).toFixed(1)}`,
    );
  }
  await brokerMemory();
  await slowUploads();
}

await main();
