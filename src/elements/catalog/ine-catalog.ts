import { html, css } from 'lit';
import { property } from 'lit/decorators.js';
import { IneElement } from '../../internal/ine-element.js';
import { ConfigController } from '../../internal/config-controller.js';
import { LocalizeController } from '../../i18n/localize.js';
import { defineElement } from '../../internal/define.js';
import './lang/index.js';

/**
 * @tagname ine-catalog
 * @summary Browses and searches published clips; in `admin` mode edits, publishes, unpublishes and deletes them.
 *
 * @event ine-select - A clip was chosen; `detail: { videoId, record }`.
 *
 * @csspart list - The list or grid of clips.
 *
 * @cssproperty --ine-catalog-accent - Accent colour.
 */
export class IneCatalog extends IneElement {
  static override styles = css`
    :host { display: block; --ine-catalog-accent: #d5007f; }
  `;

  protected readonly i18n = new LocalizeController(this, 'catalog');
  private readonly cfg = new ConfigController(this, () => ({ cdnBaseUrl: this.cdnBaseUrl }));

  /** CDN base URL for this element, overriding the page configuration. */
  @property({ attribute: 'cdn-base-url' }) cdnBaseUrl = '';

  /** Id of the `<ine-player>` that plays the selected clip. */
  @property({ attribute: 'for' }) for = '';

  /** Admin mode: drafts too, and editing (needs admin credentials). */
  @property({ type: Boolean, reflect: true }) admin = false;

  override render() {
    return html`<div part="list" role="list" aria-label=${this.i18n.t('clips')}></div>`;
  }
}

defineElement('ine-catalog', IneCatalog);

declare global {
  interface HTMLElementTagNameMap {
    'ine-catalog': IneCatalog;
  }
}
