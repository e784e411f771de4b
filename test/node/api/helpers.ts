/**
 * Shared setup for the Web API tests: one stand-in per file, clips seeded through the service keys,
 * tokens from the broker, and every API answer checked against the generated OpenAPI document by an
 * independent validator (ajv, JSON Schema 2020-12, with ajv-formats).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { videoRecordKey, type VideoRecord } from '../../../src/contract/video-record.ts';
import { recordFor } from '../catalog/generate.ts';
import { serviceClient, testStandIn, type TestStandIn } from '../stand-in/helpers.ts';
import type { StandInOptions } from '../../../server/index.ts';

export const OPENAPI = JSON.parse(readFileSync(new URL('../../../schemas/openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
};

const ajv = new Ajv2020({ strict: false, allErrors: true, allowUnionTypes: true });
addFormats.default(ajv);
ajv.addSchema(OPENAPI, 'openapi');

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const templates = Object.keys(OPENAPI.paths).map((t) => ({ t, re: new RegExp(`^${t.replace(/\{\w+\}/g, '[^/]+')}$`) }));

/** Checks one answer against the document: the status is documented, and the body matches its schema. */
export function checkAgainstOpenApi(method: string, path: string, status: number, contentType: string, body: unknown): void {
  const template = templates.find((x) => x.re.test(path))?.t;
  if (!template) return; // an unknown route's 404 problem: checked as a Problem below
  const op = OPENAPI.paths[template]![method.toLowerCase()];
  if (!op) return; // 405: not an operation of the document
  const res = op.responses[String(status)];
  assert.ok(res, `${method} ${template} answered ${status}, which the OpenAPI document does not list`);
  if (body === undefined) return assert.equal(res.content, undefined, `${method} ${template} ${status} should have a body`);
  const type = contentType.split(';')[0]!.trim();
  assert.ok(res.content?.[type], `${method} ${template} ${status}: content type ${type} not documented`);
  const pointer = `openapi#/paths/${escapePointer(template)}/${method.toLowerCase()}/responses/${status}/content/${escapePointer(type)}/schema`;
  const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
  assert.ok(
    validate(body),
    `${method} ${path} ${status} does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 2000)}`,
  );
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ApiTestBed {
  standIn: TestStandIn;
  s3: S3Client;
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<Answer<T>>;
  login(user: 'admin' | 'supervisor' | 'uploader' | 'viewer'): Promise<string>;
  seedClip(over?: Partial<VideoRecord> & { metadata?: Partial<VideoRecord['metadata']> }): Promise<VideoRecord>;
  cleanup(): Promise<void>;
}

let counter = 0;
export const newClipId = (): string =>
  `${Date.now().toString(16)}${(counter++).toString(16).padStart(6, '0')}${Math.random().toString(16).slice(2, 14)}`.padEnd(32, '0').slice(0, 32);

export async function apiTestBed(opts: StandInOptions = {}): Promise<ApiTestBed> {
  const standIn = await testStandIn(opts);
  const s3 = serviceClient(standIn);
  const bed: ApiTestBed = {
    standIn,
    s3,
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      let body: string | undefined = o.raw;
      if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${standIn.urls.api}${path.replace(/^\/v1/, '')}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      const parsed = text ? (JSON.parse(text) as unknown) : undefined;
      const contentType = res.headers.get('content-type') ?? '';
      if (res.status >= 400) assert.equal(contentType, 'application/problem+json', `${method} ${path} ${res.status} is not a problem: ${text}`);
      checkAgainstOpenApi(method, path.split('?')[0]!, res.status, contentType, parsed);
      return { status: res.status, headers: res.headers, body: parsed as never };
    },
    async login(user) {
      const res = await fetch(`${standIn.config.authUrl}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: user, password: standIn.demoPassword }),
      });
      assert.equal(res.status, 200);
      return ((await res.json()) as { accessToken: string }).accessToken;
    },
    async seedClip(over = {}) {
      // A contract-valid record (schemas/video.schema.json): a ready clip has renditions and a packager.
      const ready = (over.status ?? 'ready') === 'ready';
      const record = recordFor(newClipId(), {
        ...(ready
          ? {
              packager: 'ffmpeg',
              renditions: [{ width: 1280, height: 720, bandwidth: 2_500_000, codecs: 'avc1.64001f,mp4a.40.2', uri: '720p/index.m3u8' }],
            }
          : {}),
        ...(over.published ? { publishedAt: new Date().toISOString() } : {}),
        ...over,
      });
      await s3.send(
        new PutObjectCommand({
          Bucket: standIn.config.bucket,
          Key: videoRecordKey(record.id),
          Body: JSON.stringify(record),
          ContentType: 'application/json',
        }),
      );
      // The indexer (the one writer of the catalog) picks the record up; wait until it has.
      await standIn.indexed();
      return record;
    },
    async cleanup() {
      s3.destroy();
      await standIn.cleanup();
    },
  };
  return bed;
}
