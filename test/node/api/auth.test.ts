/** Access tokens and OAuth clients: the broker's login and JWKS, the client credentials grant, rotation, and every refusal. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SignJWT, UnsecuredJWT, decodeProtectedHeader, generateKeyPair, importJWK, type JWK } from 'jose';
import { apiTestBed, type ApiTestBed } from './helpers.ts';
import { loginWithPassword } from '../../../src/auth/login-token.ts';

type ClientAnswer = { client: { clientId: string; scopes: string[] }; clientSecret: string };

describe('Web API: auth', () => {
  let bed: ApiTestBed;
  let admin: string;
  const keyFile = () =>
    JSON.parse(readFileSync(join(bed.standIn.dataDir, 'stand-in', 'api-signing-keys.json'), 'utf8')) as {
      keys: Array<{ kid: string; privateJwk: JWK }>;
    };
  const sign = async (claims: Record<string, unknown>, o: { exp?: number; iat?: number; aud?: string; kid?: string; key?: CryptoKey } = {}) => {
    const k = keyFile().keys[0]!;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ role: 'admin', scope: 'clips:read', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: o.kid ?? k.kid })
      .setSubject('admin')
      .setIssuer(bed.standIn.config.authUrl)
      .setAudience(o.aud ?? 'ine-video-api')
      .setIssuedAt(o.iat ?? (o.exp ? o.exp - 600 : now))
      .setExpirationTime(o.exp ?? now + 600)
      .setJti('t')
      .sign(o.key ?? ((await importJWK(k.privateJwk, 'ES256')) as CryptoKey));
  };
  const token = async (body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${bed.standIn.config.authUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, string> };
  };
  const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` });

  before(async () => {
    bed = await apiTestBed();
    admin = await bed.login('admin');
  });
  after(() => bed.cleanup());

  it('login keeps every field and adds a short-lived access token verifiable with the JWKS', async () => {
    const login = (await loginWithPassword(bed.standIn.config.authUrl, 'uploader', bed.standIn.demoPassword)) as unknown as Record<string, unknown>;
    for (const k of ['identityId', 'token', 'role', 'expiresAt']) assert.ok(login[k], k);
    assert.ok(typeof login.expiresIn === 'number' && login.expiresIn <= 900);
    // Verifiers (API Gateway's JWT authorizer) find the JWKS through the issuer's discovery document.
    const { iss } = JSON.parse(Buffer.from((login.accessToken as string).split('.')[1]!, 'base64url').toString()) as { iss: string };
    const discovery = (await (await fetch(`${iss}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
    assert.equal(discovery.issuer, iss);
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: JWK[] };
    assert.equal(jwks.keys[0]!.kid, decodeProtectedHeader(login.accessToken as string).kid);
    assert.equal(jwks.keys[0]!.d, undefined, 'no private part');
    assert.equal((await bed.call('GET', '/v1/clips', { token: login.accessToken as string })).status, 200);
  });

  it('refuses missing, expired, tampered, wrong-audience, alg-none, HS256 and unknown-key tokens with distinct codes', async () => {
    const codeFor = async (t: string | undefined) => (await bed.call('GET', '/v1/clips', t === undefined ? {} : { token: t })).body.code;
    assert.equal(await codeFor(undefined), 'TokenMissing');
    assert.equal(await codeFor(await sign({}, { exp: Math.floor(Date.now() / 1000) - 120 })), 'TokenExpired');
    const [h, p, s] = admin.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, role: 'admin', sub: 'mallory' })).toString('base64url')}.${s}`;
    assert.equal(await codeFor(tampered), 'TokenInvalid');
    assert.equal(await codeFor('not.a.jwt'), 'TokenInvalid');
    assert.equal(await codeFor(await sign({}, { aud: 'someone-else' })), 'TokenWrongAudience');
    const none = new UnsecuredJWT({ role: 'admin', scope: 'clips:read' })
      .setSubject('admin')
      .setAudience('ine-video-api')
      .setExpirationTime('5m')
      .encode();
    assert.equal(await codeFor(none), 'TokenAlgorithmRefused');
    const hs = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256', kid: keyFile().keys[0]!.kid }).sign(new Uint8Array(32));
    assert.equal(await codeFor(hs), 'TokenAlgorithmRefused');
    const stranger = (await generateKeyPair('ES256')).privateKey;
    assert.equal(await codeFor(await sign({}, { kid: 'stranger', key: stranger })), 'TokenUnknownKey');
    assert.equal(await codeFor(await sign({}, { key: stranger })), 'TokenInvalid', 'right kid, wrong key: the signature fails');
    const tooLong = await sign({}, { iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 });
    assert.equal(await codeFor(tooLong), 'TokenInvalid', 'a token living longer than 15 minutes');
  });

  it('rotates the signing key: tokens of the previous key keep working, new ones use the new kid', async () => {
    const old = await bed.login('viewer');
    await bed.standIn.rotateSigningKey();
    const jwks = (await (await fetch(`${bed.standIn.config.authUrl}/.well-known/jwks.json`)).json()) as { keys: JWK[] };
    assert.equal(jwks.keys.length, 2);
    const fresh = await bed.login('viewer');
    assert.notEqual(decodeProtectedHeader(fresh).kid, decodeProtectedHeader(old).kid);
    assert.equal((await bed.call('GET', '/v1/clips', { token: old })).status, 200);
    assert.equal((await bed.call('GET', '/v1/clips', { token: fresh })).status, 200);
    admin = await bed.login('admin');
  });

  it('issues client credentials tokens (Basic or body), scoped per client; refuses bad grants and secrets', async () => {
    const created = await bed.call<ClientAnswer>('POST', '/v1/clients', {
      token: admin,
      body: { name: 'Monitoreo', role: 'admin', scopes: ['clips:read'] },
    });
    assert.equal(created.status, 201);
    const { clientId } = created.body.client;
    const secret = created.body.clientSecret;
    const viaBasic = await token('grant_type=client_credentials', basic(clientId, secret));
    assert.equal(viaBasic.status, 200);
    assert.equal(viaBasic.body.token_type, 'Bearer');
    assert.ok(Number(viaBasic.body.expires_in) <= 900);
    assert.equal(viaBasic.headers.get('cache-control'), 'no-store');
    const viaBody = await token(`grant_type=client_credentials&client_id=${clientId}&client_secret=${encodeURIComponent(secret)}&scope=clips:read`);
    assert.equal(viaBody.status, 200);
    const sys = viaBasic.body.access_token!;
    assert.equal((await bed.call('GET', '/v1/clips', { token: sys })).status, 200);
    const clip = await bed.seedClip();
    assert.equal((await bed.call('POST', `/v1/clips/${clip.id}/publish`, { token: sys })).body.code, 'InsufficientScope');

    assert.equal((await token('grant_type=client_credentials', basic(clientId, 'wrong'))).body.error, 'invalid_client');
    assert.equal((await token('grant_type=client_credentials', basic(clientId, 'wrong'))).status, 401);
    assert.equal((await token('grant_type=password', basic(clientId, secret))).body.error, 'unsupported_grant_type');
    assert.equal((await token('grant_type=client_credentials&scope=clips:delete', basic(clientId, secret))).body.error, 'invalid_scope');
    assert.equal((await token('', basic(clientId, secret))).body.error, 'invalid_request');

    const beyond = await bed.call('POST', '/v1/clients', { token: admin, body: { name: 'x', role: 'viewer', scopes: ['clips:delete'] } });
    assert.equal(beyond.body.code, 'InvalidRequest');
    const list = await bed.call<{ items: Array<Record<string, unknown>> }>('GET', '/v1/clients', { token: admin });
    assert.ok(list.body.items.some((c) => c.clientId === clientId));
    assert.ok(!JSON.stringify(list.body).includes('scrypt'), 'hashes never leave the store');
  });

  it('rotates a client secret with two valid secrets, ends the previous one on request, and deletes clients', async () => {
    const created = await bed.call<ClientAnswer>('POST', '/v1/clients', {
      token: admin,
      body: { name: 'Rotación', role: 'uploader', scopes: ['clips:read'] },
    });
    const { clientId } = created.body.client;
    const first = created.body.clientSecret;
    const rotated = await bed.call<ClientAnswer & { client: { previousSecretExpiresAt?: string } }>('POST', `/v1/clients/${clientId}/rotate-secret`, {
      token: admin,
    });
    assert.equal(rotated.status, 200);
    assert.ok(rotated.body.client.previousSecretExpiresAt);
    const second = rotated.body.clientSecret;
    assert.equal((await token('grant_type=client_credentials', basic(clientId, first))).status, 200, 'previous secret during rotation');
    assert.equal((await token('grant_type=client_credentials', basic(clientId, second))).status, 200);
    const third = (
      await bed.call<ClientAnswer>('POST', `/v1/clients/${clientId}/rotate-secret`, { token: admin, body: { previousSecretValidSeconds: 0 } })
    ).body.clientSecret;
    assert.equal((await token('grant_type=client_credentials', basic(clientId, first))).status, 401, 'two rotations ago');
    assert.equal((await token('grant_type=client_credentials', basic(clientId, second))).status, 401, 'ended now');
    assert.equal((await token('grant_type=client_credentials', basic(clientId, third))).status, 200);
    assert.equal((await bed.call('DELETE', `/v1/clients/${clientId}`, { token: admin })).status, 204);
    assert.equal((await token('grant_type=client_credentials', basic(clientId, third))).status, 401);
    const audit = await bed.call<{ items: Array<{ action: string; targetClientId?: string }> }>('GET', '/v1/audit?limit=100', { token: admin });
    assert.deepEqual(
      audit.body.items.filter((e) => e.targetClientId === clientId).map((e) => e.action),
      ['client.create', 'client.rotate-secret', 'client.rotate-secret', 'client.delete'],
    );
  });
});
