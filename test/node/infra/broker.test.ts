/**
 * The reference token broker (infra/broker/) end to end with real parts: a real OpenLDAP (Debian's
 * slapd, started and seeded by the test, ppolicy lockout on) and the local stand-in's Cognito
 * Identity (GetOpenIdTokenForDeveloperIdentity with the stand-in's static keys). Every token it
 * returns is checked by exchanging it for credentials (GetCredentialsForIdentity) and using them on
 * the stand-in's S3, whose role policies decide what the user may do.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CognitoIdentityClient, GetCredentialsForIdentityCommand } from '@aws-sdk/client-cognito-identity';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Client } from 'ldapts';
import { startStandIn, type StandIn } from '../../../server/index.ts';
import { DEVELOPER_PROVIDER_NAME } from '../../../server/config.ts';
import {
  createBroker,
  INSECURE_LDAP_CONSENT,
  INSECURE_LDAP_ENV,
  lambdaHandler,
  MemoryCounterStore,
  nodeListener,
  roleForGroups,
  type Broker,
  type BrokerConfig,
} from '../../../infra/broker/index.ts';
import { API_AUDIENCE, verifyAccessToken } from '../../../core/auth/access-token.ts';
import { createClientStore } from '../../../core/auth/clients.ts';
import { ROLE_SCOPES } from '../../../core/auth/scopes.ts';
import { createSigningKeyDocument, loadSigningKeys, type JsonWebKeySet } from '../../../core/auth/signing-keys.ts';
import { s3ObjectStore } from '../../../core/storage/object-store.ts';
import { ADMINS_DN, OTHERS_DN, PPOLICY_MAX_FAILURE, SERVICE_DN, SERVICE_PW, startSlapd, SUFFIX, UPLOADERS_DN, type Slapd } from './slapd.ts';

let slapd: Slapd;
let standIn: StandIn;
let dataDir: string;

function config(overrides: Partial<BrokerConfig> = {}, ldap: Partial<BrokerConfig['ldap']> = {}): BrokerConfig {
  return {
    ldap: {
      url: slapd.url,
      userDnTemplate: `uid={username},ou=people,${SUFFIX}`,
      groups: { kind: 'search', base: `ou=groups,${SUFFIX}` },
      serviceAccount: { dn: SERVICE_DN, password: SERVICE_PW },
      timeoutMs: 10_000,
      ...ldap,
    },
    roleGroups: { admin: [ADMINS_DN.toUpperCase()], uploader: [UPLOADERS_DN.replace(/,/g, ', ')] },
    cognito: {
      region: standIn.config.region,
      endpoint: standIn.config.cognitoEndpoint,
      credentials: standIn.staticCredentials,
      identityPools: { uploader: standIn.config.identityPoolId, admin: standIn.config.identityPoolId },
      developerProviderName: DEVELOPER_PROVIDER_NAME,
      tokenDurationSeconds: 900,
    },
    log: () => {},
    ...overrides,
  };
}

const post = (broker: Broker, body: unknown, headers: Record<string, string> = {}) =>
  broker.handle({
    method: 'POST',
    path: '/login',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const json = (r: { body: string }) => JSON.parse(r.body) as Record<string, unknown>;

async function credentialsFor(identityId: string, token: string) {
  const cognito = new CognitoIdentityClient({ region: standIn.config.region, endpoint: standIn.config.cognitoEndpoint });
  try {
    const out = await cognito.send(
      new GetCredentialsForIdentityCommand({ IdentityId: identityId, Logins: { 'cognito-identity.amazonaws.com': token } }),
    );
    const c = out.Credentials!;
    return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretKey!, sessionToken: c.SessionToken!, expiration: c.Expiration };
  } finally {
    cognito.destroy();
  }
}
function s3With(creds: { accessKeyId: string; secretAccessKey: string; sessionToken: string }) {
  return new S3Client({ region: standIn.config.region, endpoint: standIn.urls.s3, forcePathStyle: true, credentials: creds });
}

/** Runs `fn` with the insecure-LDAP flag unset (createBroker reads it synchronously). */
function withoutInsecureFlag<T>(fn: () => T): T {
  delete process.env[INSECURE_LDAP_ENV];
  try {
    return fn();
  } finally {
    process.env[INSECURE_LDAP_ENV] = INSECURE_LDAP_CONSENT;
  }
}

