import { expect } from '@open-wc/testing';
import { pageContentSecurityPolicy } from '../../../infra/lib/page-csp.js';
import { createUploadQueue } from '../../../src/upload/index.js';
import { memoryStore } from '../../../src/upload/resume-store.js';
import { sharedHasher } from '../../../src/upload/hasher.js';
import { configFor, login, MIB, realMp4, sharedEnv, waitFor } from './helpers.js';

/**
 * The pages' Content-Security-Policy (infra/lib/page-csp.ts) does not get in the uploader's way:
 * WebAssembly hashing (in this thread and in the module worker), credentials from Cognito,
 * multipart upload to S3.
 * The policy goes on this page as a <meta> (enforced from then on); the stand-in's endpoint takes
 * the place of the S3 and Cognito hosts in connect-src (it serves both, and the broker, on one
 * origin), and `upgrade-insecure-requests` is left out because the stand-in is plain http.
 */
describe("upload under the pages' Content-Security-Policy", () => {
  it('hashes in the worker and uploads a real mp4 in parts with no CSP violation', async () => {
    const env = await sharedEnv();
    const file = await realMp4(7 * MIB);
    const standIn = new URL(env.config.s3Endpoint).origin;
    const region = env.config.region;
    const bucket = env.config.bucket;
    const policy = pageContentSecurityPolicy({ cdnOrigin: new URL(env.config.cdnBaseUrl).origin, region, bucket })
      .split('; ')
      .filter((d) => d !== 'upgrade-insecure-requests' && !d.startsWith('frame-ancestors'))
      .map((d) =>
        d.replace(`https://${bucket}.s3.${region}.amazonaws.com`, standIn).replace(`https://cognito-identity.${region}.amazonaws.com`, standIn),
      )
      .join('; ');
    expect(policy).to.include(`connect-src 'self' ${new URL(env.config.cdnBaseUrl).origin} ${standIn} ${standIn}`);
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = policy;
    document.head.append(meta);
    await fetch('http://192.0.2.1/not-allowed').catch(() => undefined);
    await waitFor(() => violations.some((v) => v.startsWith('connect-src')), 'the policy is live');
    violations.length = 0;

    // In-thread WebAssembly (the hasher's fallback where workers cannot start, and fingerprints):
    // the page's policy governs it. (The worker's own policy comes with the worker script's response.)
    const { sha256 } = await import('hash-wasm');
    expect(await sha256('abc')).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');

    const token = await login(env, 'uploader');
    const q = createUploadQueue({ config: () => configFor(env, token, { partSize: 5 * MIB, concurrency: 2 }), resumeStore: memoryStore() });
    const [item] = await q.addFiles([file], { title: 'CSP' });
    q.start(item!.id);
    const done = await waitFor(() => (['complete', 'error'].includes(q.get(item!.id)!.state) ? q.get(item!.id) : undefined), 'upload to finish');
    expect(done.error, JSON.stringify(done.error)).to.equal(undefined);
    expect(done.state).to.equal('complete');
    expect(done.sha256).to.match(/^[0-9a-f]{64}$/);
    expect(sharedHasher().inWorker, 'hashing ran in the Web Worker').to.equal(true);
    expect(violations).to.deep.equal([]);
    q.dispose();
  });
});
