/**
 * The "Verificado" badge (docs/integrity-provenance.md): what the integrity gate found, over the
 * video's top corner. Verified: a disclosure with the manifest's details (source hash, upload and
 * packaging times, key id, files checked so far). Failed: the same disclosure, open, saying what
 * failed. A chunk of its own, loaded only for clips that are verified.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { IntegrityState } from '../../../integrity/integrity-plan.js';

const STYLES = `
.integrity{position:absolute;top:.5rem;left:.5rem;z-index:3;max-width:calc(100% - 1rem);font:600 .8125rem/1.3 var(--ine-player-font,system-ui,sans-serif);color:var(--ine-player-fg,#fff)}
.integrity>span,.integrity summary{display:inline-flex;align-items:center;gap:.35em;padding:.25rem .55rem;border-radius:999px;background:var(--ine-player-bar-bg,rgba(0,0,0,.72))}
.integrity summary{cursor:pointer;list-style:none;min-height:24px}
.integrity summary::-webkit-details-marker{display:none}
.integrity summary:focus-visible{outline:3px solid var(--ine-player-focus,#ffd400);outline-offset:2px}
.integrity[data-status=verified] summary{background:#0b6b2f}
.integrity[data-status=failed] summary{background:#b00020}
.integrity .panel{margin-top:.35rem;padding:.6rem .75rem;border-radius:6px;background:var(--ine-player-bar-bg,rgba(0,0,0,.86));font-weight:400;max-height:12rem;overflow:auto}
.integrity dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:.2rem .6rem}
.integrity dt{font-weight:600}
.integrity dd{margin:0;overflow-wrap:anywhere}
.integrity code{font-size:.75rem}
.integrity p{margin:0 0 .4rem}
`;

export interface BadgeText {
  /** The player's translations (its `integrity.*` messages, among the ones loaded on first use). */
  t(key: string): string;
  /** A date-time in the viewer's language and time zone. */
  date(iso: string): string;
}

export function integrityBadge(state: IntegrityState, text: BadgeText): TemplateResult | typeof nothing {
  const { date } = text;
  const t = (key: string) => text.t(`integrity.${key}`);
  if (state.status === 'verifying') {
    return html`<style>
        ${STYLES}
      </style>
      <div class="integrity" part="integrity" data-status="verifying"><span role="status" aria-label=${t('verifyingLong')}>${t('verifying')}</span></div>`;
  }
  if (state.status === 'verified') {
    const { payload, kid, checked } = state;
    return html`<style>
        ${STYLES}
      </style>
      <div class="integrity" part="integrity" data-status="verified">
        <details>
          <summary aria-label=${t('verifiedLong')}><span aria-hidden="true">✓</span> ${t('verified')}</summary>
          <div class="panel" role="group" tabindex="0" aria-label=${t('details')}>
            <dl>
              <dt>${t('sourceHash')}</dt>
              <dd><code>${payload.source.sha256}</code></dd>
              <dt>${t('uploadedAt')}</dt>
              <dd>${date(payload.source.uploadedAt)}</dd>
              <dt>${t('packagedAt')}</dt>
              <dd>${date(payload.packagedAt)}</dd>
              <dt>${t('keyId')}</dt>
              <dd><code>${kid}</code></dd>
              <dt>${t('checkedFiles')}</dt>
              <dd>${checked}</dd>
            </dl>
          </div>
        </details>
      </div>`;
  }
  if (state.status === 'failed') {
    const f = state.failure;
    return html`<style>
        ${STYLES}
      </style>
      <div class="integrity" part="integrity" data-status="failed" data-code=${f.code}>
        <details open>
          <summary aria-label=${t('failedLong')}><span aria-hidden="true">✗</span> ${t('failed')}</summary>
          <div class="panel" role="group" tabindex="0" aria-label=${t('details')}>
            <p>${t(`failure.${f.code}`)}</p>
            <dl>
              <dt>${t('whatFailed')}</dt>
              <dd>${t(`target.${f.target}`)}${f.path ? html`: <code>${f.path}</code>` : nothing}</dd>
              ${f.kid ? html`<dt>${t('keyId')}</dt><dd><code>${f.kid}</code></dd>` : nothing}
            </dl>
          </div>
        </details>
      </div>`;
  }
  return nothing;
}
