// loginWithPassword against a real HTTP server answering as an auth broker does (docs/stand-in.md; the
// reference LDAP broker's status codes in infra/broker): each refusal becomes a distinct IneError code.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loginWithPassword } from '../../src/auth/login-token.ts';
import { IneError } from '../../src/internal/errors.ts';

let server: Server;
let base = '';
const statusFor: Record<string, number> = { wrong: 401, locked: 423, busy: 429, down: 503 };

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const { username } = JSON.parse(body) as { username: string };
      const status = req.url === '/auth/login' ? (statusFor[username] ?? 200) : 404;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          status === 200
            ? { identityId: 'us-east-1:abc', token: 't', role: 'admin', expiresAt: new Date(Date.now() + 60_000).toISOString() }
            : { error: 'no' },
        ),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

async function codeOf(username: string): Promise<string> {
  try {
    await loginWithPassword(base, username, 'x');
    return 'OK';
  } catch (e) {
    assert.ok(e instanceof IneError);
    return e.code;
  }
}

test('a good login returns the token; each refusal has its own code', async () => {
  const ok = await loginWithPassword(base, 'admin', 'x');
  assert.equal(ok.identityId, 'us-east-1:abc');
  assert.equal(ok.role, 'admin');
  assert.equal(await codeOf('wrong'), 'AccessDenied');
  assert.equal(await codeOf('locked'), 'AccountLocked');
  assert.equal(await codeOf('busy'), 'Throttled');
  assert.equal(await codeOf('down'), 'ServerError');
});
