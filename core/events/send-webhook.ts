/**
 * One delivery attempt: POST the body to the target, with a hard time limit over the whole exchange,
 * no redirects followed (a 3xx is a failed attempt), the answer's body read only up to a cap, and
 * private addresses refused unless allowed (target-url.ts). Never throws: the outcome is data.
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup, isPrivateAddress } from './target-url.js';

export interface AttemptResult {
  ok: boolean;
  statusCode?: number;
  durationMs: number;
  error?: string;
}

export interface SendOptions {
  timeoutMs: number;
  responseBodyMaxBytes: number;
  allowPrivateTargets: boolean;
  /** Stops the attempt (the dispatcher closing). */
  signal?: AbortSignal;
}

export function sendWebhook(target: string, headers: Record<string, string>, body: string, opts: SendOptions): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise<AttemptResult>((resolve) => {
    let done = false;
    const sent: { req?: ClientRequest } = {};
    const finish = (r: Omit<AttemptResult, 'durationMs'>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      sent.req?.destroy();
      resolve({ ...r, durationMs: elapsed() });
    };
    const timer = setTimeout(() => finish({ ok: false, error: `timed out after ${opts.timeoutMs} ms` }), opts.timeoutMs);
    const onAbort = () => finish({ ok: false, error: 'stopped' });
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return finish({ ok: false, error: 'the target URL is not valid' });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return finish({ ok: false, error: `refused: ${url.protocol} is not http or https` });
    if (!opts.allowPrivateTargets && isPrivateAddress(url.hostname)) return finish({ ok: false, error: 'refused: the target is a private address' });
    if (opts.signal?.aborted) return finish({ ok: false, error: 'stopped' });
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const payload = Buffer.from(body);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = (sent.req = send(url, {
      method: 'POST',
      headers: { ...headers, 'Content-Length': String(payload.length) },
      lookup: guardedLookup(opts.allowPrivateTargets),
      agent: false, // a fresh connection per attempt: a stuck one can never hold up the next
    }));
    req.on('error', (e) => finish({ ok: false, error: e.message || e.name }));
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read >= opts.responseBodyMaxBytes) settle(); // enough: the rest is not read
      });
      res.on('end', () => settle());
      res.on('error', () => settle());
      function settle() {
        if (status >= 200 && status < 300) finish({ ok: true, statusCode: status });
        else if (status >= 300 && status < 400)
          finish({ ok: false, statusCode: status, error: `redirect to ${res.headers.location ?? '?'} not followed` });
        else finish({ ok: false, statusCode: status, error: `answered ${status}` });
      }
    });
    req.end(payload);
  });
}
