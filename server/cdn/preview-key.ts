/**
 * The stand-in's preview key pair (what CloudFront's public key + key group and the private key in
 * Secrets Manager are on AWS): RSA 2048, created on first start and kept in the data folder, so
 * grants survive a restart. The API signs with the private key; the CDN trusts the public one.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The id the stand-in's public key is known by (CloudFront's ids look alike: `K` + capitals). */
export const LOCAL_PREVIEW_KEY_ID = 'KLOCALPREVIEW0001';

export interface PreviewKeyPair {
  keyPairId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function readOrCreatePreviewKey(file: string): PreviewKeyPair {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  const privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  return { keyPairId: LOCAL_PREVIEW_KEY_ID, privateKey, publicKey: createPublicKey(privateKey) };
}
