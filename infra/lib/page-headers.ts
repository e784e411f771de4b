/**
 * Security headers for the pages that embed the elements (INE's demo/admin pages): a
 * Content-Security-Policy the elements work under, HSTS, nosniff, a referrer policy, no framing by
 * other sites. The CDN itself serves only media and JSON (cdn.ts gives those `default-src 'none'`);
 * this policy is for a distribution or behaviour that serves pages, and `pageContentSecurityPolicy`
 * gives the same header to INE's own web server (docs/deploy.md).
 *
 * What the elements need, and why:
 * - script-src 'self' 'wasm-unsafe-eval': the bundle, and hash-wasm's WebAssembly (upload checksums);
 * - worker-src 'self' blob:: the upload hashing worker (a module next to the bundle) and hls.js's
 *   transmuxing worker (created from a blob: URL);
 * - media-src <cdn> blob:: MSE playback attaches a blob: MediaSource URL; native HLS reads the CDN;
 * - style-src 'self' 'unsafe-inline': the elements bind `style` attributes (progress bars, the seek
 *   bar, storyboard frames) and Lit falls back to <style> elements where constructable stylesheets
 *   are missing; inline styles cannot run script. Moving those bindings to Lit's styleMap (CSSOM,
 *   which CSP does not restrict) would let this become 'self' (modern browsers only);
 * - img-src 'self' data: <cdn>: posters and storyboards;
 * - connect-src 'self' <cdn> <S3> <Cognito>: playlists and segments (hls.js fetches), uploads and
 *   admin edits (virtual-hosted S3 endpoint), Cognito Identity credentials, config and login ('self').
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { Construct } from 'constructs';

export interface PageCspInput {
  /** `https://<cdn domain>` */
  cdnOrigin: string;
  region: string;
  bucket: string;
}

export function pageContentSecurityPolicy({ cdnOrigin, region, bucket }: PageCspInput): string {
  const s3 = `https://${bucket}.s3.${region}.amazonaws.com`;
  const cognito = `https://cognito-identity.${region}.amazonaws.com`;
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: ${cdnOrigin}`,
    `media-src ${cdnOrigin} blob:`,
    `connect-src 'self' ${cdnOrigin} ${s3} ${cognito}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/** HSTS for two years with subdomains and preload: what the hstspreload.org list requires (≥ 1 year). */
export const HSTS = { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true } as const;

export class PageHeaders extends Construct {
  readonly policy: cloudfront.ResponseHeadersPolicy;
  constructor(scope: Construct, id: string, csp: PageCspInput) {
    super(scope, id);
    this.policy = new cloudfront.ResponseHeadersPolicy(this, 'Policy', {
      comment: 'Pages that embed the INE video elements: CSP, HSTS, nosniff, referrer policy',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: pageContentSecurityPolicy(csp), override: true },
        strictTransportSecurity: HSTS,
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.SAMEORIGIN, override: true },
      },
    });
  }
}
