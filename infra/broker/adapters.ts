/**
 * The broker behind the two hosts INE is likely to use: an AWS Lambda (API Gateway HTTP API, REST
 * API or a Function URL) or an existing Node.js server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Broker } from './broker.ts';
import { clientAddress } from './client-address.ts';
import type { BrokerRequest, BrokerResponse } from './types.ts';

/** API Gateway v1/v2 and Function URL events (the fields used). */
export interface HttpEventLike {
  rawPath?: string;
  path?: string;
  httpMethod?: string;
  requestContext?: { http?: { method?: string; path?: string; sourceIp?: string }; identity?: { sourceIp?: string } };
  headers?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

/**
 * `trustedProxyHops`: proxies in front of API Gateway or the Function URL (e.g. 1 for CloudFront);
 * 0 (the default) takes the source IP that API Gateway saw and ignores X-Forwarded-For.
 */
export function requestFromEvent(event: HttpEventLike, opts: { trustedProxyHops?: number } = {}): BrokerRequest {
  const body = event.body && event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : (event.body ?? null);
  const headers = event.headers ?? {};
  const sourceIp = event.requestContext?.http?.sourceIp ?? event.requestContext?.identity?.sourceIp;
  // API Gateway and Function URLs append the source IP to X-Forwarded-For themselves: count it once.
  const forwarded = Object.entries(headers).find(([k]) => k.toLowerCase() === 'x-forwarded-for')?.[1];
  const entries = (forwarded ?? '').split(',').map((s) => s.trim());
  if (entries[entries.length - 1] === sourceIp) entries.pop();
  return {
    method: event.requestContext?.http?.method ?? event.httpMethod ?? 'GET',
    path: event.rawPath ?? event.requestContext?.http?.path ?? event.path ?? '/',
    headers,
    body,
    clientIp: clientAddress(sourceIp, entries.join(','), opts.trustedProxyHops),
  };
}

/** `export const handler = lambdaHandler(createBroker(config), { trustedProxyHops })`. */
export function lambdaHandler(broker: Broker, opts: { trustedProxyHops?: number } = {}) {
  return async (event: HttpEventLike): Promise<{ statusCode: number; headers: Record<string, string>; body: string }> => {
    const res = await broker.handle(requestFromEvent(event, opts));
    return { statusCode: res.status, headers: res.headers, body: res.body };
  };
}

/**
 * `http.createServer(nodeListener(broker))`, or mount it on a route of an existing server. Behind
 * reverse proxies, pass `trustedProxyHops` (how many; `trustProxy: true` means one) so the client
 * address is the one the outermost of them saw, not whatever the caller wrote in X-Forwarded-For.
 */
export function nodeListener(broker: Broker, opts: { maxBody?: number; trustedProxyHops?: number; trustProxy?: boolean } = {}) {
  const maxBody = opts.maxBody ?? 16 * 1024;
  const hops = opts.trustedProxyHops ?? (opts.trustProxy ? 1 : 0);
  return (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBody) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
      const body = tooLarge ? 'x'.repeat(maxBody + 1) : Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://broker').pathname;
      const clientIp = clientAddress(req.socket.remoteAddress, headers['x-forwarded-for'], hops);
      broker
        .handle({ method: req.method ?? 'GET', path, headers, body, clientIp })
        .then((out: BrokerResponse) => {
          res.writeHead(out.status, out.headers);
          res.end(out.body);
        })
        .catch((e: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'Internal', message: String((e as Error)?.message ?? e) }));
        });
    });
  };
}
