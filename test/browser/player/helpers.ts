import { executeServerCommand } from '@web/test-runner-commands';
import { resetConfig } from '../../../src/config/config.js';
import '../../../src/elements/player/ine-player.js';
import type { InePlayer } from '../../../src/elements/player/ine-player.js';
import { waitFor as sharedWaitFor } from '../support/wait.js';
import { axeViolations as sharedAxeViolations } from '../support/axe.js';

export interface TestMedia {
  /** 'stand-in' (published through its S3 API, played from its CDN) or 'local' (fallback origin). */
  source: string;
  cdnBaseUrl: string;
  videoId: string;
  unpublishedId: string;
  missingId: string;
  master: string;
  mp4: string;
  badCodec: string;
  /** HLS (fMP4) in HEVC, which Chromium's MediaSource here cannot take. */
  hevcHls: string;
  /** A one-audio-track clip laid out as MediaConvert packages it: TS renditions, audio muxed, no audio group. */
  muxedTs: string;
}

/** The ffmpeg-made HLS ladder and its CDN-like server (test/browser/plugins/player.mjs); resets injected faults. */
export const media = (): Promise<TestMedia> => executeServerCommand<TestMedia, undefined>('ine-player-media');

/** Make the media server fail requests whose path contains `match` (`times` -1: until cleared; status 0: drop the connection). */
export const setFaults = (faults: Array<{ match: string; status?: number; times?: number }>): Promise<unknown> =>
  executeServerCommand('ine-player-faults', { faults });

export const hits = (): Promise<string[]> => executeServerCommand<string[], undefined>('ine-player-hits');

/** Wait until `check()` is truthy; the player's waits default to 30 s. */
export const waitFor = <T>(check: () => T, what: string, timeout = 30_000): Promise<NonNullable<T>> => sharedWaitFor(check, what, timeout);

/** Put an `<ine-player>` with these attributes on the page. */
export async function mount(attrs: Record<string, string | boolean>): Promise<InePlayer> {
  resetConfig();
  const el = document.createElement('ine-player');
  for (const [k, v] of Object.entries(attrs)) if (v !== false) el.setAttribute(k, v === true ? '' : v);
  el.style.width = '640px';
  document.body.append(el);
  await el.updateComplete;
  return el;
}

export const shadow = (el: InePlayer) => el.shadowRoot!;
export const q = <T extends Element = HTMLElement>(el: InePlayer, sel: string): T | null => el.shadowRoot!.querySelector<T>(sel);

/** Wait until the media time has advanced past `t`. */
export const playsPast = (el: InePlayer, t: number, what = `time past ${t}`) => waitFor(() => el.currentTime > t, what);

/** axe-core violations inside the player (WCAG 2.x A/AA and best practices; no preload of media/CSS). */
export const axeViolations = (el: Element): Promise<string[]> => sharedAxeViolations(el, { preload: false });

/** Press a key on the player's focused area (real keyboard input through Playwright). */
export { sendKeys } from '@web/test-runner-commands';
