/**
 * A real local HTTP receiver for webhook tests: records every request (headers, raw body, when),
 * answers as the test says (a status, or never: the request hangs until the test ends), and lets a
 * test wait for the n-th request without polling.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** `hang`: never answer; `stream`: 200 with a body that never ends. */
export type Answer = number | 'hang' | 'stream' | { status: number; location: string };

export interface Receiver {
  url: string;
  received: Received[];
  /** Requests still open (answered neither by the test nor by the sender hanging up). */
  open(): number;
  /** The answer to the next requests, in order; `fallback` after they run out. */
  answers: Answer[];
  fallback: Answer;
  /** Resolves once `n` requests have arrived. */
  waitFor(n: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(fallback: Answer = 204): Promise<Receiver> {
  const received: Received[] = [];
  const waiters: { n: number; resolve: (r: Received[]) => void }[] = [];
  const hanging = new Set<ServerResponse>();
  let open = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    open++;
    res.on('close', () => {
      open--;
      hanging.delete(res);
    });
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: performance.now() });
      const answer = r.answers.length ? r.answers.shift()! : r.fallback;
      for (const w of waiters.filter((w) => received.length >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(received.slice());
      }
      if (answer === 'hang') return void hanging.add(res);
      if (answer === 'stream') {
        hanging.add(res);
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        const block = Buffer.alloc(16 * 1024, 'x');
        const pump = () => {
          while (!res.destroyed && res.write(block));
          if (!res.destroyed) res.once('drain', pump);
        };
        return pump();
      }
      if (typeof answer === 'object') {
        res.writeHead(answer.status, { Location: answer.location });
        return void res.end();
      }
      res.writeHead(answer);
      res.end(answer >= 400 ? 'no' : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const r: Receiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    open: () => open,
    answers: [],
    fallback,
    waitFor: (n) => (received.length >= n ? Promise.resolve(received.slice()) : new Promise((resolve) => waiters.push({ n, resolve }))),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return r;
}
