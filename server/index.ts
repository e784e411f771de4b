/**
 * The local stand-in for AWS (docs/stand-in.md): S3, Cognito Identity, the auth broker and `/_local/config.json`
 * on one port, the CDN origin on another, and the packager watching uploads. One Node process, data on
 * disk in a folder that survives restarts. Other modules (npm start, tests, the browser test plugin)
 * start it with `startStandIn()`.
 */
import './node-support.ts'; // first: before any AWS SDK client exists
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { createApiFromS3, type Api, type ApiLimits, DEFAULT_API_LIMITS } from '../core/api/index.ts';
import { readOrCreateKeyFile, rotateKeyFile } from '../core/auth/key-file.ts';
import { auditBucketFor, startLocalAudit, type LocalAudit } from './audit.ts';
import { createClientStore } from '../core/auth/clients.ts';
import { loadSigningKeys, type SigningKeys } from '../core/auth/signing-keys.ts';
import { createTokenEndpoint } from '../core/auth/token-endpoint.ts';
import { s3ObjectStore } from '../core/storage/object-store.ts';
import { API_BASE, createApiAdapter } from './api/index.ts';
import { KeyStore } from './auth/keys.ts';
import { SigV4Error, isSigned, verifySigV4 } from './auth/sigv4.ts';
import { createBroker } from './broker/index.ts';
import { createCdn } from './cdn/index.ts';
import { readOrCreatePreviewKey } from './cdn/preview-key.ts';
import { DEFAULT_PREVIEW_TTL_SECONDS } from '../core/preview/preview-signer.ts';
import { CognitoService, isCognitoRequest } from './cognito/service.ts';
import { createCognitoAdmission } from './cognito/throttle.ts';
import { resolveSettings, type SettingsInput } from './config.ts';
import { CAPTION_LIMITS } from '../core/captions/limits.ts';
import { BodyTooLarge, rawPath, readBody, sendJson, setOpenCors } from './http/io.ts';
import { SLOW_DOWN, createLimitedServer, sendSlowDown } from './http/limited-server.ts';
import { listen, stopListening } from './http/listen.ts';
import { createActionScreen, createAuthorizer } from './policy/index.ts';
import { S3Error } from './s3/errors.ts';
import { createS3Service, type ChunkSignatures, type S3Principal, type S3Service } from './s3/index.ts';
import type { LocalWebhookOptions, LocalWebhooks } from './webhooks/index.ts';
import { systemClock, type Clock } from '../core/publication/clock.ts';

/** Ports, data folder, region, bucket, credential lifetime and demo password (server/config.ts documents each default), plus: */
export interface StandInOptions extends SettingsInput {
  /** Start the packager (default true). */
  packager?: boolean;
  /** Start the catalog indexer (default true): the one writer of the fragment catalog. */
  indexer?: boolean;
  /** Run the webhook dispatcher (default true); an object shortens its waits (tests). */
  webhooks?: boolean | { settings?: LocalWebhookOptions['settings'] };
  /** Seed the sample clip on first start (npm start). */
  seed?: boolean;
  /** Web API limits (core/api/limits.ts has the defaults). */
  apiLimits?: Partial<ApiLimits>;
  /** Smallest part of a server-side upload (`POST /api/v1/uploads`); default 16 MiB, tests use S3's 5 MiB. */
  uploadMinPartSize?: number;
  log?: (m: string) => void;
  /**
   * The server's time and timers: publication windows at the CDN and in the catalog, sensitive
   * periods and audit times in the API (default: the system clock; tests pass a controllable one).
   */
  clock?: Clock;
}

/** What `GET /_local/config.json` answers: the elements' configuration (docs/stand-in.md). */
export interface LocalConfig {
  region: string;
  identityPoolId: string;
  bucket: string;
  s3Endpoint: string;
  cognitoEndpoint: string;
  cdnBaseUrl: string;
  authUrl: string;
  /** The Web API's base (`<s3Endpoint>/api/v1`). */
  apiUrl: string;
}

export interface StandIn {
  config: LocalConfig;
  urls: { s3: string; cdn: string; auth: string; config: string; api: string };
  /** Rotate the Web API's token signing key (the previous key keeps verifying). */
  rotateSigningKey(): Promise<void>;
  staticCredentials: { accessKeyId: string; secretAccessKey: string };
  demoPassword: string;
  dataDir: string;
  /** 'object-created' / 'object-removed' from the S3 engine. */
  events: EventEmitter;
  s3: S3Service;
  /** The webhook dispatcher and what the subscription routes need (undefined with `webhooks: false`). */
  webhooks?: LocalWebhooks;
  /** The audit log (its Object Lock bucket, seal key and timer): server/audit.ts. */
  audit: LocalAudit;
  /** Stop listening; keep data and issued keys. */
  stop(): Promise<void>;
  /** Listen again on the same ports. */
  start(): Promise<void>;
  close(): Promise<void>;
  /** Resolves when every clip record change so far is in the catalog index (tests wait on it). */
  indexed(): Promise<void>;
  /** What the limits (docs/stand-in.md "Limits") are holding now, for tests and benches. */
  stats(): StandInStats;
}

