/**
 * The draft-preview signer on AWS: the CloudFront key pair's private key, read once per Lambda
 * instance from Secrets Manager (INE_PREVIEW_KEY_SECRET_ARN; only this function's role may read it,
 * infra/lib/preview.ts), with the public key's id (INE_PREVIEW_KEY_PAIR_ID). One signed
 * GetSecretValue call with the function's own credentials (the SDK's signer, no extra client).
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../core/crypto/node-sha256.ts';
import { DEFAULT_PREVIEW_TTL_SECONDS, type PreviewSigner } from '../../core/preview/preview-signer.ts';

/** The secret's string value, through Secrets Manager's JSON API with the function's credentials (from its environment). */
export async function readSecretString(secretArn: string, env: NodeJS.ProcessEnv = process.env, doFetch: typeof fetch = fetch): Promise<string> {
  const region = env.AWS_REGION ?? secretArn.split(':')[3] ?? 'us-east-1';
  const hostname = `secretsmanager.${region}.amazonaws.com`;
  const signer = new SignatureV4({
    service: 'secretsmanager',
    region,
    sha256: NodeSha256,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '', sessionToken: env.AWS_SESSION_TOKEN },
  });
  const body = JSON.stringify({ SecretId: secretArn });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'https:',
    hostname,
    path: '/',
    headers: { host: hostname, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue' },
    body,
  });
  const res = await doFetch(`https://${hostname}/`, { method: 'POST', headers: signed.headers, body });
  if (!res.ok) throw new Error(`GetSecretValue ${secretArn}: ${res.status} ${(await res.text()).slice(0, 200)}`);
  const value = ((await res.json()) as { SecretString?: string }).SecretString;
  if (!value) throw new Error(`Secret ${secretArn} has no string value`);
  return value;
}

/** The preview signer from the environment, or undefined when the deployment has no preview key. */
export function previewSignerFromEnv(env: NodeJS.ProcessEnv = process.env): PreviewSigner | undefined {
  const secretArn = env.INE_PREVIEW_KEY_SECRET_ARN;
  const keyPairId = env.INE_PREVIEW_KEY_PAIR_ID;
  if (!secretArn || !keyPairId) return undefined;
  let key: Promise<KeyObject> | undefined;
  return {
    keyPairId,
    ttlSeconds: DEFAULT_PREVIEW_TTL_SECONDS,
    privateKey: () => {
      key ??= readSecretString(secretArn, env).then((pem) => createPrivateKey(pem));
      key.catch(() => (key = undefined)); // read again on the next grant
      return key;
    },
  };
}
