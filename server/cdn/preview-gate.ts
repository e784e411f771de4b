/**
 * The CDN's signed preview path, as CloudFront's preview behaviour answers it (infra/lib/preview.ts):
 * `/preview/media/<id>/…` serves the clip's `media/<id>/…` files, published or not, only to a request
 * carrying a valid CloudFront custom-policy signature (query parameters or cookies) made with a
 * trusted key, unexpired, whose resource covers the URL asked for. Everything else gets 403, as on
 * CloudFront; the public `media/` path keeps refusing drafts.
 */
import type { KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { PREVIEW_PREFIX } from '../../core/preview/preview-signer.ts';
import {
  SIGNED_COOKIE_NAMES,
  splitSignedUrl,
  verifySigned,
  type SignatureCheck,
  type SignedParams,
} from '../../core/preview/cloudfront-signature.ts';

const PREFIX = `/${PREVIEW_PREFIX}/`;

/** The public path a preview path mirrors (`/preview/media/x/y` → `/media/x/y`), or undefined when it is not one. */
export function previewedPath(rawPath: string): string | undefined {
  return rawPath.startsWith(PREFIX) ? rawPath.slice(PREFIX.length - 1) : undefined;
}

function cookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) out.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return out;
}

/** Check a preview request's signature: query parameters first, else CloudFront's cookies. */
export function checkPreview(req: IncomingMessage, publicKeys: ReadonlyMap<string, KeyObject>, now: number): SignatureCheck {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  const { params, unsigned } = splitSignedUrl(url);
  if (!params.Policy && !params.Signature && !params['Key-Pair-Id']) {
    const jar = cookies(req);
    for (const [name, cookie] of Object.entries(SIGNED_COOKIE_NAMES)) {
      const v = jar.get(cookie);
      if (v) params[name as keyof SignedParams] = v;
    }
  }
  return verifySigned(params, unsigned, publicKeys, now);
}
