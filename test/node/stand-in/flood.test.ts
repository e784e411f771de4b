// No single caller can stall everyone: attack scripts against a running stand-in with small limits.
// The attacker connects from 127.0.0.3 (another loopback address), the bystander from 127.0.0.1.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { CognitoIdentityClient, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PoolState } from '../../../server/cognito/state.ts';
import { codeOf, s3Client, serviceClient, testStandIn, waitFor, type TestStandIn } from './helpers.ts';

const ATTACKER = '127.0.0.3';
const LIMITS = {
  getIdPerSecond: 5,
  credentialsPerSecond: 5,
  headersTimeoutMs: 300,
  idleTimeoutMs: 1000,
  connectionsPerClient: 6,
  brokerTrackedNames: 50,
};
/** How long a closing under test may take (the limits above are a fraction of it). */
const DEADLINE_MS = 5000;

let si: TestStandIn;
before(async () => {
  si = await testStandIn({ limits: LIMITS, demoPassword: 'right' });
  await serviceClient(si).send(
    new PutObjectCommand({ Bucket: si.config.bucket, Key: 'catalog/page-1.json', Body: '{"clips":[]}', ContentType: 'application/json' }),
  );
});
after(async () => si?.cleanup());

const port = (url: string) => Number(new URL(url).port);

