/** Shared setup for the stand-in's Node tests: a stand-in on random ports in a temporary folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { fromCognitoIdentity, fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';
import { startStandIn, type StandIn, type StandInOptions } from '../../../server/index.ts';
import { loginWithPassword } from '../../../src/auth/login-token.ts';

export interface TestStandIn extends StandIn {
  cleanup(): Promise<void>;
}

export async function testStandIn(opts: StandInOptions = {}): Promise<TestStandIn> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'ine-stand-in-'));
  const log = process.env.INE_DEBUG_STAND_IN ? (m: string) => console.log(`[stand-in] ${m}`) : undefined;
  const standIn = await startStandIn({ port: 0, cdnPort: 0, packager: false, log, ...opts, dataDir }).catch((e: unknown) => {
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    throw e;
  });
  return Object.assign(standIn, {
    async cleanup() {
      await standIn.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** An S3 client as the elements build it: path-style against the stand-in. */
export function s3Client(
  standIn: StandIn,
  credentials: S3Client['config']['credentials'] | { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  extra: Record<string, unknown> = {},
): S3Client {
  return new S3Client({
    region: standIn.config.region,
    endpoint: standIn.config.s3Endpoint,
    forcePathStyle: true,
    credentials: credentials as never,
    maxAttempts: 1,
    ...extra,
  });
}

export function serviceClient(standIn: StandIn): S3Client {
  return s3Client(standIn, standIn.staticCredentials);
}

/** Log in through the broker and get the role's credentials exactly as src/auth does. */
export async function loginCredentials(standIn: StandIn, user: 'admin' | 'uploader' | 'viewer') {
  const login = await loginWithPassword(standIn.config.authUrl, user, standIn.demoPassword);
  const provider = fromCognitoIdentity({
    identityId: login.identityId,
    logins: { 'cognito-identity.amazonaws.com': login.token },
    clientConfig: { region: standIn.config.region, endpoint: standIn.config.cognitoEndpoint },
  });
  return { login, provider, credentials: await provider() };
}

/** Unauthenticated identity credentials (a viewer with no login). */
export async function guestCredentials(standIn: StandIn) {
  const provider = fromCognitoIdentityPool({
    identityPoolId: standIn.config.identityPoolId,
    clientConfig: { region: standIn.config.region, endpoint: standIn.config.cognitoEndpoint },
  });
  return provider();
}

/** The S3 error code of a rejected promise (or 'OK'). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    const err = e as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
    return err.Code ?? err.name ?? String(e);
  }
}

export async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
