import { html, nothing, type TemplateResult } from 'lit';
import type { Rendition } from '../hls-engine.js';
import { audioOptions, type AudioTrackInfo } from '../../../playback/audio-tracks.js';

export interface SettingsView {
  t: (key: string, ...args: unknown[]) => string;
  rate: number;
  renditions: Rendition[];
  /** Chosen rendition index, -1 for automatic. */
  chosen: number;
  /** Rendition playing now (shown next to "Auto"). */
  playing: number;
  captions: Array<{ label: string; lang?: string }>;
  /** Caption track shown, -1 none. */
  caption: number;
  /** The clip's audio tracks (a menu when there are two or more). */
  audioTracks: AudioTrackInfo[];
  /** The audio track playing, -1 unknown. */
  audioTrack: number;
  onRate(rate: number): void;
  onQuality(index: number): void;
  onCaption(index: number): void;
  onAudio(index: number): void;
}

export const RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];

const quality = (r: Rendition): string => (r.height ? `${r.height}p` : `${Math.round(r.bitrate / 1000)} kbps`);

/**
 * The settings panel: speed, quality (hls.js path only: native HLS exposes no renditions), audio
 * track (clips with several) and captions, as native `<select>`s: keyboard, screen-reader and
 * touch friendly for free. Track names are in their own language (`English` on a Spanish page),
 * marked with `lang` so that a screen reader says them in it.
 */
export function settingsPanel(v: SettingsView): TemplateResult {
  const { t } = v;
  const playing = v.renditions.find((r) => r.index === v.playing);
  return html`<div class="panel" part="settings" id="settings" role="group" aria-label=${t('settings')}>
    <label>${t('speed')}
      <select name="rate" @change=${(e: Event) => v.onRate(Number((e.target as HTMLSelectElement).value))}>
        ${RATES.map((r) => html`<option value=${r} ?selected=${r === v.rate}>${r === 1 ? t('normalSpeed') : `${r}×`}</option>`)}
      </select>
    </label>
    ${
      v.renditions.length > 1
        ? html`<label>${t('quality')}
          <select name="quality" @change=${(e: Event) => v.onQuality(Number((e.target as HTMLSelectElement).value))}>
            <option value="-1" ?selected=${v.chosen === -1}>${playing ? t('autoWith', quality(playing)) : t('auto')}</option>
            ${[...v.renditions].sort((a, b) => b.bitrate - a.bitrate).map((r) => html`<option value=${r.index} ?selected=${v.chosen === r.index}>${quality(r)}</option>`)}
          </select>
        </label>`
        : nothing
    }
    ${
      v.audioTracks.length > 1
        ? html`<label>${t('audioTrack')}
          <select name="audio" @change=${(e: Event) => v.onAudio(Number((e.target as HTMLSelectElement).value))}>
            ${audioOptions(v.audioTracks).map((a) => html`<option value=${a.index} lang=${a.lang || nothing} ?selected=${v.audioTrack === a.index}>${a.label}</option>`)}
          </select>
        </label>`
        : nothing
    }
    ${
      v.captions.length
        ? html`<label>${t('captions')}
          <select name="captions" @change=${(e: Event) => v.onCaption(Number((e.target as HTMLSelectElement).value))}>
            <option value="-1" ?selected=${v.caption === -1}>${t('captionsOff')}</option>
            ${v.captions.map((c, i) => html`<option value=${i} lang=${c.lang && c.lang !== 'und' ? c.lang : nothing} ?selected=${v.caption === i}>${c.label}</option>`)}
          </select>
        </label>`
        : nothing
    }
  </div>`;
}
