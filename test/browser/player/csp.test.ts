import { expect } from '@open-wc/testing';
import { pageContentSecurityPolicy } from '../../../infra/lib/page-csp.js';
import { media, mount, waitFor, playsPast, q } from './helpers.js';
import type { InePlayer } from '../../../src/elements/player/ine-player.js';

/**
 * The pages' Content-Security-Policy (infra/lib/page-csp.ts, what docs/deploy.md tells INE to send)
 * does not get in the player's way: the policy is put on this page (a <meta>, enforced from then
 * on) with the stand-in's CDN as the CDN, and a clip plays on the hls.js path (blob: worker and
 * MediaSource, segments, poster, storyboard and captions from the CDN) with no violation reported.
 * `upgrade-insecure-requests` is left out only because the stand-in's CDN is plain http here.
 */
describe("<ine-player> under the pages' Content-Security-Policy", () => {
  let el: InePlayer | undefined;
  after(() => el?.remove());

  it('plays a clip with hls.js with no CSP violation', async () => {
    const m = await media();
    const cdnOrigin = new URL(m.cdnBaseUrl).origin;
    const policy = pageContentSecurityPolicy({ cdnOrigin, region: 'us-east-1', bucket: 'ine-media' })
      .split('; ')
      .filter((d) => d !== 'upgrade-insecure-requests' && !d.startsWith('frame-ancestors')) // frame-ancestors is ignored in <meta>
      .join('; ');
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = policy;
    document.head.append(meta);

    // The policy is live: something it forbids is refused and reported.
    const refused = new Image();
    refused.src = 'http://192.0.2.1/not-allowed.png';
    await waitFor(() => violations.some((v) => v.startsWith('img-src')), 'a reported img-src violation');
    violations.length = 0;

    el = await mount({ 'video-id': m.videoId, 'cdn-base-url': m.cdnBaseUrl, muted: true, engine: 'hls.js' });
    await waitFor(() => el!.currentEngine, 'engine');
    expect(el.currentEngine).to.equal('hls.js');
    await el.play();
    await playsPast(el, 1.5);
    await waitFor(() => q(el!, 'track'), 'caption tracks');
    expect(q<HTMLVideoElement>(el, 'video')!.src).to.match(/^blob:/, 'MSE through a blob: URL');
    expect(violations).to.deep.equal([]);
  });
});
