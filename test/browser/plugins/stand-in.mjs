// The local stand-in for the whole Chromium test run (loaded by web-test-runner.config.mjs).
//
// serverStart starts ONE stand-in (random ports, a temporary data folder, packager on, temporary
// credentials living INE_TEST_CREDENTIALS_TTL seconds, default 900); serverStop closes it.
// Test pages read `GET /__ine__/env.json` → { config, urls, staticCredentials, demoPassword }.
// Server commands (executeServerCommand from '@web/test-runner-commands'), all through the real AWS SDK
// with the static service keys, so tests can check what actually arrived:
//   ine-stand-in-stop / ine-stand-in-start          stop listening / listen again on the same ports → true
//   ine-stand-in-put-object  { key, body (base64), contentType?, metadata? } → { etag }
//   ine-stand-in-get-object  { key } → { base64, metadata, contentType, etag } or false when absent
//                            (false, not null: a null result means "unknown command" to the runner)
//   ine-stand-in-list        { prefix } → string[] of keys
//   ine-stand-in-indexed     → true once the catalog indexer has applied every record change so far
//   ine-stand-in-list-multipart { prefix? } → [{ key, uploadId, initiated }] uploads in progress
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverSide } from './server-side.mjs';
import { GetObjectCommand, ListMultipartUploadsCommand, PutObjectCommand, S3Client, paginateListObjectsV2 } from '@aws-sdk/client-s3';

let standIn;
let dataDir;
let s3;

function client() {
  s3 ??= new S3Client({
    region: standIn.config.region,
    endpoint: standIn.config.s3Endpoint,
    forcePathStyle: true,
    credentials: standIn.staticCredentials,
  });
  return s3;
}

function env() {
  return { config: standIn.config, urls: standIn.urls, staticCredentials: standIn.staticCredentials, demoPassword: standIn.demoPassword };
}

const commands = {
  async 'ine-stand-in-indexed'() {
    await standIn.indexed();
    return true;
  },
  async 'ine-stand-in-stop'() {
    await standIn.stop();
    return true;
  },
  async 'ine-stand-in-start'() {
    await standIn.start();
    return true;
  },
  async 'ine-stand-in-put-object'({ key, body = '', contentType, metadata }) {
    const out = await client().send(
      new PutObjectCommand({
        Bucket: standIn.config.bucket,
        Key: key,
        Body: Buffer.from(body, 'base64'),
        ContentType: contentType,
        Metadata: metadata,
      }),
    );
    return { etag: out.ETag };
  },
  async 'ine-stand-in-get-object'({ key }) {
    try {
      const out = await client().send(new GetObjectCommand({ Bucket: standIn.config.bucket, Key: key }));
      const bytes = await out.Body.transformToByteArray();
      return { base64: Buffer.from(bytes).toString('base64'), metadata: out.Metadata ?? {}, contentType: out.ContentType, etag: out.ETag };
    } catch (e) {
      if (e?.name === 'NoSuchKey') return false;
      throw e;
    }
  },
  async 'ine-stand-in-list'({ prefix = '' } = {}) {
    const keys = [];
    for await (const page of paginateListObjectsV2({ client: client() }, { Bucket: standIn.config.bucket, Prefix: prefix })) {
      for (const o of page.Contents ?? []) keys.push(o.Key);
    }
    return keys;
  },
  async 'ine-stand-in-list-multipart'({ prefix } = {}) {
    const uploads = [];
    let KeyMarker;
    let UploadIdMarker;
    for (;;) {
      const out = await client().send(new ListMultipartUploadsCommand({ Bucket: standIn.config.bucket, Prefix: prefix, KeyMarker, UploadIdMarker }));
      for (const u of out.Uploads ?? []) uploads.push({ key: u.Key, uploadId: u.UploadId, initiated: u.Initiated?.toISOString() });
      if (!out.IsTruncated) break;
      KeyMarker = out.NextKeyMarker;
      UploadIdMarker = out.NextUploadIdMarker;
    }
    return uploads;
  },
};

export default [
  {
    name: 'ine-stand-in',
    async serverStart() {
      const { startStandIn } = await serverSide();
      dataDir = mkdtempSync(join(tmpdir(), 'ine-wtr-stand-in-'));
      standIn = await startStandIn({
        port: 0,
        cdnPort: 0,
        dataDir,
        packager: true,
        credentialsTtlSeconds: Number(process.env.INE_TEST_CREDENTIALS_TTL ?? 900),
        log: process.env.INE_DEBUG_STAND_IN ? (m) => console.log(`[stand-in] ${m}`) : undefined,
      });
    },
    async serverStop() {
      s3?.destroy();
      s3 = undefined;
      await standIn?.close();
      standIn = undefined;
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    // The AWS SDK's browser builds `import packageInfo from "../package.json"`; the dev server serves
    // JSON as application/json, which a browser refuses as a module. Serve such module requests as
    // `export default <json>` with a JavaScript content type (a transform's `type` is ignored by the
    // dev server, so the header is set explicitly). Harmless if another plugin wrapped the body first.
    transform(context) {
      if (context.request.headers['sec-fetch-dest'] !== 'script' || !context.path.includes('/node_modules/') || !context.path.endsWith('.json'))
        return undefined;
      const body = typeof context.body === 'string' ? context.body : String(context.body);
      return {
        body: /^\s*export\s/.test(body) ? body : `export default ${body};`,
        headers: { 'content-type': 'application/javascript; charset=utf-8' },
      };
    },
    serve(context) {
      if (context.path === '/__ine__/env.json') return { body: JSON.stringify(env()), type: 'json' };
      return undefined;
    },
    async executeCommand({ command, payload }) {
      const run = commands[command];
      if (!run) return undefined;
      return run(payload ?? {});
    },
  },
];
