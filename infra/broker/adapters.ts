/**
 * The broker behind the two hosts INE is likely to use: an AWS Lambda (API Gateway HTTP API, REST
 * API or a Function URL) or an existing Node.js server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Broker } from './broker.ts';
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

export function requestFromEvent(event: HttpEventLike): BrokerRequest {
  const body = event.body && event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : (event.body ?? null);
  return {
    method: event.requestContext?.http?.method ?? event.httpMethod ?? 'GET',
    path: event.rawPath ?? event.requestContext?.http?.path ?? event.path ?? '/',
    headers: event.headers ?? {},
    body,
    clientIp: event.requestContext?.http?.sourceIp ?? event.requestContext?.identity?.sourceIp,
  };
}

/** `export const handler = lambdaHandler(createBroker(config))`. */
export function lambdaHandler(broker: Broker) {
  return async (event: HttpEventLike): Promise<{ statusCode: number; headers: Record<string, string>; body: string }> => {
    const res = await broker.handle(requestFromEvent(event));
    return { statusCode: res.status, headers: res.headers, body: res.body };
  };
}

/**
 * `http.createServer(nodeListener(broker))`, or mount it on a route of an existing server. Behind a
 * reverse proxy, pass `trustProxy: true` so the client address comes from `X-Forwarded-For`.
 */
export function nodeListener(broker: Broker, opts: { maxBody?: number; trustProxy?: boolean } = {}) {
  const maxBody = opts.maxBody ?? 16 * 1024;
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
      const forwarded = opts.trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0]!.trim() : '';
      const clientIp = forwarded || req.socket.remoteAddress || undefined;
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