export interface StandInStats {
  /** Open connections per port. */
  connections: { main: number; cdn: number };
  /** User names with failed logins the broker remembers. */
  brokerTrackedNames: number;
}

export const CONFIG_PATH = '/_local/config.json';
export const AUTH_BASE = '/_local/auth';

export async function startStandIn(opts: StandInOptions = {}): Promise<StandIn> {
  const settings = resolveSettings(opts);
  const log = opts.log ?? (() => {});
  mkdirSync(settings.dataDir, { recursive: true });
  const stateDir = join(settings.dataDir, 'stand-in');
  const staticCredentials = { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey };
  const keys = new KeyStore(stateDir, staticCredentials);
  const cognitoAdmission = createCognitoAdmission(settings.limits);
  // A connection past the client's limit gets Cognito's throttling answer on a Cognito call (below).
  const admit = (operation: string, req: IncomingMessage) => !main.overLimit(req) && cognitoAdmission(operation, req);
  const cognito = new CognitoService({
    dir: stateDir,
    region: settings.region,
    keys,
    credentialsTtlSeconds: settings.credentialsTtlSeconds,
    admit,
    log,
  });
  const events = new EventEmitter();
  events.setMaxListeners(50);
  const s3 = await createS3Service({
    dataDir: settings.dataDir,
    region: settings.region,
    buckets: [settings.bucket, auditBucketFor(settings.bucket)],
    authorize: createAuthorizer(settings.bucket, log),
    mayAttempt: createActionScreen(settings.bucket),
    events,
  });
  const clock = opts.clock ?? systemClock;
  // The draft-preview key pair: the API signs with it, the CDN's preview path trusts it.
  const previewKey = readOrCreatePreviewKey(join(stateDir, 'preview-key.pem'));
  const cdn = createCdn({
    store: s3.store,
    bucket: settings.bucket,
    events,
    log,
    replicaDir: settings.cdnReplicaDir,
    now: clock.now,
    previewKeys: new Map([[previewKey.keyPairId, previewKey.publicKey]]),
  });

  let mainPort = settings.port;
  let cdnPort = settings.cdnPort;
  const urlHost = settings.host === '0.0.0.0' || settings.host === '::' ? '127.0.0.1' : settings.host;
  const mainUrl = () => `http://${urlHost}:${mainPort}`;

  // The Web API's token signing keys and page-cursor secret: created on first start, kept in the data folder.
  const signingKeyFile = join(stateDir, 'api-signing-keys.json');
  let signing: SigningKeys = await loadSigningKeys(await readOrCreateKeyFile(signingKeyFile));
  const cursorSecretFile = join(stateDir, 'api-cursor-secret');
  if (!existsSync(cursorSecretFile)) {
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(cursorSecretFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  const cursorSecret = Buffer.from(readFileSync(cursorSecretFile, 'utf8'), 'base64url');
  let serviceS3: S3Client | undefined;
  let serviceS3Endpoint = '';
  const serviceClient = (): S3Client => {
    if (!serviceS3 || serviceS3Endpoint !== mainUrl()) {
      serviceS3?.destroy();
      serviceS3 = new S3Client({
        region: settings.region,
        endpoint: mainUrl(),
        forcePathStyle: true,
        credentials: staticCredentials,
        maxAttempts: 3,
      });
      serviceS3Endpoint = mainUrl();
    }
    return serviceS3;
  };
  const issuer = () => `${mainUrl()}${AUTH_BASE}`;
  // Built on first use: the port (in the issuer and the S3 endpoint) is known only after listening.
  let tokenEndpoint: ReturnType<typeof createTokenEndpoint> | undefined;
  let tokenEndpointFor = '';
  const currentTokenEndpoint = () => {
    if (!tokenEndpoint || tokenEndpointFor !== mainUrl()) {
      tokenEndpoint = createTokenEndpoint({
        clients: createClientStore(s3ObjectStore(serviceClient(), settings.bucket)),
        keys: () => signing,
        issuer: issuer(),
      });
      tokenEndpointFor = mainUrl();
    }
    return tokenEndpoint;
  };
  const apiLimits = { ...DEFAULT_API_LIMITS, ...opts.apiLimits };
  let api: Api | undefined;
  let apiFor = '';
  const currentApi = (): Api => {
    // Rebuilt when the port or the dispatcher changes: the dispatcher starts after the API is set up.
    const wanted = `${mainUrl()} ${standIn.webhooks ? 'webhooks' : ''}`;
    if (!api || apiFor !== wanted) {
      api = createApiFromS3({
        s3: serviceClient(),
        bucket: settings.bucket,
        jwks: () => signing.jwks,
        cursorSecret,
        cdnBaseUrl: `http://${urlHost}:${cdnPort}`,
        preview: { keyPairId: previewKey.keyPairId, privateKey: async () => previewKey.privateKey, ttlSeconds: DEFAULT_PREVIEW_TTL_SECONDS },
        issuer: issuer(),
        limits: apiLimits,
        // Asked at each event: the dispatcher starts after the API is set up.
        events: { emit: async (type, data) => standIn.webhooks?.dispatcher.emit(type, data) },
        ...(standIn.webhooks ? { webhooks: standIn.webhooks.subscriptionContext } : {}),
        audit: standIn.audit.log,
        region: settings.region,
        ...(opts.uploadMinPartSize ? { uploadMinPartSize: opts.uploadMinPartSize } : {}),
        log,
        now: clock.now,
      });
      apiFor = wanted;
    }
    return api;
  };
  const apiAdapter = createApiAdapter(currentApi, () => Math.max(apiLimits.bodyBytes, CAPTION_LIMITS.bytes));

  const broker = createBroker({
    password: settings.demoPassword,
    region: settings.region,
    identityPoolId: cognito.identityPoolId,
    cognitoEndpoint: mainUrl,
    credentials: staticCredentials,
    trackedNames: settings.limits.brokerTrackedNames,
    signingKeys: () => signing,
    issuer,
    tokenEndpoint: (req) => currentTokenEndpoint()(req),
    log,
  });

  async function authenticateS3(req: IncomingMessage): Promise<{ principal: S3Principal; chunkSignatures?: ChunkSignatures }> {
    if (!isSigned(req.url ?? '/', req.headers)) throw new S3Error('AccessDenied', 'Access Denied', 403);
    try {
      const { key, chunkSignatures } = await verifySigV4(
        { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, service: 's3', region: settings.region },
        keys,
      );
      const principal: S3Principal = { accessKeyId: key.accessKeyId, role: key.role, ...(key.identityId ? { identityId: key.identityId } : {}) };
      return { principal, ...(chunkSignatures ? { chunkSignatures } : {}) };
    } catch (e) {
      if (e instanceof SigV4Error) throw new S3Error(e.code, e.message, e.status, e.extra);
      throw e;
    }
  }

  async function onMain(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = rawPath(req);
    if (main.overLimit(req) && !isCognitoRequest(req))
      return s3.sendError(req, res, new S3Error(SLOW_DOWN.code, SLOW_DOWN.message, SLOW_DOWN.status));
    if (path === CONFIG_PATH) {
      setOpenCors(req, res, 'GET, OPTIONS');
      res.setHeader('Cache-Control', 'no-store');
      if (req.method === 'OPTIONS') {
        res.statusCode = 204;
        return void res.end();
      }
      return sendJson(res, 200, standIn.config);
    }
    if (path === AUTH_BASE || path.startsWith(`${AUTH_BASE}/`)) return broker.handle(req, res, path.slice(AUTH_BASE.length));
    if (path.startsWith(`${API_BASE}/`)) return apiAdapter(req, res, path.slice(API_BASE.length));
    if (path === '/' && req.method === 'POST' && isCognitoRequest(req)) {
      let body: Buffer;
      try {
        body = await readBody(req, 1024 * 1024);
      } catch (e) {
        if (!(e instanceof BodyTooLarge)) throw e;
        setOpenCors(req, res);
        return sendJson(res, 413, { __type: 'SerializationException', message: 'Request body too large' }, 'application/x-amz-json-1.1');
      }
      return cognito.handle(req, res, body);
    }
    if (path === '/' && req.method === 'OPTIONS') {
      // Preflight of a browser's Cognito call (the SDK posts to the endpoint's root).
      setOpenCors(req, res);
      res.statusCode = 204;
      return void res.end();
    }
    if (req.method === 'OPTIONS') return s3.handle(req, res, null);
    let auth: Awaited<ReturnType<typeof authenticateS3>>;
    try {
      auth = await authenticateS3(req);
    } catch (e) {
      s3.sendError(req, res, e);
      req.resume(); // drain an unread body so the connection can be reused
      return;
    }
    await s3.handle(req, res, auth.principal, auth.chunkSignatures);
  }

  const guard = (name: string, fn: (req: IncomingMessage, res: ServerResponse) => Promise<void>) => (req: IncomingMessage, res: ServerResponse) => {
    fn(req, res).catch((e: unknown) => {
      log(`${name}: ${(e as Error).stack ?? e}`);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      } else res.destroy();
    });
  };
  const main = createLimitedServer(settings.limits, guard('stand-in', onMain));
  const cdnPortServer = createLimitedServer(
    settings.limits,
    guard('cdn', async (req, res) => (cdnPortServer.overLimit(req) ? sendSlowDown(res) : cdn.handle(req, res))),
  );
  const mainServer = main.server;
  const cdnServer = cdnPortServer.server;

  async function start(): Promise<void> {
    mainPort = await listen(mainServer, mainPort, settings.host);
    cdnPort = await listen(cdnServer, cdnPort, settings.host);
  }
  async function stop(): Promise<void> {
    await Promise.all([stopListening(mainServer), stopListening(cdnServer)]);
  }
  try {
    await start();
  } catch (e) {
    // e.g. EADDRINUSE: release what is open so the caller can retry on another port.
    await stop();
    cdn.close();
    broker.close();
    await s3.close();
    throw e;
  }

  let audit: LocalAudit;
  try {
    audit = await startLocalAudit({ s3: serviceClient(), mediaBucket: settings.bucket, stateDir, log });
  } catch (e) {
    await stop();
    cdn.close();
    broker.close();
    await s3.close();
    throw e;
  }
  let packager: { close(): Promise<void> } | undefined;
  let indexer: { close(): Promise<void>; idle(): Promise<void> } | undefined;
  let webhookS3: { destroy(): void } | undefined;
  const standIn: StandIn = {
    get config(): LocalConfig {
      return {
        region: settings.region,
        identityPoolId: cognito.identityPoolId,
        bucket: settings.bucket,
        s3Endpoint: mainUrl(),
        cognitoEndpoint: mainUrl(),
        cdnBaseUrl: `http://${urlHost}:${cdnPort}`,
        authUrl: `${mainUrl()}${AUTH_BASE}`,
        apiUrl: `${mainUrl()}${API_BASE}/v1`,
      };
    },
    get urls() {
      return {
        s3: mainUrl(),
        cdn: `http://${urlHost}:${cdnPort}`,
        auth: `${mainUrl()}${AUTH_BASE}`,
        config: `${mainUrl()}${CONFIG_PATH}`,
        api: `${mainUrl()}${API_BASE}/v1`,
      };
    },
    async rotateSigningKey() {
      signing = await loadSigningKeys(await rotateKeyFile(signingKeyFile));
    },
    staticCredentials,
    demoPassword: settings.demoPassword,
    dataDir: settings.dataDir,
    events,
    s3,
    audit,
    stop,
    start,
    async close() {
      if (closed) return closed;
      closed = closeAll();
      return closed;
    },
    indexed: () => indexer?.idle() ?? Promise.resolve(),
    stats() {
      return { connections: { main: main.openConnections(), cdn: cdnPortServer.openConnections() }, brokerTrackedNames: broker.trackedNames() };
    },
  };
  let closed: Promise<void> | undefined;
  async function closeAll(): Promise<void> {
    await stop();
    audit.close();
    await packager?.close().catch((e: unknown) => log(`packager close: ${e}`));
    await indexer?.close().catch((e: unknown) => log(`indexer close: ${e}`));
    await standIn.webhooks?.close().catch((e: unknown) => log(`webhooks close: ${e}`));
    webhookS3?.destroy();
    broker.close();
    cdn.close();
    serviceS3?.destroy();
    await s3.close();
  }

  try {
    if (opts.indexer !== false) {
      const { startIndexer } = await import('./indexer/index.ts');
      indexer = await startIndexer({ standIn, log, clock });
    }
    const { startPackager, serviceS3Client } = await import('./packager/index.ts');
    if (opts.webhooks !== false) {
      const { startLocalWebhooks } = await import('./webhooks/index.ts');
      const s3Client = serviceS3Client(standIn);
      webhookS3 = s3Client;
      standIn.webhooks = await startLocalWebhooks({
        s3: s3Client,
        bucket: settings.bucket,
        dataDir: settings.dataDir,
        log,
        settings: typeof opts.webhooks === 'object' ? opts.webhooks.settings : undefined,
      });
    }
    if (opts.packager !== false) packager = await startPackager({ standIn, events: standIn.webhooks?.dispatcher });
    if (opts.seed) {
      if (existsSync(new URL('./seed.ts', import.meta.url))) {
        const { seedSampleClip } = (await import('./seed.ts' as string)) as { seedSampleClip(s: StandIn): Promise<void> };
        await seedSampleClip(standIn);
      } else log('seed: server/seed.ts is not there yet; no sample clip seeded');
    }
  } catch (e) {
    await standIn.close();
    throw e;
  }
  log(`listening: ${standIn.urls.s3} (S3, Cognito, broker), CDN ${standIn.urls.cdn}, data ${settings.dataDir}`);
  return standIn;
}
