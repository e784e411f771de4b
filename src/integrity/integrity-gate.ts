/**
 * The player's integrity gate for one source (docs/integrity-provenance.md): fetches the clip's
 * provenance manifest and the platform's public keys as soon as the source starts (alongside the
 * master playlist), verifies the signature, then passes or stops every playlist and segment the
 * engine loads. Small on purpose (it is in the player's first download): the verifier itself is a
 * chunk loaded only when there is a manifest to check.
 *
 * Modes (the element's `integrity` attribute): `auto` verifies when the clip has a manifest and
 * plays unverified when it has none; `required` fails without one; `off` checks nothing.
 */
import type { ProvenancePayload } from '../contract/provenance.js';
import type { IntegrityFailureDetail } from './integrity-failure.js';

export type IntegrityMode = 'auto' | 'required' | 'off';

export interface IntegrityPlan {
  mode: Exclude<IntegrityMode, 'off'>;
  manifestUrl: string;
  jwksUrl: string;
  /** The clip folder's URL (ends in `/`): file paths in the manifest are relative to it. */
  folderUrl: string;
  /** The clip id when playing by `video-id`: the manifest must be this clip's. */
  videoId?: string;
}

export type IntegrityState =
  | { status: 'off' }
  /** `auto` and the clip has no manifest: nothing to show. */
  | { status: 'absent' }
  | { status: 'verifying' }
  | { status: 'verified'; payload: ProvenancePayload; kid: string; checked: number }
  | { status: 'failed'; failure: IntegrityFailureDetail };

export interface IntegrityGate {
  readonly state: IntegrityState;
  /** Called on every change of state; returns the unsubscribe. */
  subscribe(listener: (s: IntegrityState) => void): () => void;
  /** Whether the engine may use these bytes of `url` (false: stop, the state says why). */
  check(url: string, data: ArrayBuffer | string): Promise<boolean>;
  /** The native path, where the browser loads the stream itself: check what can be (docs). */
  checkNative(): void;
  stop(): void;
}

export const parseIntegrityMode = (value: string | null | undefined): IntegrityMode =>
  value === 'off' || value === 'required' ? value : 'auto';

type Verifier = typeof import('./provenance-verifier.js');
let verifierModule: Promise<Verifier> | undefined;
const loadVerifier = () => (verifierModule ??= import('./provenance-verifier.js'));

const fetchText = (url: string) =>
  fetch(url, { credentials: 'omit' }).then(
    (r) => (r.ok ? r.text() : r.status === 404 || r.status === 403 ? null : Promise.reject(new Error(`HTTP ${r.status}`))),
    () => Promise.reject(new Error('network')),
  );

export function createIntegrityGate(plan: IntegrityPlan | undefined): IntegrityGate {
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
          fetchText(plan.manifestUrl).catch(() => null),
          fetchText(plan.jwksUrl).catch(() => null),
          loadVerifier(),
        ]);
        if (manifest === null) {
          if (plan.mode === 'required') fail({ code: 'manifest-missing', target: 'manifest', message: `No provenance manifest at ${plan.manifestUrl}.` });
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
          const verifier = new v.ClipVerifier(verified, plan.folderUrl);
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
          const url = plan!.folderUrl + p.split('/').map(encodeURIComponent).join('/');
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

// ---- which gate a `<video>` has (the element's controller watches it; the source creates it) ----

const gates = new WeakMap<HTMLVideoElement, IntegrityGate>();
const watchers = new WeakMap<HTMLVideoElement, Set<(s: IntegrityState) => void>>();

/** The gate of the source now on `video` (the previous one is stopped). */
export function attachIntegrityGate(video: HTMLVideoElement, gate: IntegrityGate): void {
  gates.get(video)?.stop();
  gates.set(video, gate);
  const notify = (s: IntegrityState) => watchers.get(video)?.forEach((w) => w(s));
  gate.subscribe(notify);
  notify(gate.state);
}

/** Follows the integrity state of whatever source `video` plays, now and from now on. */
export function watchIntegrity(video: HTMLVideoElement, watcher: (s: IntegrityState) => void): () => void {
  let set = watchers.get(video);
  if (!set) watchers.set(video, (set = new Set()));
  set.add(watcher);
  const gate = gates.get(video);
  if (gate) watcher(gate.state);
  return () => set.delete(watcher);
}
