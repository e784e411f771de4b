/**
 * An HTTP server that no single client can tie up (both ports use it):
 * - headers must arrive within `headersTimeoutMs` (slow-loris connections get 408 and are closed);
 * - a connection silent in both directions for `idleTimeoutMs` is closed; a slow upload that keeps
 *   sending bytes is never cut, however long it takes (there is no total request time limit);
 * - each client address may hold `connectionsPerClient` connections. The first request on a
 *   connection past that is refused and the connection closed (the port's owner shapes the refusal:
 *   S3's 503 SlowDown, or Cognito's TooManyRequestsException), while other clients are served; past
 *   twice the limit, new connections are dropped at once;
 * - a request answered before its body arrived (an early refusal such as AccessDenied) gets its
 *   connection closed after the answer, as S3 does, instead of draining a body nobody will read;
 *   the client gets a short grace to read the answer before the socket is dropped.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Limits } from '../limits/settings.ts';

export type HttpLimits = Pick<Limits, 'headersTimeoutMs' | 'idleTimeoutMs' | 'connectionsPerClient'>;

/** Kept-alive connections between requests: closed after this long without a new request. */
export const KEEP_ALIVE_TIMEOUT_MS = 10_000;
/** How long a connection closed after an early answer may still deliver body bytes before it is dropped. */
export const LINGER_MS = 2_000;

/** S3's answer to a client asking too much: clients and SDKs back off and retry. */
export const SLOW_DOWN = { code: 'SlowDown', message: 'Please reduce your request rate.', status: 503 } as const;

/** SlowDown as S3 words it, for a port with no S3 engine of its own (the CDN). */
export function sendSlowDown(res: ServerResponse): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${SLOW_DOWN.code}</Code><Message>${SLOW_DOWN.message}</Message></Error>`;
  res.statusCode = SLOW_DOWN.status;
  res.setHeader('Content-Type', 'application/xml');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.setHeader('Retry-After', '1');
  res.end(body);
}

export interface LimitedServer {
  server: Server;
  /** Connections open now, over-limit ones included. */
  openConnections(): number;
  /** This request came on a connection past the client's limit: the handler must refuse it. */
  overLimit(req: IncomingMessage): boolean;
}

function dropAfterLinger(socket: Socket): void {
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

/** Body bytes announced and not all received yet (a request without a body is complete just after its 'request' event). */
function bodyPending(req: IncomingMessage): boolean {
  if (req.complete) return false;
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * Answer with `Connection: close` a request whose body has not all arrived, and close gently: Node
 * would destroy the socket as soon as the answer is written, and a close with unread bytes resets
 * the connection, which can make the client lose the answer. Instead stop writing, keep reading
 * (Node discards the rest of the body) until the body ends or LINGER_MS pass, then drop the socket.
 */
function closeAfterAnswer(req: IncomingMessage, res: ServerResponse, socket: Socket): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (bodyPending(req) && !socket.destroyed) {
      this.shouldKeepAlive = false;
      socket.destroySoon = () => {
        socket.end();
        const destroyWhenWritten = () => (socket.writableFinished ? socket.destroy() : socket.once('finish', () => socket.destroy()));
        if (req.readableEnded) destroyWhenWritten();
        else req.once('end', destroyWhenWritten);
        dropAfterLinger(socket);
      };
    }
    return writeHead.apply(this, args as Parameters<typeof writeHead>);
  } as typeof res.writeHead;
}

export function createLimitedServer(limits: HttpLimits, handler: (req: IncomingMessage, res: ServerResponse) => void): LimitedServer {
  const perClient = new Map<string, number>();
  const overLimit = new WeakSet<Socket>();
  let open = 0;

  const server = createServer(
    {
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      // No total time for a request: a large upload over a slow link must finish. Idle and header
      // timeouts bound what a stalled or malicious client holds.
      requestTimeout: 0,
      headersTimeout: limits.headersTimeoutMs,
      // Node checks header timeouts on this period (30 s by default, too coarse for short limits).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, limits.headersTimeoutMs / 4 || 1000)),
    },
    (req, res) => {
      const socket = req.socket;
      // Node applies the server's idle timeout when a connection opens only; renew it for each
      // request on a kept-alive connection.
      if (limits.idleTimeoutMs) socket.setTimeout(limits.idleTimeoutMs);
      closeAfterAnswer(req, res, socket);
      if (overLimit.has(socket)) res.shouldKeepAlive = false; // one refusal, then the connection closes
      handler(req, res);
    },
  );
  server.timeout = limits.idleTimeoutMs;

  server.on('connection', (socket: Socket) => {
    const client = socket.remoteAddress ?? '';
    const held = perClient.get(client) ?? 0;
    if (limits.connectionsPerClient && held >= limits.connectionsPerClient) {
      // Refused on its first request, where the refusal can take the shape the client understands;
      // beyond twice the limit even that waiting costs too much.
      if (held >= 2 * limits.connectionsPerClient) return void socket.destroy();
      overLimit.add(socket);
    }
    perClient.set(client, held + 1);
    open++;
    socket.once('close', () => {
      open--;
      const left = (perClient.get(client) ?? 1) - 1;
      if (left > 0) perClient.set(client, left);
      else perClient.delete(client);
    });
  });

  return { server, openConnections: () => open, overLimit: (req) => overLimit.has(req.socket) };
}
