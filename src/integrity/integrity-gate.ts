/**
 * The player's integrity gate for one source (docs/integrity-provenance.md): fetches the clip's
 * provenance manifest and the platform's public keys as the engine starts (alongside the master
 * playlist), verifies the signature, then passes or stops every playlist and segment the engine
 * loads. Part of the hls.js engine's chunk (a chunk of its own on the native path); the verifier
 * itself is a chunk loaded only when there is a manifest to check.
 */
import type { IntegrityFailureDetail } from './integrity-failure.js';
import type { IntegrityGate, IntegrityPlan, IntegrityState } from './integrity-plan.js';
import { PROVENANCE_FILE, PROVENANCE_JWKS_PATH } from '../contract/provenance-paths.js';

export interface IntegrityUrls {
  /** The clip folder's URL (ends in `/`): file paths in the manifest are relative to it. */
  folderUrl: string;
  manifestUrl: string;
  jwksUrl: string;
}

/**
 * The manifest sits beside the master playlist; the keys at the CDN's fixed path (the CDN base of
 * a `video-id`, else two folders above the master: `<base>/media/<id>/master.m3u8`), unless the
 * page names its own (`integrity-keys`, e.g. on INE's own domain).
 */
export function integrityUrls(plan: IntegrityPlan): IntegrityUrls {
  const folderUrl = new URL('./', plan.master).href;
  const fallback = new URL(`../../${PROVENANCE_JWKS_PATH}`, plan.master).href;
  let jwksUrl = fallback;
  try {
    if (plan.keys) jwksUrl = new URL(plan.keys, plan.baseUrl).href;
    else if (plan.cdnBaseUrl) jwksUrl = new URL(`${plan.cdnBaseUrl.replace(/\/+$/, '')}/${PROVENANCE_JWKS_PATH}`, plan.baseUrl).href;
  } catch {
    jwksUrl = fallback;
  }
  return { folderUrl, manifestUrl: folderUrl + PROVENANCE_FILE, jwksUrl };
}

type Verifier = typeof import('./provenance-verifier.js');
let verifierModule: Promise<Verifier> | undefined;
const loadVerifier = () => (verifierModule ??= import('./provenance-verifier.js'));

const fetchText = (url: string) =>
  fetch(url, { credentials: 'omit' }).then(
    (r) => (r.ok ? r.text() : r.status === 404 || r.status === 403 ? null : Promise.reject(new Error(`HTTP ${r.status}`))),
    () => Promise.reject(new Error('network')),
  );

export function createIntegrityGate(plan: IntegrityPlan | undefined): IntegrityGate {
  const urls = plan && integrityUrls(plan);
  const listeners = new Set<(s: IntegrityState) => void>();
  let state: IntegrityState = plan ? { status: 'verifying' } : { status: 'off' };
  let stopped = false;
  const set = (s: IntegrityState) => {
    if (stopped) return;
    state = s;
    for (const l of listeners) l(s);
  };
  const fail = (failure: IntegrityFailureDetail) => state.status !== 'failed' && set({ status: 'failed', failure });
  const asFailure = (e: unknown): IntegrityFailureDetail =>
    (e as { detail?: IntegrityFailureDetail }).detail ?? { code: 'manifest-invalid', target: 'manifest', message: String(e) };

  // Started now, in parallel with the master playlist: by the time it arrives this is usually done.
  const ready: Promise<import('./provenance-verifier.js').ClipVerifier | undefined> = plan
    ? (async () => {
        const [manifest, jwks, v] = await Promise.all([
          fetchText(urls!.manifestUrl).catch(() => null),
          fetchText(urls!.jwksUrl).catch(() => null),
          loadVerifier(),
        ]);
        if (manifest === null) {
          if (plan.mode === 'required')
            fail({ code: 'manifest-missing', target: 'manifest', message: `No provenance manifest at ${urls!.manifestUrl}.` });
          else set({ status: 'absent' });
          return undefined;
        }
        try {
          let keys: unknown = { keys: [] };
          try {
            keys = jwks === null ? keys : JSON.parse(jwks);
          } catch {
            // An unreadable key set holds no key: the manifest's key is then unknown.
          }
          const verified = await v.verifyProvenance(v.parseProvenanceFile(manifest), keys as { keys: [] });
          if (plan.videoId && verified.payload.videoId !== plan.videoId) {
            fail({ code: 'wrong-clip', target: 'manifest', message: `The manifest is for clip ${verified.payload.videoId}, not ${plan.videoId}.` });
            return undefined;
          }
          const verifier = new v.ClipVerifier(verified, urls!.folderUrl);
          set({ status: 'verified', payload: verified.payload, kid: verified.kid, checked: 0 });
          return verifier;
        } catch (e) {
          fail(asFailure(e));
          return undefined;
        }
      })()
    : Promise.resolve(undefined);

  const verify = async (url: string, data: ArrayBuffer | string): Promise<boolean> => {
    const verifier = await ready;
    if (state.status === 'failed') return false;
    if (!verifier) return true; // off or absent
    try {
      await verifier.check(url, data);
      // Counted without a notification: a re-render per segment is not worth it.
      if (state.status === 'verified') state.checked = verifier.checked;
      return true;
    } catch (e) {
      fail(asFailure(e));
      return false;
    }
  };
  // Playlists go to the engine at once and are checked meanwhile (the manifest is usually still on
  // its way): what they make the engine do is load segments, and no segment is handed over before
  // every playlist seen so far has passed. A tampered playlist thus stops playback before any
  // picture of it shows, without the first frame waiting for the manifest.
  const playlists: Array<Promise<boolean>> = [];
  const check = async (url: string, data: ArrayBuffer | string): Promise<boolean> => {
    if (state.status === 'failed') return false;
    if (/\.m3u8(?:[?#]|$)/.test(url)) {
      const p = verify(url, data);
      playlists.push(p);
      return true;
    }
    if ((await Promise.all(playlists)).includes(false)) return false;
    return verify(url, data);
  };

  return {
    get state() {
      return state;
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    check,
    checkNative() {
      // The browser fetches the playlists and segments itself, out of reach: what can be checked is
      // the manifest and the playlists it lists, fetched here from the same CDN.
      void ready.then(async (verifier) => {
        if (!verifier) return;
        const playlists = Object.keys(verifier.verified.payload.files).filter((p) => p.endsWith('.m3u8'));
        for (const p of playlists) {
          if (stopped || state.status === 'failed') return;
          const url = urls!.folderUrl + p.split('/').map(encodeURIComponent).join('/');
          const text = await fetchText(url).catch(() => null);
          if (text !== null) await check(url, text);
        }
      });
    },
    stop() {
      stopped = true;
      listeners.clear();
    },
  };
}
