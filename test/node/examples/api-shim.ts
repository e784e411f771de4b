/**
 * Test-only: the few /api/v1 routes the Java walkthrough calls, served straight from the domain
 * functions (core/uploads) and the stand-in's bucket, so the Java client runs end to end before the
 * real router (core/api: auth, problem+json, idempotency, audit) serves them. Not an API: no
 * authentication beyond a fixed token, no validation beyond the domain's.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  UploadsError,
  abortUpload,
  completeUpload,
  createUpload,
  presignUploadParts,
  type UploadContext,
  type UploadPrincipal,
} from '../../../core/uploads/index.ts';
import { readRecord } from '../../../packaging/clip-store.ts';

export interface ApiShim {
  url: string;
  /** Requests seen, `METHOD path` (with the Idempotency-Key presence). */
  calls: { route: string; idempotencyKey?: string; authorization?: string }[];
  published: string[];
  close(): Promise<void>;
}

const TOKEN = 'test-access-token';

async function text(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
const json = async (req: IncomingMessage): Promise<unknown> => JSON.parse((await text(req)) || '{}');

export async function startApiShim(opts: {
  s3: S3Client;
  bucket: string;
  principal: UploadPrincipal;
  clientId: string;
  clientSecret: string;
  minPartSize?: number;
}): Promise<ApiShim> {
  const ctx: UploadContext = { s3: opts.s3, bucket: opts.bucket, minPartSize: opts.minPartSize };
  const calls: ApiShim['calls'] = [];
  const published: string[] = [];
  const server: Server = createServer((req, res) => {
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    calls.push({
      route: `${req.method} ${path}`,
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      authorization: req.headers.authorization,
    });
    void (async () => {
      if (req.method === 'POST' && path === '/oauth2/token') {
        const form = new URLSearchParams(await text(req));
        const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8');
        const ok = form.get('grant_type') === 'client_credentials' && basic === `${opts.clientId}:${opts.clientSecret}`;
        return ok ? send(200, { access_token: TOKEN, token_type: 'Bearer', expires_in: 900 }) : send(401, { code: 'invalid_client' });
      }
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { title: 'Unauthorized' });
      let m: RegExpExecArray | null;
      if (req.method === 'POST' && path === '/api/v1/uploads') return send(201, await createUpload(ctx, opts.principal, await json(req)));
      if (req.method === 'POST' && (m = /^\/api\/v1\/uploads\/([^/]+)\/(parts|complete|abort)$/.exec(path))) {
        const body = await json(req);
        if (m[2] === 'parts') return send(200, await presignUploadParts(ctx, opts.principal, m[1], body));
        if (m[2] === 'complete') return send(200, await completeUpload(ctx, opts.principal, m[1], body));
        return send(200, await abortUpload(ctx, opts.principal, m[1]));
      }
      if ((m = /^\/api\/v1\/clips\/([0-9a-f]{32})(\/publish)?$/.exec(path))) {
        const record = await readRecord(opts.s3, opts.bucket, m[1]);
        if (!record) return send(404, { title: 'Not Found' });
        if (req.method === 'POST' && m[2]) {
          published.push(m[1]);
          return send(200, { id: m[1], published: true });
        }
        if (req.method === 'GET' && !m[2])
          return send(200, { id: record.id, status: record.status, embedSnippet: `<ine-player video-id="${record.id}"></ine-player>` });
      }
      send(404, { title: 'Not Found' });
    })().catch((e: unknown) =>
      e instanceof UploadsError ? send(e.status, { code: e.code, detail: e.detail, errors: e.errors }) : send(500, { detail: String(e) }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    published,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