/** A raw TCP connection: what it received so far, and promises for a text and for the close. */
function rawConnection(url: string, localAddress = ATTACKER) {
  const socket: Socket = connect({ host: '127.0.0.1', port: port(url), localAddress });
  let received = '';
  const waiters: Array<() => void> = [];
  socket.setEncoding('utf8');
  socket.on('data', (d: string) => {
    received += d;
    for (const w of waiters.splice(0)) w();
  });
  socket.on('error', () => {}); // a reset is one of the outcomes under test
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const ended = new Promise<void>((resolve) => {
    socket.once('end', () => resolve());
    socket.once('close', () => resolve());
  });
  return {
    socket,
    get received() {
      return received;
    },
    closed,
    ended,
    async waitForText(text: string): Promise<void> {
      while (!received.includes(text)) {
        if (socket.destroyed) throw new Error(`closed before "${text}": ${received}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          socket.once('close', resolve);
        });
      }
    },
  };
}

/** Resolves when `p` settles, rejects after DEADLINE_MS: the old code never closes these connections. */
function within<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${DEADLINE_MS} ms`)), DEADLINE_MS);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

function cognitoCall(
  target: string,
  body: object,
  agent: Agent,
): Promise<{ status: number; type?: string; errorType?: string; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      si.config.cognitoEndpoint,
      { method: 'POST', agent, headers: { 'x-amz-target': `AWSCognitoIdentityService.${target}`, 'content-type': 'application/x-amz-json-1.1' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          const json = JSON.parse(text) as Record<string, unknown>;
          resolve({
            status: res.statusCode!,
            type: json.__type as string | undefined,
            errorType: res.headers['x-amzn-errortype'] as string | undefined,
            json,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

test('a GetId flood from one client is throttled (TooManyRequestsException) while another client and the CDN are served', async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 2, localAddress: ATTACKER });
  try {
    const flood = await Promise.all(Array.from({ length: 40 }, () => cognitoCall('GetId', { IdentityPoolId: si.config.identityPoolId }, agent)));
    const ok = flood.filter((r) => r.status === 200);
    const throttled = flood.filter((r) => r.type === 'TooManyRequestsException');
    assert.ok(ok.length >= 1 && ok.length < 30, `${ok.length} of 40 GetId calls answered at 5 per second`);
    assert.equal(ok.length + throttled.length, 40);
    for (const r of throttled) {
      assert.equal(r.status, 400);
      assert.equal(r.errorType, 'TooManyRequestsException:');
      assert.equal(typeof r.json.message, 'string');
    }
    // GetCredentialsForIdentity is limited the same way.
    const id = ok[0]!.json.IdentityId as string;
    const creds = await Promise.all(Array.from({ length: 20 }, () => cognitoCall('GetCredentialsForIdentity', { IdentityId: id }, agent)));
    assert.ok(
      creds.some((r) => r.type === 'TooManyRequestsException'),
      'GetCredentialsForIdentity throttled too',
    );

    // Meanwhile another client gets its identity (through the SDK, one attempt) and the CDN answers.
    const bystander = new CognitoIdentityClient({
      region: si.config.region,
      endpoint: si.config.cognitoEndpoint,
      maxAttempts: 1,
      credentials: { accessKeyId: 'AKIANOTUSED000000000', secretAccessKey: 'x' },
    });
    assert.match((await bystander.send(new GetIdCommand({ IdentityPoolId: si.config.identityPoolId }))).IdentityId!, /^us-east-1:/);
    bystander.destroy();
    assert.equal((await fetch(`${si.config.cdnBaseUrl}/catalog/page-1.json`)).status, 200);
    // The SDK reads the refusal as AWS's: a burst past the bystander's own bucket gets TooManyRequestsException.
    const sdk = new CognitoIdentityClient({
      region: si.config.region,
      endpoint: si.config.cognitoEndpoint,
      maxAttempts: 1,
      credentials: { accessKeyId: 'AKIANOTUSED000000000', secretAccessKey: 'x' },
    });
    const burst: string[] = [];
    for (let i = 0; i < 15; i++) burst.push(await codeOf(sdk.send(new GetIdCommand({ IdentityPoolId: si.config.identityPoolId }))));
    sdk.destroy();
    assert.ok(burst.includes('OK') && burst.includes('TooManyRequestsException'), burst.join());
  } finally {
    agent.destroy();
  }
});

test('every identity GetId answered is on disk at once, as one journal line (the snapshot is not rewritten)', async () => {
  const dir = join(si.dataDir, 'stand-in');
  const snapshot = readFileSync(join(dir, 'identity-pool.json'), 'utf8');
  const agent = new Agent({ keepAlive: true, localAddress: '127.0.0.4' });
  const ids: string[] = [];
  try {
    for (let i = 0; i < 3; i++) ids.push((await cognitoCall('GetId', { IdentityPoolId: si.config.identityPoolId }, agent)).json.IdentityId as string);
  } finally {
    agent.destroy();
  }
  assert.equal(readFileSync(join(dir, 'identity-pool.json'), 'utf8'), snapshot, 'snapshot untouched');
  const journal = readFileSync(join(dir, 'identity-pool.json.journal'), 'utf8');
  for (const id of ids) assert.ok(journal.includes(id), `${id} journaled`);
  // A kill now (nothing flushed at close), then a start on the same folder: every answered identity is
  // there, and a torn last line (a write the kill interrupted, never answered) is ignored.
  const copy = join(si.dataDir, 'crash-copy');
  const { cpSync, appendFileSync } = await import('node:fs');
  cpSync(dir, copy, { recursive: true });
  appendFileSync(join(copy, 'identity-pool.json.journal'), '{"id":"us-east-1:torn');
  const reloaded = new PoolState(copy, si.config.region);
  assert.equal(reloaded.poolId, si.config.identityPoolId);
  for (const id of ids) assert.equal(reloaded.identity(id)?.kind, 'unauthenticated', id);
  assert.equal(reloaded.identity('__proto__'), undefined);
  // The start folded the journal into the snapshot.
  assert.equal(readFileSync(join(copy, 'identity-pool.json.journal'), 'utf8'), '');
  for (const id of ids) assert.equal(new PoolState(copy, si.config.region).identity(id)?.kind, 'unauthenticated');
});

test("the broker's failed-login memory stays bounded; a flood of names does not reset a real account's count", async () => {
  const login = (username: string, password = 'wrong') =>
    fetch(`${si.config.authUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  const before = si.stats().brokerTrackedNames;
  for (let i = 0; i < 100; i++) {
    const res = await login(`${i}-${'x'.repeat(10_000)}`);
    assert.equal(res.status, 400);
    await res.body?.cancel();
  }
  assert.equal(si.stats().brokerTrackedNames, before, 'names no user can have are not remembered');
  for (let i = 0; i < 4; i++) assert.equal((await login('admin')).status, 401);
  for (let i = 0; i < 120; i++) assert.equal((await login(`nobody-${i}`)).status, 401);
  assert.ok(si.stats().brokerTrackedNames <= LIMITS.brokerTrackedNames + 3, `${si.stats().brokerTrackedNames} names remembered`);
  assert.equal((await login('admin')).status, 401, 'fifth failure');
  assert.equal((await login('admin', 'right')).status, 429, "admin's failures survived the flood");
});

test('headers trickled slower than the header timeout: the connection is closed (408), on both ports', async () => {
  for (const url of [si.urls.s3, si.urls.cdn]) {
    const c = rawConnection(url);
    c.socket.write('GET /catalog/page-1.json HTTP/1.1\r\nHost: x\r\n');
    // Progressing, but never finishing the headers.
    const trickle = setInterval(() => c.socket.writable && c.socket.write(`X-Slow-${Date.now()}: 1\r\n`), 50);
    try {
      await within(c.closed, 'slow-loris closed');
    } finally {
      clearInterval(trickle);
    }
    assert.match(c.received, /^HTTP\/1\.1 408/);
  }
});

test('an upload refused before its body arrived is answered and its connection closed, not drained forever', async () => {
  const c = rawConnection(si.urls.s3);
  c.socket.write(`PUT /${si.config.bucket}/uploads/someone/big.mp4 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000000\r\n\r\n`);
  c.socket.write(Buffer.alloc(1024));
  const trickle = setInterval(() => c.socket.writable && c.socket.write('x'), 50);
  try {
    await c.waitForText('</Error>');
    assert.match(c.received, /^HTTP\/1\.1 403/);
    assert.match(c.received, /\r\nConnection: close\r\n/i);
    assert.match(c.received, /<Code>AccessDenied<\/Code>/);
    await within(c.closed, 'refused upload closed');
  } finally {
    clearInterval(trickle);
  }
});

test('a stalled upload is closed after the idle timeout; a slow one that keeps sending completes', async () => {
  // Quiet: the SDK warns on console when a streaming request fails, which is the point here.
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const s3 = s3Client(si, si.staticCredentials, { logger: quiet });
  try {
    // Stalled: a first chunk, then nothing.
    const stalled = new Readable({ read() {} });
    stalled.push(Buffer.alloc(1024));
    const outcome = await within(
      codeOf(s3.send(new PutObjectCommand({ Bucket: si.config.bucket, Key: 'uploads/stalled.bin', Body: stalled, ContentLength: 1 << 20 }))),
      'stalled upload cut',
    );
    assert.notEqual(outcome, 'OK');
    stalled.destroy();

    // Slow but progressing: a chunk every 125 ms, 2.5 s in all (more than twice the idle timeout; the gap
    // between chunks is an eighth of it, so a loaded machine's late timers do not read as a stall).
    let sent = 0;
    const chunks = 20;
    const slow = new Readable({
      read() {
        setTimeout(() => this.push(sent++ < chunks ? Buffer.alloc(4096, sent) : null), 125);
      },
    });
    assert.equal(
      await codeOf(s3.send(new PutObjectCommand({ Bucket: si.config.bucket, Key: 'uploads/slow.bin', Body: slow, ContentLength: chunks * 4096 }))),
      'OK',
    );
    assert.equal((await si.s3.store.head(si.config.bucket, 'uploads/slow.bin'))?.size, chunks * 4096);
  } finally {
    s3.destroy();
  }
});

test('connections beyond the per-client limit are refused (S3 SlowDown, Cognito TooManyRequestsException) while another client is served', async () => {
  const held: ReturnType<typeof rawConnection>[] = [];
  try {
    for (let i = 0; i < LIMITS.connectionsPerClient; i++) {
      const c = rawConnection(si.urls.s3);
      c.socket.write('GET /_local/config.json HTTP/1.1\r\nHost: x\r\n\r\n');
      await c.waitForText('"authUrl"');
      held.push(c);
    }
    const extra = rawConnection(si.urls.s3);
    extra.socket.write(`GET /${si.config.bucket}/catalog/page-1.json HTTP/1.1\r\nHost: x\r\n\r\n`);
    await within(extra.closed, 'extra connection closed');
    assert.match(extra.received, /^HTTP\/1\.1 503/);
    assert.match(extra.received, /<Code>SlowDown<\/Code>/);
    const body = JSON.stringify({ IdentityPoolId: si.config.identityPoolId });
    const cognito = rawConnection(si.urls.s3);
    cognito.socket.write(
      `POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSCognitoIdentityService.GetId\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    await within(cognito.closed, 'extra Cognito connection closed');
    assert.match(cognito.received, /^HTTP\/1\.1 400/);
    assert.match(cognito.received, /"__type":"TooManyRequestsException"/);
    // Waiting connections count too: past twice the limit, new ones are dropped without an answer.
    const before = si.stats().connections.main;
    for (let i = 0; i < LIMITS.connectionsPerClient; i++) held.push(rawConnection(si.urls.s3));
    await waitFor(() => si.stats().connections.main >= before + LIMITS.connectionsPerClient, DEADLINE_MS);
    const dropped = rawConnection(si.urls.s3);
    await within(dropped.closed, 'connection past twice the limit dropped');
    assert.equal(dropped.received, '');
    // Another client, and the CDN port (counted apart), are served meanwhile.
    assert.equal((await fetch(si.urls.config)).status, 200);
    const cdn = rawConnection(si.urls.cdn);
    cdn.socket.write('GET /catalog/page-1.json HTTP/1.1\r\nHost: x\r\n\r\n');
    await cdn.waitForText('"clips"');
    cdn.socket.destroy();
    // Once its connections close, the attacker is served again.
    for (const c of held.splice(0)) c.socket.destroy();
    await waitFor(async () => {
      const again = rawConnection(si.urls.s3);
      again.socket.write('GET /_local/config.json HTTP/1.1\r\nHost: x\r\n\r\n');
      await again.waitForText('HTTP/1.1').catch(() => {});
      again.socket.destroy();
      return again.received.startsWith('HTTP/1.1 200');
    }, DEADLINE_MS);
  } finally {
    for (const c of held) c.socket.destroy();
  }
});