before(async () => {
  // The test directory listens on plain ldap:// on 127.0.0.1 (no certificate to give it): the
  // broker refuses that unless told, loudly, that it is on purpose.
  process.env[INSECURE_LDAP_ENV] = INSECURE_LDAP_CONSENT;
  slapd = await startSlapd();
  dataDir = mkdtempSync(join(tmpdir(), 'ine-broker-'));
  standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir, packager: false, seed: false, log: () => {} });
});
after(async () => {
  await standIn?.close();
  await slapd?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('token broker: LDAP (slapd) + Cognito (stand-in)', () => {
  it('with accessTokens: adds a Web API access token to the login, serves the JWKS and the client credentials grant', async () => {
    const keys = await loadSigningKeys(await createSigningKeyDocument());
    const s3 = new S3Client({
      region: standIn.config.region,
      endpoint: standIn.urls.s3,
      forcePathStyle: true,
      credentials: standIn.staticCredentials,
    });
    const clients = createClientStore(s3ObjectStore(s3, standIn.config.bucket));
    const broker = createBroker(config({ accessTokens: { keys: () => keys, issuer: 'https://broker.ine.test', clients } }));
    try {
      const body = json(await post(broker, { username: 'alicia', password: 'Alicia-pw-1' }));
      assert.deepEqual(Object.keys(body).sort(), ['accessToken', 'expiresAt', 'expiresIn', 'identityId', 'role', 'token']);
      const jwks = JSON.parse((await broker.handle({ method: 'GET', path: '/.well-known/jwks.json' })).body) as JsonWebKeySet;
      const principal = await verifyAccessToken(String(body.accessToken), jwks, {
        audience: API_AUDIENCE,
        issuer: 'https://broker.ine.test',
        requiredScope: 'clips:publish',
      });
      assert.deepEqual(principal, { sub: 'alicia', role: 'admin', scopes: ROLE_SCOPES.admin });
      const { client, secret } = await clients.create({ name: 'NMS', role: 'uploader', scopes: ['clips:read'], createdBy: 'test' });
      const res = await broker.handle({
        method: 'POST',
        path: '/oauth2/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&client_id=${client.clientId}&client_secret=${secret}`,
      });
      assert.equal(res.status, 200, res.body);
      const sys = await verifyAccessToken(JSON.parse(res.body).access_token, jwks, { audience: API_AUDIENCE });
      assert.deepEqual(sys, { sub: `client:${client.clientId}`, role: 'uploader', scopes: ['clips:read'], clientId: client.clientId });
    } finally {
      broker.close();
      s3.destroy();
    }
  });

  it('an admin logs in: token for the admin role that Cognito honours, and admin S3 access', async () => {
    const broker = createBroker(config());
    try {
      const res = await post(broker, { username: 'alicia', password: 'Alicia-pw-1' });
      assert.equal(res.status, 200, res.body);
      assert.equal(res.headers['cache-control'], 'no-store');
      const body = json(res);
      assert.deepEqual(Object.keys(body).sort(), ['expiresAt', 'identityId', 'role', 'token']);
      assert.equal(body.role, 'admin');
      assert.match(String(body.identityId), /^us-east-1:/);
      const ttl = Date.parse(String(body.expiresAt)) - Date.now();
      assert.ok(ttl > 800_000 && ttl <= 900_000, `expiresAt ~15 min ahead (${ttl} ms)`);

      const creds = await credentialsFor(String(body.identityId), String(body.token));
      assert.ok(creds.sessionToken);
      const s3 = s3With(creds);
      try {
        // Admins upload into their own folder and list the bucket; the catalog is written by the Web API only.
        const own = `uploads/${String(body.identityId)}/broker-test.json`;
        await s3.send(new PutObjectCommand({ Bucket: standIn.config.bucket, Key: own, Body: '{}' }));
        const list = await s3.send(new ListObjectsV2Command({ Bucket: standIn.config.bucket, Prefix: 'uploads/' }));
        assert.ok(list.Contents?.some((o) => o.Key === own));
        await assert.rejects(
          s3.send(new PutObjectCommand({ Bucket: standIn.config.bucket, Key: 'catalog/broker-test.json', Body: '{}' })),
          (e: Error) => e.name === 'AccessDenied',
        );
      } finally {
        s3.destroy();
      }
      // The same user gets the same identity next time (uploads/<identity id>/ stays theirs).
      const again = json(await post(broker, { username: 'ALICIA', password: 'Alicia-pw-1' }));
      assert.equal(again.identityId, body.identityId);
    } finally {
      broker.close();
    }
  });

  it('an uploader logs in: uploader credentials, refused admin writes, own uploads/ prefix allowed', async () => {
    const broker = createBroker(config());
    try {
      const body = json(await post(broker, { username: 'bruno', password: 'Bruno-pw-1' }));
      assert.equal(body.role, 'uploader');
      const s3 = s3With(await credentialsFor(String(body.identityId), String(body.token)));
      try {
        await s3.send(new PutObjectCommand({ Bucket: standIn.config.bucket, Key: `uploads/${body.identityId}/x.mp4`, Body: 'x' }));
        await assert.rejects(
          s3.send(new PutObjectCommand({ Bucket: standIn.config.bucket, Key: 'catalog/hijack.json', Body: '{}' })),
          (e: Error) => e.name === 'AccessDenied',
        );
      } finally {
        s3.destroy();
      }
    } finally {
      broker.close();
    }
  });

  it('reads groups from memberOf when the directory maintains it', async () => {
    const broker = createBroker(config({}, { groups: { kind: 'memberOf' } }));
    try {
      assert.equal(json(await post(broker, { username: 'alicia', password: 'Alicia-pw-1' })).role, 'admin');
      assert.equal(json(await post(broker, { username: 'bruno', password: 'Bruno-pw-1' })).role, 'uploader');
      assert.equal((await post(broker, { username: 'carla', password: 'Carla-pw-1' })).status, 403);
    } finally {
      broker.close();
    }
  });

  it('an empty password never reaches LDAP (an unauthenticated bind would "succeed")', async () => {
    const broker = createBroker(config());
    try {
      assert.equal((await post(broker, { username: 'alicia', password: '' })).status, 400);
      await assert.rejects(broker.login('alicia', ''), (e: Error & { code?: string }) => e.code === 'InvalidCredentials');
    } finally {
      broker.close();
    }
  });

  it('a user in both groups gets the higher role', async () => {
    const broker = createBroker(config());
    try {
      assert.equal(json(await post(broker, { username: 'elena', password: 'Elena-pw-1' })).role, 'admin');
    } finally {
      broker.close();
    }
  });

  it('wrong password and unknown user: 401, the same message, no token', async () => {
    const broker = createBroker(config());
    try {
      const wrong = await post(broker, { username: 'bruno', password: 'nope' });
      const unknown = await post(broker, { username: 'nadie', password: 'nope' });
      for (const r of [wrong, unknown]) {
        assert.equal(r.status, 401);
        assert.deepEqual(json(r), { error: 'InvalidCredentials', message: 'Wrong user name or password' });
        assert.ok(!r.body.includes('token'));
      }
    } finally {
      broker.close();
    }
  });

  it('a user in no mapped group: 403 NoRole, no token', async () => {
    const broker = createBroker(config());
    try {
      const r = await post(broker, { username: 'carla', password: 'Carla-pw-1' });
      assert.equal(r.status, 403);
      assert.equal(json(r).error, 'NoRole');
      assert.equal(json(r).token, undefined);
    } finally {
      broker.close();
    }
  });

  it('an account locked by the directory (ppolicy): 423 AccountLocked even with the right password', async () => {
    // Lock dario the way it happens in production: failed binds against the directory itself.
    for (let i = 0; i < PPOLICY_MAX_FAILURE; i++) {
      const c = new Client({ url: slapd.url });
      await assert.rejects(c.bind(`uid=dario,ou=people,${SUFFIX}`, `wrong-${i}`));
      await c.unbind();
    }
    const broker = createBroker(config());
    try {
      const r = await post(broker, { username: 'dario', password: 'Dario-pw-1' });
      assert.equal(r.status, 423, r.body);
      assert.equal(json(r).error, 'AccountLocked');
      assert.equal(json(r).token, undefined);
      // Without a service account the directory's answer is indistinguishable from a wrong password.
      const blind = createBroker(config({}, { serviceAccount: undefined }));
      try {
        assert.equal((await post(blind, { username: 'dario', password: 'Dario-pw-1' })).status, 401);
      } finally {
        blind.close();
      }
    } finally {
      broker.close();
    }
  });

  it('a lock attribute that does not stop the bind is honoured too', async () => {
    // "employeeType: locked" stands for directories that mark accounts (e.g. nsAccountLock) without refusing binds.
    const admin = new Client({ url: slapd.url });
    await admin.bind(`cn=admin,${SUFFIX}`, 'root-secret');
    await admin.modify(`uid=gabo,ou=people,${SUFFIX}`, [
      new (await import('ldapts')).Change({
        operation: 'add',
        modification: new (await import('ldapts')).Attribute({ type: 'employeeType', values: ['locked'] }),
      }),
    ]);
    await admin.unbind();
    const broker = createBroker(
      config({}, { lockAttributes: [{ attribute: 'pwdAccountLockedTime' }, { attribute: 'employeeType', value: 'LOCKED' }] }),
    );
    try {
      const r = await post(broker, { username: 'gabo', password: 'Gabo-pw-1' });
      assert.equal(r.status, 423);
    } finally {
      broker.close();
    }
  });

  it('LDAP down: 503 DirectoryUnavailable with Retry-After, no token', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const broker = createBroker(config({}, { url: `ldap://127.0.0.1:${closed}`, connectTimeoutMs: 3000 }));
    try {
      const r = await post(broker, { username: 'alicia', password: 'Alicia-pw-1' });
      assert.equal(r.status, 503);
      assert.equal(json(r).error, 'DirectoryUnavailable');
      assert.ok(Number(r.headers['retry-after']) > 0);
      assert.equal(json(r).token, undefined);
    } finally {
      broker.close();
    }
  });

  it('rate limits failed attempts per user and client: the 6th try in the window is refused without asking LDAP', async () => {
    // The broker's limits (5 per user and client, 8 per user) are below the directory's lockout
    // (ppolicy, 10), so the broker can neither be used to guess passwords fast nor to lock someone
    // out of every INE system. (No client address here: all such calls count as one client.)
    let clock = Date.parse('2026-06-06T10:00:00Z');
    const broker = createBroker(config({ now: () => clock, rateLimit: { maxFailures: 5, windowSeconds: 900 } }));
    try {
      for (let i = 0; i < 5; i++) assert.equal((await post(broker, { username: 'fer', password: `bad-${i}` })).status, 401);
      const blocked = await post(broker, { username: 'fer', password: 'Fer-pw-1' });
      assert.equal(blocked.status, 429);
      assert.equal(json(blocked).error, 'TooManyAttempts');
      assert.equal(blocked.headers['retry-after'], '900');
      // Other users are not affected.
      assert.equal((await post(broker, { username: 'bruno', password: 'Bruno-pw-1' })).status, 200);
      // After the window, the right password works and clears the count.
      clock += 901_000;
      assert.equal((await post(broker, { username: 'fer', password: 'Fer-pw-1' })).status, 200);
      assert.equal((await post(broker, { username: 'fer', password: 'bad-again' })).status, 401);
      assert.equal((await post(broker, { username: 'fer', password: 'Fer-pw-1' })).status, 200);
    } finally {
      broker.close();
    }
  });

  it('rate limits failures per client address too (password spraying across many names)', async () => {
    const broker = createBroker(config({ rateLimit: { maxFailures: 5, maxFailuresPerClient: 3, windowSeconds: 900 } }));
    const from = (clientIp: string, username: string, password: string) =>
      broker.handle({ method: 'POST', path: '/login', clientIp, body: JSON.stringify({ username, password }) });
    try {
      for (const name of ['alicia', 'bruno', 'elena']) assert.equal((await from('203.0.113.7', name, 'guess')).status, 401);
      const r = await from('203.0.113.7', 'alicia', 'Alicia-pw-1');
      assert.equal(r.status, 429, 'the address is blocked, whoever it tries');
      assert.equal((await from('198.51.100.2', 'alicia', 'Alicia-pw-1')).status, 200, 'other addresses are not');
    } finally {
      broker.close();
    }
  });

  it('an attacker elsewhere cannot lock a user out of their usual client: failures lock the (account, address) pair', async () => {
    const broker = createBroker(config({ rateLimit: { maxFailures: 5, maxFailuresPerAccount: 20, windowSeconds: 900 } }));
    const from = (clientIp: string, password: string) =>
      broker.handle({ method: 'POST', path: '/login', clientIp, body: JSON.stringify({ username: 'bruno', password }) });
    try {
      for (let i = 0; i < 5; i++) assert.equal((await from('203.0.113.66', `guess-${i}`)).status, 401);
      const blocked = await from('203.0.113.66', 'Bruno-pw-1');
      assert.equal(blocked.status, 429, "the attacker's address is blocked for this account");
      assert.equal(blocked.headers['retry-after'], '900');
      assert.equal((await from('198.51.100.10', 'Bruno-pw-1')).status, 200, 'bruno, from his own address, is not');
    } finally {
      broker.close();
    }
  });

  it('a distributed guess past the account ceiling blocks new addresses and only slows the usual client', async () => {
    let clock = Date.parse('2026-06-06T10:00:00Z');
    const broker = createBroker(
      config({ now: () => clock, rateLimit: { maxFailures: 5, maxFailuresPerAccount: 8, slowdownSeconds: 30, windowSeconds: 900 } }),
    );
    const from = (clientIp: string, password: string) =>
      broker.handle({ method: 'POST', path: '/login', clientIp, body: JSON.stringify({ username: 'gabo', password }) });
    try {
      const usual = '198.51.100.20';
      assert.equal((await from(usual, 'Gabo-pw-1')).status, 200, 'gabo usually logs in from here');
      // 8 failures from 4 addresses: under the per-pair limit each, over the account's ceiling together.
      for (let i = 0; i < 8; i++) assert.equal((await from(`203.0.113.${10 + (i % 4)}`, `guess-${i}`)).status, 401);
      const stranger = await from('203.0.113.99', 'Gabo-pw-1');
      assert.equal(stranger.status, 429, 'an address gabo never used waits for the window');
      assert.equal(stranger.headers['retry-after'], '900');
      assert.equal((await from(usual, 'Gabo-pw-1')).status, 200, 'the usual client still gets in');
      const tooFast = await from(usual, 'Gabo-pw-1');
      assert.equal(tooFast.status, 429, 'but one attempt per slowdown period');
      assert.equal(tooFast.headers['retry-after'], '30');
      clock += 30_000;
      assert.equal((await from(usual, 'Gabo-pw-1')).status, 200);
    } finally {
      broker.close();
    }
  });

  it('instances sharing one counter store share the limits (a second Lambda instance is no fresh budget)', async () => {
    const store = new MemoryCounterStore();
    const a = createBroker(config({ rateLimit: { maxFailures: 3, store } }));
    const b = createBroker(config({ rateLimit: { maxFailures: 3, store } }));
    const from = (broker: Broker, password: string) =>
      broker.handle({ method: 'POST', path: '/login', clientIp: '203.0.113.5', body: JSON.stringify({ username: 'alicia', password }) });
    try {
      assert.equal((await from(a, 'x1')).status, 401);
      assert.equal((await from(b, 'x2')).status, 401);
      assert.equal((await from(a, 'x3')).status, 401);
      assert.equal((await from(b, 'Alicia-pw-1')).status, 429);
    } finally {
      a.close();
      b.close();
    }
  });

  it('refuses clear-text LDAP and unchecked certificates when configured, unless the insecure flag is set', () => {
    const insecure = /insecure LDAP transport refused/;
    withoutInsecureFlag(() => {
      assert.throws(
        () => createBroker(config()),
        (e: Error) => insecure.test(e.message) && e.message.includes('startTls') && e.message.includes(INSECURE_LDAP_ENV),
      );
      assert.throws(
        () => createBroker(config({}, { url: 'ldaps://ldap.ine.test:636', tlsOptions: { rejectUnauthorized: false } })),
        (e: Error) => insecure.test(e.message) && e.message.includes('rejectUnauthorized'),
      );
      assert.throws(() => createBroker(config({}, { url: 'http://ldap.ine.test' })), /ldap\.url must start with ldaps:\/\/ or ldap:\/\//);
      // Encrypted and checked: accepted without any flag.
      createBroker(config({}, { url: 'ldaps://ldap.ine.test:636' })).close();
      createBroker(config({}, { url: 'ldap://ldap.ine.test:389', startTls: true })).close();
      // The flag needs its exact value, not just "true".
      process.env[INSECURE_LDAP_ENV] = 'true';
      assert.throws(() => createBroker(config()), insecure);
    });
    const warnings: Array<Record<string, unknown>> = [];
    createBroker(config({ log: (e) => warnings.push(e) })).close();
    assert.match(String(warnings[0]?.msg), /INSECURE LDAP TRANSPORT/, 'allowed with the flag, and said loudly');
  });

  it("ldap:// with StartTLS is allowed without the flag, and checks the directory's certificate", async () => {
    const broker = withoutInsecureFlag(() => createBroker(config({}, { startTls: true, tlsOptions: { ca: slapd.ca } })));
    try {
      const first = await post(broker, { username: 'alicia', password: 'Alicia-pw-1' });
      assert.equal(first.status, 200, first.body);
      assert.equal(json(first).role, 'admin');
      const second = await post(broker, { username: 'bruno', password: 'Bruno-pw-1' });
      assert.equal(json(second).role, 'uploader', `every connection upgrades (options reused intact): ${second.body}`);
    } finally {
      broker.close();
    }
    // Without the directory's CA the certificate does not verify: no password is sent.
    const untrusting = withoutInsecureFlag(() => createBroker(config({}, { startTls: true })));
    try {
      const r = await post(untrusting, { username: 'alicia', password: 'Alicia-pw-1' });
      assert.equal(r.status, 503, r.body);
      assert.match(String(json(r).message), /certificate/i);
    } finally {
      untrusting.close();
    }
  });

  it('rejects malformed requests and odd user names before they reach LDAP', async () => {
    const broker = createBroker(config());
    try {
      assert.equal((await post(broker, 'not json')).status, 400);
      assert.equal((await post(broker, { username: 'alicia' })).status, 400);
      assert.equal((await post(broker, { username: 'x'.repeat(5000), password: 'y'.repeat(5000) })).status, 400);
      for (const username of ['*', 'alicia,ou=groups', 'a)(uid=*', ' ', 'uid=alicia']) {
        assert.equal((await post(broker, { username, password: 'Alicia-pw-1' })).status, 401, username);
      }
      assert.equal((await broker.handle({ method: 'GET', path: '/login' })).status, 405);
      assert.equal((await broker.handle({ method: 'POST', path: '/other', body: '{}' })).status, 404);
    } finally {
      broker.close();
    }
  });

  it('Cognito refusing (wrong developer provider): 503 TokenServiceUnavailable, no token', async () => {
    const base = config();
    const broker = createBroker({ ...base, cognito: { ...base.cognito, developerProviderName: 'not.the.provider' } });
    try {
      const r = await post(broker, { username: 'alicia', password: 'Alicia-pw-1' });
      assert.equal(r.status, 503);
      assert.equal(json(r).error, 'TokenServiceUnavailable');
    } finally {
      broker.close();
    }
  });

  it('works as a Lambda (Function URL event, base64 body) and inside a Node server, with CORS for allowed origins', async () => {
    const broker = createBroker(config({ allowedOrigins: ['https://monitoreo.ine.mx'] }));
    let server: Server | undefined;
    try {
      const handler = lambdaHandler(broker);
      const out = await handler({
        rawPath: '/login',
        requestContext: { http: { method: 'POST' } },
        headers: { origin: 'https://monitoreo.ine.mx' },
        body: Buffer.from(JSON.stringify({ username: 'bruno', password: 'Bruno-pw-1' })).toString('base64'),
        isBase64Encoded: true,
      });
      assert.equal(out.statusCode, 200);
      assert.equal(JSON.parse(out.body).role, 'uploader');
      assert.equal(out.headers['access-control-allow-origin'], 'https://monitoreo.ine.mx');

      server = createServer(nodeListener(broker));
      await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/video/login`;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
        body: JSON.stringify({ username: 'alicia', password: 'Alicia-pw-1' }),
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), null, 'no CORS for unknown origins');
      const body = (await res.json()) as { token: string; identityId: string; role: string };
      assert.equal(body.role, 'admin');
      const pre = await fetch(url, { method: 'OPTIONS', headers: { origin: 'https://monitoreo.ine.mx' } });
      assert.equal(pre.status, 204);
      assert.equal(pre.headers.get('access-control-allow-methods'), 'POST, OPTIONS');
    } finally {
      if (server) await new Promise((r) => server!.close(r));
      broker.close();
    }
  });

  it('without slapd installed, these tests fail with a clear message instead of skipping', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', "import('./test/node/infra/slapd.ts').then((m) => m.requireSlapd())"], {
      env: { ...process.env, INE_SLAPD: '/nonexistent/slapd' },
      encoding: 'utf8',
    });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /need OpenLDAP's server: \/nonexistent\/slapd not found\. Install it with `apt-get install -y slapd ldap-utils`/);
  });

  it('maps group DNs to roles case- and space-insensitively', () => {
    const groups = { admin: ['CN=Video-Admins, OU=Groups,DC=ine,DC=test'], uploader: [UPLOADERS_DN] };
    assert.equal(roleForGroups([ADMINS_DN], groups), 'admin');
    assert.equal(roleForGroups([UPLOADERS_DN, OTHERS_DN], groups), 'uploader');
    assert.equal(roleForGroups([OTHERS_DN], groups), undefined);
  });
});
