/**
 * Above the queue: unfinished uploads offered as soon as the page opens (pick the same file to
 * continue), and rejected files as short notices that can be dismissed (they are not uploads, so
 * they are neither queue cards nor counted in the summary). Pure template functions.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { UnfinishedUpload } from '../../upload/upload-queue.js';
import type { IneErrorCode } from '../../internal/error-codes.js';

export interface RejectedNotice {
  id: string;
  fileName: string;
  code: IneErrorCode;
}

export interface NoticesView {
  t(key: string, ...args: unknown[]): string;
  percent(n: number): string;
  errorMessage(code: IneErrorCode): string;
  choose(): void;
  discard(fingerprint: string): void;
  dismiss(id: string): void;
}

export function renderUnfinished(list: UnfinishedUpload[], v: NoticesView): TemplateResult | typeof nothing {
  if (!list.length) return nothing;
  const { t } = v;
  return html`<section part="unfinished" aria-labelledby="unfinished-title">
    <p id="unfinished-title"><strong>${t('unfinished', list.length)}</strong></p>
    <ul>
      ${list.map(
        (u) => html`<li part="unfinished-item" data-fingerprint=${u.fingerprint}>
          <span>${t('unfinishedItem', u.title ?? u.fileName, v.percent(u.size ? (u.sent / u.size) * 100 : 0))}</span>
          <span class="actions">
            <button part="button button-primary" type="button" @click=${() => v.choose()}>${t('chooseToContinue')}</button>
            <button part="button" type="button" aria-label=${t('discardLabel', u.fileName)} @click=${() => v.discard(u.fingerprint)}>${t('discard')}</button>
          </span>
        </li>`,
      )}
    </ul>
  </section>`;
}

export function renderRejected(list: RejectedNotice[], v: NoticesView): TemplateResult | typeof nothing {
  if (!list.length) return nothing;
  const { t } = v;
  return html`<ul part="notices" aria-label=${t('rejectedLabel')}>
    ${list.map(
      (n) => html`<li part="notice" data-code=${n.code}>
        <span>${t('rejected', n.fileName, v.errorMessage(n.code))}</span>
        <button part="button" type="button" aria-label=${t('dismissLabel', n.fileName)} @click=${() => v.dismiss(n.id)}>${t('dismiss')}</button>
      </li>`,
    )}
  </ul>`;
}
