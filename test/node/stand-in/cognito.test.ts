// Cognito Identity through the official SDK client: GetId, GetCredentialsForIdentity,
// GetOpenIdTokenForDeveloperIdentity, and their errors.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenForDeveloperIdentityCommand,
} from '@aws-sdk/client-cognito-identity';
import { DEVELOPER_PROVIDER_NAME } from '../../../server/config.ts';
import { codeOf, loginCredentials, testStandIn, type TestStandIn } from './helpers.ts';

let si: TestStandIn;
before(async () => {
  si = await testStandIn();
});
after(async () => si?.cleanup());

const client = (credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
  new CognitoIdentityClient({
    region: si.config.region,
    endpoint: si.config.cognitoEndpoint,
    maxAttempts: 1,
    // GetId and GetCredentialsForIdentity are unsigned; give dummy keys where none matter.
    credentials: credentials ?? { accessKeyId: 'AKIANOTUSED000000000', secretAccessKey: 'x' },
  });

test('developer identity: same user → same identity; token → credentials of the tagged role', async () => {
  const dev = client(si.staticCredentials);
  const a = await dev.send(
    new GetOpenIdTokenForDeveloperIdentityCommand({
      IdentityPoolId: si.config.identityPoolId,
      Logins: { [DEVELOPER_PROVIDER_NAME]: 'maria' },
      TokenDuration: 600,
      PrincipalTags: { role: 'uploader' },
    }),
  );
  const b = await dev.send(
    new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: si.config.identityPoolId, Logins: { [DEVELOPER_PROVIDER_NAME]: 'maria' } }),
  );
  assert.equal(a.IdentityId, b.IdentityId);
  const c = await client().send(
    new GetCredentialsForIdentityCommand({ IdentityId: a.IdentityId, Logins: { 'cognito-identity.amazonaws.com': a.Token! } }),
  );
  assert.equal(c.IdentityId, a.IdentityId);
  assert.match(c.Credentials!.AccessKeyId!, /^ASIA[A-Z2-7]{16}$/);
  assert.ok(c.Credentials!.SecretKey && c.Credentials!.SessionToken);
  assert.ok(c.Credentials!.Expiration instanceof Date && c.Credentials!.Expiration.getTime() > Date.now());
  // GetId with the token answers the same identity.
  const id = await client().send(
    new GetIdCommand({ IdentityPoolId: si.config.identityPoolId, Logins: { 'cognito-identity.amazonaws.com': a.Token! } }),
  );
  assert.equal(id.IdentityId, a.IdentityId);
});

test('GetOpenIdTokenForDeveloperIdentity needs the service keys', async () => {
  const req = () =>
    new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: si.config.identityPoolId, Logins: { [DEVELOPER_PROVIDER_NAME]: 'x' } });
  assert.equal(await codeOf(client({ ...si.staticCredentials, secretAccessKey: 'wrong' }).send(req())), 'InvalidSignatureException');
  assert.equal(await codeOf(client().send(req())), 'UnrecognizedClientException');
  const { credentials } = await loginCredentials(si, 'admin');
  assert.equal(await codeOf(client(credentials).send(req())), 'NotAuthorizedException', 'temporary role keys may not mint tokens');
  const bad = await fetch(si.config.cognitoEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityService.GetOpenIdTokenForDeveloperIdentity' },
    body: JSON.stringify({ IdentityPoolId: si.config.identityPoolId, Logins: { [DEVELOPER_PROVIDER_NAME]: 'x' } }),
  });
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as { __type: string }).__type, 'MissingAuthenticationTokenException');
});

