import { html, css } from 'lit';
import { property } from 'lit/decorators.js';
import { IneElement } from '../../internal/ine-element.js';
import { ConfigController } from '../../internal/config-controller.js';
import { LocalizeController } from '../../i18n/localize.js';
import { defineElement } from '../../internal/define.js';
import './lang/index.js';

/**
 * @tagname ine-player
 * @summary Plays a published clip's HLS from the CDN (native HLS or hls.js, loaded on demand), with Spanish-first accessible controls.
 *
 * @event ine-error - Playback failed; `detail: { code, message }`.
 *
 * @csspart video - The `<video>` element.
 * @csspart controls - The control bar.
 *
 * @cssproperty --ine-player-accent - Accent colour of the controls.
 */
export class InePlayer extends IneElement {
  static override styles = css`
    :host { display: block; position: relative; background: #000; color: #fff; aspect-ratio: 16 / 9; --ine-player-accent: #d5007f; }
    video { width: 100%; height: 100%; display: block; }
  `;

  protected readonly i18n = new LocalizeController(this, 'player');
  private readonly cfg = new ConfigController(this, () => ({ cdnBaseUrl: this.cdnBaseUrl }));

  /** Id of a published clip, resolved to `<cdn-base-url>/media/<id>/master.m3u8`. */
  @property({ attribute: 'video-id', reflect: true }) videoId = '';

  /** Any HLS (`.m3u8`) or mp4 URL; wins over `video-id`. */
  @property() src = '';

  /** CDN base URL for this element, overriding the page configuration. */
  @property({ attribute: 'cdn-base-url' }) cdnBaseUrl = '';

  /** The source URL that will be played. */
  get resolvedSrc(): string {
    if (this.src) return this.src;
    if (!this.videoId) return '';
    const base = this.cfg.value.cdnBaseUrl.replace(/\/$/, '');
    return `${base}/media/${encodeURIComponent(this.videoId)}/master.m3u8`;
  }

  override render() {
    return html`<video part="video" aria-label=${this.i18n.t('videoLabel')}></video><div part="controls" role="group" aria-label=${this.i18n.t('controls')}></div>`;
  }
}

defineElement('ine-player', InePlayer);

declare global {
  interface HTMLElementTagNameMap {
    'ine-player': InePlayer;
  }
}
