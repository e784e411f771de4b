/**
 * The Web API on the stand-in's main port, under `/api/v1` (docs/api.md): a thin adapter from Node's
 * http to the plain handlers of core/api, which run with the stand-in's service keys against its own
 * S3, exactly as the Lambda adapter runs them on AWS with its role.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Api, ApiRequest, ApiResponse } from '../../core/api/index.ts';
import { BodyTooLarge, readBody } from '../http/io.ts';

export const API_BASE = '/api';

const EXPOSED = 'ETag, Retry-After, Idempotent-Replayed, Location, WWW-Authenticate';

function setCors(req: IncomingMessage, res: ServerResponse): void {
  // Bearer tokens, not cookies: any page may call, as with the broker.
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, PUT, POST, PATCH, DELETE, OPTIONS');
  const asked = req.headers['access-control-request-headers'];
  res.setHeader(
    'Access-Control-Allow-Headers',
    typeof asked === 'string' && asked ? asked : 'authorization, content-type, if-match, idempotency-key',
  );
  res.setHeader('Access-Control-Expose-Headers', EXPOSED);
  res.setHeader('Access-Control-Max-Age', '600');
}

function send(res: ServerResponse, out: ApiResponse): void {
  res.statusCode = out.status;
  for (const [k, v] of Object.entries(out.headers)) res.setHeader(k, v);
  if (out.body === undefined) return void res.end();
  const text = JSON.stringify(out.body);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

export function createApiAdapter(api: () => Api, bodyLimit: () => number) {
  return async function handle(req: IncomingMessage, res: ServerResponse, subpath: string): Promise<void> {
    setCors(req, res);
    if (req.method === 'OPTIONS') {
      res.statusCode = 204;
      return void res.end();
    }
    const clientIp = req.socket?.remoteAddress;
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    let body: string | undefined;
    try {
      const raw = await readBody(req, bodyLimit());
      body = raw.length ? raw.toString('utf8') : undefined;
    } catch (e) {
      if (!(e instanceof BodyTooLarge)) throw e;
      // One byte past the limit is enough for the API to answer its own 413 problem.
      body = 'x'.repeat(bodyLimit() + 1);
    }
    const request: ApiRequest = { method: req.method ?? 'GET', path: subpath, headers, query, ...(body !== undefined ? { body } : {}), clientIp };
    send(res, await api().handle(request));
  };
}
