/**
 * Verified playback (docs/integrity-provenance.md) in Chromium against the stand-in: clips packaged
 * by its packager (real ffmpeg) carry a signed manifest; `<ine-player>` shows "Verificado" with the
 * details on a good clip, and on a clip whose segment (hls.js path) or playlist (native path) was
 * altered in the stand-in's storage after packaging it stops, shows the failure and fires
 * `ine-integrity-error`. Both languages, axe-clean.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { VideoRecord } from '../../../src/contract/index.js';
import type { FlattenedJws, ProvenancePayload } from '../../../src/contract/provenance.js';
import type { IntegrityFailureDetail } from '../../../src/integrity/integrity-failure.js';
import { resetConfig } from '../../../src/config/config.js';
import '../../../src/elements/player/ine-player.js';
import type { InePlayer } from '../../../src/elements/player/ine-player.js';
import { waitFor } from '../support/wait.js';
import { axeViolations } from '../support/axe.js';

interface Env {
  config: { region: string; bucket: string; s3Endpoint: string; cdnBaseUrl: string };
  staticCredentials: { accessKeyId: string; secretAccessKey: string };
}

describe('verified playback: the provenance manifest checked as the player loads', function () {
  this.timeout(600_000);
  let env: Env;
  let s3: S3Client;
  let good: string;
  let badSegment: string;
  let badPlaylist: string;

  const makeClip = async () =>
    (
      await executeServerCommand<{ id: string; record: VideoRecord }, Record<string, unknown>>('ine-packager-make-clip', {
        s3Endpoint: env.config.s3Endpoint,
        region: env.config.region,
        bucket: env.config.bucket,
        credentials: env.staticCredentials,
        width: 320,
        height: 180,
        seconds: 4,
      })
    ).id;

  const filesOf = async (id: string) => {
    const jws = (await (await fetch(`${env.config.cdnBaseUrl}/media/${id}/provenance.json`)).json()) as FlattenedJws;
    const b64 = jws.payload.replace(/-/g, '+').replace(/_/g, '/');
    return (JSON.parse(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4))) as ProvenancePayload).files;
  };

  /** Changes one byte of a stored object, behind the packager's back (as an intruder with bucket access would). */
  const tamper = async (key: string) => {
    const got = await s3.send(new GetObjectCommand({ Bucket: env.config.bucket, Key: key }));
    const bytes = Uint8Array.from(await got.Body!.transformToByteArray());
    if (key.endsWith('.m3u8')) {
      const text = new TextDecoder().decode(bytes).replace('#EXTM3U', '#EXTM3U\n#EXT-X-INDEPENDENT-SEGMENTS');
      return void (await s3.send(new PutObjectCommand({ Bucket: env.config.bucket, Key: key, Body: text, ContentType: got.ContentType })));
    }
    bytes[bytes.length - 1] ^= 0x01;
    await s3.send(new PutObjectCommand({ Bucket: env.config.bucket, Key: key, Body: bytes, ContentType: got.ContentType }));
  };

  before(async () => {
    env = await (await fetch('/__ine__/env.json')).json();
    s3 = new S3Client({ region: env.config.region, endpoint: env.config.s3Endpoint, forcePathStyle: true, credentials: env.staticCredentials });
    [good, badSegment, badPlaylist] = [await makeClip(), await makeClip(), await makeClip()];
    // Every rendition's first media segment, so whichever rendition hls.js starts with is altered.
    const segments = Object.keys(await filesOf(badSegment)).filter((f) => f.endsWith('.m4s'));
    const firstOf = new Map<string, string>();
    for (const f of segments.sort()) if (!firstOf.has(f.split('/')[0]!)) firstOf.set(f.split('/')[0]!, f);
    for (const f of firstOf.values()) await tamper(`media/${badSegment}/${f}`);
    // Every rendition playlist of the third clip.
    for (const f of Object.keys(await filesOf(badPlaylist)).filter((p) => p.endsWith('.m3u8') && p !== 'master.m3u8'))
      await tamper(`media/${badPlaylist}/${f}`);
  });

  after(() => s3?.destroy());

  afterEach(() => {
    for (const el of document.querySelectorAll('ine-player')) el.remove();
    document.documentElement.removeAttribute('lang');
  });

  async function mount(attrs: Record<string, string>): Promise<InePlayer> {
    resetConfig();
    const el = document.createElement('ine-player');
    el.setAttribute('cdn-base-url', env.config.cdnBaseUrl);
    el.setAttribute('muted', '');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    el.style.width = '640px';
    document.body.append(el);
    await el.updateComplete;
    return el;
  }

  const expectAxeClean = async (el: InePlayer) => {
    const found = await axeViolations(el, { preload: false });
    expect(found, found.join('\n')).to.deep.equal([]);
  };

  const badge = (el: InePlayer) => el.shadowRoot!.querySelector<HTMLElement>('[part="integrity"]');

  it('a good clip: "Verificado" with the source hash, times and key id; it plays; axe-clean', async () => {
    const el = await mount({ 'video-id': good, autoplay: '' });
    await waitFor(() => badge(el)?.dataset.status === 'verified', 'the verified badge');
    await waitFor(() => el.currentTime > 1, 'playback past 1 s');
    const summary = badge(el)!.querySelector('summary')!;
    expect(summary.textContent).to.contain('Verificado');
    summary.click();
    await el.updateComplete;
    const files = await filesOf(good);
    const details = badge(el)!.querySelector('dl')!.textContent!;
    const jws = (await (await fetch(`${env.config.cdnBaseUrl}/media/${good}/provenance.json`)).json()) as FlattenedJws;
    const kid = (JSON.parse(atob(jws.protected.replace(/-/g, '+').replace(/_/g, '/'))) as { kid: string }).kid;
    expect(details).to.contain(kid);
    expect(details).to.match(/[0-9a-f]{64}/);
    expect(details).to.contain('Huella SHA-256 del archivo original');
    expect(Object.keys(files).length).to.be.greaterThan(2);
    await waitFor(
      () => Number(/Archivosverificadoshastaahora(\d+)/.exec(badge(el)!.querySelector('dl')!.textContent!.replace(/\s+/g, ''))?.[1]) >= 3,
      'files counted',
    );
    await expectAxeClean(el);

    document.documentElement.setAttribute('lang', 'en');
    await waitFor(() => badge(el)?.querySelector('summary')?.textContent?.includes('Verified'), 'the badge in English');
    expect(badge(el)!.querySelector('dl')!.textContent).to.contain('SHA-256 fingerprint of the original file');
    await expectAxeClean(el);
  });

  it('integrity="off": no check, no badge', async () => {
    const el = await mount({ 'video-id': good, integrity: 'off', autoplay: '' });
    await waitFor(() => el.currentTime > 0.5, 'playback');
    expect(badge(el)).to.equal(null);
  });

  it('a tampered segment (hls.js): playback stops, the badge says what failed, ine-integrity-error fires', async () => {
    const events: IntegrityFailureDetail[] = [];
    const errors: string[] = [];
    document.addEventListener('ine-integrity-error', (e) => events.push((e as CustomEvent<IntegrityFailureDetail>).detail));
    document.addEventListener('ine-error', (e) => errors.push((e as CustomEvent<{ code: string }>).detail.code));
    const el = await mount({ 'video-id': badSegment, engine: 'hls.js', autoplay: '' });
    await waitFor(() => events.length > 0, 'the ine-integrity-error event');
    expect(events[0]!.code).to.equal('hash-mismatch');
    expect(events[0]!.target).to.equal('segment');
    expect(events[0]!.path).to.match(/\.m4s$/);
    await waitFor(() => errors.includes('Integrity'), 'the Integrity error');
    await waitFor(() => badge(el)?.dataset.status === 'failed', 'the failed badge');
    expect(badge(el)!.querySelector('details')!.open).to.equal(true);
    expect(badge(el)!.textContent).to.contain('Verificación fallida');
    expect(badge(el)!.textContent).to.contain('un segmento de video');
    expect(el.shadowRoot!.querySelector('[part="error"]')!.textContent).to.contain('verificación de integridad falló');
    expect(el.currentTime).to.equal(0, 'nothing of the altered segment played');
    expect(events.length).to.equal(1, 'reported once');
    await expectAxeClean(el);

    document.documentElement.setAttribute('lang', 'en');
    await waitFor(() => badge(el)?.textContent?.includes('Verification failed'), 'the failure in English');
    expect(badge(el)!.textContent).to.contain('a video segment');
  });

  it('a tampered rendition playlist, on the native path too, stops with target "playlist"', async () => {
    const el = document.createElement('video');
    const native = el.canPlayType('application/vnd.apple.mpegurl') !== '';
    for (const engine of native ? ['hls.js', 'native'] : ['hls.js']) {
      const events: IntegrityFailureDetail[] = [];
      const p = await mount({ 'video-id': badPlaylist, engine });
      p.addEventListener('ine-integrity-error', (e) => events.push((e as CustomEvent<IntegrityFailureDetail>).detail));
      await waitFor(() => events.length > 0 || badge(p)?.dataset.status === 'failed', `the failure (${engine})`);
      await waitFor(() => events.length > 0, `the event (${engine})`);
      expect(events[0]!.code).to.equal('hash-mismatch');
      expect(events[0]!.target).to.equal('playlist');
      expect(events[0]!.path).to.match(/\.m3u8$/);
      p.remove();
    }
  });

  it('a manifest signed by a key the page does not trust (integrity-keys): unknown-key', async () => {
    const events: IntegrityFailureDetail[] = [];
    const keys = 'data:application/json,' + encodeURIComponent(JSON.stringify({ keys: [] }));
    const el = await mount({ 'video-id': good, 'integrity-keys': keys });
    el.addEventListener('ine-integrity-error', (e) => events.push((e as CustomEvent<IntegrityFailureDetail>).detail));
    await waitFor(() => events.length > 0, 'the event');
    expect(events[0]!.code).to.equal('unknown-key');
    expect(events[0]!.target).to.equal('keys');
    await waitFor(() => badge(el)?.dataset.status === 'failed', 'the failed badge');
  });
});
