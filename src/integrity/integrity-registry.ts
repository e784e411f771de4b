/**
 * Which integrity gate a `<video>` has (docs/integrity-provenance.md): the source that starts on it
 * clears it (playback/…/source-start.ts, in the script-tag loader) and the engine that checks
 * attaches its gate (integrity-gate.ts, a lazy chunk); the element's controller follows whatever
 * is there. Tiny on purpose: it is in the player's first download.
 */
import type { IntegrityGate, IntegrityState } from './integrity-plan.js';

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

/** A new source starts on `video`: whatever gate it had is stopped, and it has none until one attaches. */
export function clearIntegrity(video: HTMLVideoElement): void {
  const gate = gates.get(video);
  if (!gate) return;
  gate.stop();
  gates.delete(video);
  watchers.get(video)?.forEach((w) => w({ status: 'off' }));
}
