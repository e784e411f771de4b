/**
 * What the player's integrity checks need to know of a source (docs/integrity-provenance.md), and
 * what they found: types and the attribute's parsing only, so the script-tag loader (which plans
 * sources, playback/source-plan.ts) carries none of the checking code.
 *
 * Modes (the element's `integrity` attribute): `auto` verifies when the clip has a manifest and
 * plays unverified when it has none; `required` fails without one; `off` checks nothing.
 */
import type { ProvenancePayload } from '../contract/provenance.js';
import type { IntegrityFailureDetail } from './integrity-failure.js';

export type IntegrityMode = 'auto' | 'required' | 'off';

/** What a source asks of the checks (playback/source-plan.ts); the gate resolves the URLs (integrity-gate.ts). */
export interface IntegrityPlan {
  mode: Exclude<IntegrityMode, 'off'>;
  /** The master playlist's URL. */
  master: string;
  /** The `integrity-keys` attribute ('' for the CDN's own JWKS). */
  keys: string;
  /** The CDN base when playing by `video-id`, else ''. */
  cdnBaseUrl: string;
  /** What a relative `integrity-keys` is relative to (the page). */
  baseUrl: string;
  /** The clip id when playing by `video-id` (the manifest must be this clip's), else ''. */
  videoId: string;
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

export const parseIntegrityMode = (value: string | null | undefined): IntegrityMode => (value === 'off' || value === 'required' ? value : 'auto');
