/**
 * Draft preview: what the Web API gives an admin to play one unpublished clip. The CDN serves a
 * clip's files a second time under `preview/media/<id>/`, a path (a CloudFront behaviour on AWS,
 * infra/lib/preview.ts) that answers only requests signed with the preview key, whether the clip is
 * published or not. One custom policy covers the clip's whole folder for a few minutes; the player
 * adds its parameters to every URL of that folder (playlists, segments, poster, storyboard).
 */
import type { KeyObject } from 'node:crypto';
import { customPolicy, signPolicy, signedQuery, type SignedParams } from './cloudfront-signature.ts';

/** The path under the CDN base where signed previews are served. */
export const PREVIEW_PREFIX = 'preview';

/** How long a preview grant lasts by default: long enough to review a clip, short enough to be worthless if leaked. */
export const DEFAULT_PREVIEW_TTL_SECONDS = 15 * 60;
export const MAX_PREVIEW_TTL_SECONDS = 60 * 60;

export interface PreviewSigner {
  /** The CloudFront public key's id (the key group trusts it). */
  keyPairId: string;
  /** The private key (on AWS read from Secrets Manager on first use). */
  privateKey(): Promise<KeyObject | string>;
  ttlSeconds: number;
}

export interface PreviewGrant {
  /** The CDN base the player uses instead of the public one (`<cdn>/preview`). */
  cdnBaseUrl: string;
  /** `Policy=…&Signature=…&Key-Pair-Id=…`, to add to every URL under `folder`. */
  query: string;
  /** The same values, for a client that sets CloudFront's cookies instead. */
  params: SignedParams;
  /** The clip's folder this grant opens (`<cdn>/preview/media/<id>/`). */
  folder: string;
  expiresAt: string;
}

export async function grantPreview(signer: PreviewSigner, cdnBaseUrl: string, id: string, now: number): Promise<PreviewGrant> {
  const base = `${cdnBaseUrl.replace(/\/+$/, '')}/${PREVIEW_PREFIX}`;
  const folder = `${base}/media/${encodeURIComponent(id)}/`;
  const expiresAt = now + signer.ttlSeconds * 1000;
  const params = signPolicy(customPolicy(`${folder}*`, expiresAt), await signer.privateKey(), signer.keyPairId);
  return { cdnBaseUrl: base, query: signedQuery(params), params, folder, expiresAt: new Date(Math.floor(expiresAt / 1000) * 1000).toISOString() };
}
