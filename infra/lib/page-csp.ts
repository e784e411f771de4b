/**
 * The Content-Security-Policy the elements work under, for the pages that embed them (INE's
 * demo/admin pages): served by page-headers.ts's CloudFront policy or by INE's web server
 * (docs/deploy.md), and checked in a real browser (test/browser/player/csp.test.ts). No CDK
 * imports here, so the browser test uses this very function.
 *
 * What the elements need, and why:
 * - script-src 'self' 'wasm-unsafe-eval': the bundle, and hash-wasm's WebAssembly (upload checksums);
 * - worker-src 'self': the upload hashing worker (a module next to the bundle; workers are
 *   same-origin anyway). The hls.js build the player loads starts no blob: worker (the browser test
 *   would report it);
 * - media-src <cdn> blob:: MSE playback attaches a blob: MediaSource URL; native HLS reads the CDN;
 * - style-src 'self' 'unsafe-inline': the elements bind `style` attributes (progress bars, the seek
 *   bar, storyboard frames) and Lit falls back to <style> elements where constructable stylesheets
 *   are missing; inline styles cannot run script. Moving those bindings to Lit's styleMap (CSSOM,
 *   which CSP does not restrict) would let this become 'self' (modern browsers only);
 * - img-src 'self' data: <cdn>: posters and storyboards;
 * - connect-src 'self' <cdn> <S3> <Cognito>: playlists and segments (hls.js fetches), uploads and
 *   admin edits (virtual-hosted S3 endpoint), Cognito Identity credentials, config and login ('self').
 */
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
    "worker-src 'self'",
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