test('errors: wrong pool, unknown identity, forged or foreign token, bad parameters', async () => {
  const dev = client(si.staticCredentials);
  assert.equal(
    await codeOf(client().send(new GetIdCommand({ IdentityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000' }))),
    'ResourceNotFoundException',
  );
  assert.equal(
    await codeOf(client().send(new GetCredentialsForIdentityCommand({ IdentityId: 'us-east-1:00000000-0000-0000-0000-000000000000' }))),
    'ResourceNotFoundException',
  );
  assert.equal(await codeOf(client().send(new GetCredentialsForIdentityCommand({ IdentityId: 'nonsense' }))), 'InvalidParameterException');
  const a = await dev.send(
    new GetOpenIdTokenForDeveloperIdentityCommand({
      IdentityPoolId: si.config.identityPoolId,
      Logins: { [DEVELOPER_PROVIDER_NAME]: 'ana' },
      PrincipalTags: { role: 'viewer' },
    }),
  );
  const b = await dev.send(
    new GetOpenIdTokenForDeveloperIdentityCommand({
      IdentityPoolId: si.config.identityPoolId,
      Logins: { [DEVELOPER_PROVIDER_NAME]: 'beto' },
      PrincipalTags: { role: 'admin' },
    }),
  );
  // Forge: take ana's token, swap in an admin role claim; the signature no longer matches.
  const [h, body, sig] = a.Token!.split('.');
  const claims = JSON.parse(Buffer.from(body!, 'base64url').toString()) as Record<string, unknown>;
  const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${sig}`;
  assert.equal(
    await codeOf(
      client().send(new GetCredentialsForIdentityCommand({ IdentityId: a.IdentityId, Logins: { 'cognito-identity.amazonaws.com': forged } })),
    ),
    'NotAuthorizedException',
  );
  assert.equal(
    await codeOf(
      client().send(new GetCredentialsForIdentityCommand({ IdentityId: a.IdentityId, Logins: { 'cognito-identity.amazonaws.com': b.Token! } })),
    ),
    'NotAuthorizedException',
    "beto's token for ana's identity",
  );
  assert.equal(
    await codeOf(client().send(new GetCredentialsForIdentityCommand({ IdentityId: a.IdentityId }))),
    'NotAuthorizedException',
    'an authenticated identity needs its login',
  );
  assert.equal(
    await codeOf(
      dev.send(
        new GetOpenIdTokenForDeveloperIdentityCommand({
          IdentityPoolId: si.config.identityPoolId,
          Logins: { [DEVELOPER_PROVIDER_NAME]: 'x' },
          TokenDuration: 999999,
        }),
      ),
    ),
    'InvalidParameterException',
  );
  assert.equal(
    await codeOf(
      dev.send(
        new GetOpenIdTokenForDeveloperIdentityCommand({
          IdentityPoolId: si.config.identityPoolId,
          Logins: { [DEVELOPER_PROVIDER_NAME]: 'x' },
          PrincipalTags: { role: 'root' },
        }),
      ),
    ),
    'InvalidParameterException',
  );
  assert.equal(
    await codeOf(
      dev.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: si.config.identityPoolId, Logins: { 'other.provider': 'x' } })),
    ),
    'NotAuthorizedException',
  );
});

test('an expired developer token is refused', async () => {
  const dev = client(si.staticCredentials);
  const a = await dev.send(
    new GetOpenIdTokenForDeveloperIdentityCommand({
      IdentityPoolId: si.config.identityPoolId,
      Logins: { [DEVELOPER_PROVIDER_NAME]: 'short' },
      TokenDuration: 1,
    }),
  );
  await new Promise((r) => setTimeout(r, 2100));
  assert.equal(
    await codeOf(
      client().send(new GetCredentialsForIdentityCommand({ IdentityId: a.IdentityId, Logins: { 'cognito-identity.amazonaws.com': a.Token! } })),
    ),
    'NotAuthorizedException',
  );
});

test('unknown operations get UnknownOperationException', async () => {
  const res = await fetch(si.config.cognitoEndpoint, {
    method: 'POST',
    headers: { 'x-amz-target': 'AWSCognitoIdentityService.DeleteIdentityPool', 'content-type': 'application/x-amz-json-1.1' },
    body: '{}',
  });
  assert.equal(res.status, 400);
  assert.equal(((await res.json()) as { __type: string }).__type, 'UnknownOperationException');
});

test('malformed Cognito bodies get SerializationException; oversized ones 413', async () => {
  const post = (body: string) =>
    fetch(si.config.cognitoEndpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSCognitoIdentityService.GetId', 'content-type': 'application/x-amz-json-1.1' },
      body,
    });
  const bad = await post('{not json');
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as { __type: string }).__type, 'SerializationException');
  const arr = await post('[1,2]');
  assert.equal(((await arr.json()) as { __type: string }).__type, 'SerializationException');
  const huge = await post(JSON.stringify({ IdentityPoolId: 'x'.repeat(2 * 1024 * 1024) })).catch(() => undefined);
  if (huge) assert.equal(huge.status, 413);
  assert.equal((await post(JSON.stringify({ IdentityPoolId: si.config.identityPoolId }))).status, 200, 'still serving');
});
