// The auth broker (INE's backend stand-in): login, refusals, rate limit, CORS; and config.json.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testStandIn, type TestStandIn } from './helpers.ts';

let si: TestStandIn;
before(async () => {
  si = await testStandIn({ demoPassword: 'correct horse' });
});
after(async () => si?.cleanup());

const login = (username: string, password: string) =>
  fetch(`${si.config.authUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:5173' },
    body: JSON.stringify({ username, password }),
  });

test('config.json has the documented shape, real ports and CORS', async () => {
  const res = await fetch(si.urls.config, { headers: { origin: 'http://example.test' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  const body = (await res.json()) as Record<string, string>;
  assert.deepEqual(Object.keys(body).sort(), [
    'apiUrl',
    'authUrl',
    'bucket',
    'cdnBaseUrl',
    'cognitoEndpoint',
    'identityPoolId',
    'region',
    's3Endpoint',
  ]);
  assert.deepEqual(body, si.config);
  assert.match(body.identityPoolId!, /^us-east-1:[0-9a-f-]{36}$/);
  assert.equal(body.s3Endpoint, body.cognitoEndpoint);
  assert.match(body.s3Endpoint!, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.notEqual(new URL(body.cdnBaseUrl!).port, new URL(body.s3Endpoint!).port);
  assert.equal(body.bucket, 'ine-media');
});

test('each demo user logs in and gets its role, an identity and a token', async () => {
  const seen = new Set<string>();
  for (const user of ['admin', 'uploader', 'viewer']) {
    const res = await login(user, 'correct horse');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const body = (await res.json()) as { identityId: string; token: string; role: string; expiresAt: string };
    assert.equal(body.role, user);
    assert.match(body.identityId, /^us-east-1:[0-9a-f-]{36}$/);
    assert.equal(body.token.split('.').length, 3);
    assert.ok(Date.parse(body.expiresAt) > Date.now());
    seen.add(body.identityId);
    // Same user, same identity.
    const again = (await (await login(user, 'correct horse')).json()) as { identityId: string };
    assert.equal(again.identityId, body.identityId);
  }
  assert.equal(seen.size, 3);
});

test('a wrong password or unknown user gets 401 and no token', async () => {
  for (const [u, p] of [
    ['admin', 'wrong'],
    ['nobody', 'correct horse'],
    ['admin', ''],
  ]) {
    const res = await login(u!, p!);
    assert.equal(res.status, 401);
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(typeof body.error, 'string');
    assert.equal(body.token, undefined);
  }
});

test('repeated failures for a user are rate limited (429), others unaffected', async () => {
  let last = 0;
  for (let i = 0; i < 6; i++) last = (await login('uploader', `bad-${i}`)).status;
  assert.equal(last, 429);
  assert.equal((await login('uploader', 'correct horse')).status, 429, 'even the right password waits');
  assert.equal((await login('viewer', 'correct horse')).status, 200);
});

test('preflight and malformed bodies', async () => {
  const pre = await fetch(`${si.config.authUrl}/login`, {
    method: 'OPTIONS',
    headers: { origin: 'http://x.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), '*');
  assert.match(pre.headers.get('access-control-allow-headers') ?? '', /content-type/);
  const bad = await fetch(`${si.config.authUrl}/login`, { method: 'POST', body: 'not json' });
  assert.equal(bad.status, 400);
});
