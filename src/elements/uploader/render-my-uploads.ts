/**
 * "Mis envíos" (src/upload/my-uploads.ts): each upload with its title and stage; while processing,
 * the packager's step, progress and estimate; once failed, the translated reason and what to do.
 * Pure template function; the element passes in translation, formats and the action.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { MyUpload } from '../../upload/my-uploads.js';
import { formatDuration } from './format.js';
import { failureTexts, type FigureFormat } from './packaging-text.js';

export interface MyUploadsView extends FigureFormat {
  t(key: string, ...args: unknown[]): string;
  /** 0–100 as a percentage in the page's language. */
  percent(n: number): string;
  dateTime(iso: string): string;
  forget(key: string): void;
}

export function renderMyUploads(items: MyUpload[], v: MyUploadsView): TemplateResult | typeof nothing {
  if (!items.length) return nothing;
  const { t } = v;
  return html`<section part="my-uploads" aria-labelledby="my-uploads-title">
    <h2 id="my-uploads-title" part="my-uploads-title">${t('myUploads')}</h2>
    <p class="muted">${t('myUploadsHint')}</p>
    <ul part="my-uploads-list">
      ${repeat(
        items,
        (m) => m.key,
        (m) => renderEntry(m, v),
      )}
    </ul>
  </section>`;
}

function renderEntry(m: MyUpload, v: MyUploadsView): TemplateResult {
  const { t } = v;
  const settledOrWaiting = m.stage === 'review' || m.stage === 'published' || m.stage === 'failed';
  return html`<li part="my-upload" data-stage=${m.stage} data-key=${m.key}>
    <div class="head">
      <span part="my-upload-title">${m.title}</span>
      <span part="stage" data-stage=${m.stage}>${t(`stage.${m.stage}`)}</span>
    </div>
    <div class="muted">${m.fileName} · ${t('sentAt', v.dateTime(m.sentAt))}</div>
    ${renderStage(m, v)}
    ${
      settledOrWaiting
        ? html`<div class="actions"><button part="button" type="button" aria-label=${t('forgetLabel', m.title)} @click=${() => v.forget(m.key)}>${t('forget')}</button></div>`
        : nothing
    }
  </li>`;
}

function renderStage(m: MyUpload, v: MyUploadsView) {
  const { t } = v;
  const p = m.packaging;
  if (m.stage === 'failed' && p?.status === 'failed') {
    const { reason, advice } = failureTexts(p, t, v);
    return html`<div part="packaging-error" data-code=${p.code}>
      <p>${reason}</p>
      <p><strong>${t('packaging.whatToDo')}</strong> ${advice}</p>
    </div>`;
  }
  if (m.stage === 'uploading') return bar(t('progressLabel', m.title), m.percent ?? 0, t('stageHint.uploading'), v);
  if (m.stage === 'processing') {
    const progress = p?.status === 'processing' ? p.progress : undefined;
    const pct = (progress?.fraction ?? 0) * 100;
    const step = t(`step.${progress?.step ?? 'waiting'}`);
    const eta = progress?.etaSeconds !== undefined ? t('processingEta', formatDuration(progress.etaSeconds, t)) : '';
    return bar(t('processingLabel', m.title), pct, [step, eta].filter(Boolean).join(' · '), v);
  }
  return html`<p class="muted" part="stage-hint">${t(`stageHint.${m.stage}`)}</p>`;
}

function bar(label: string, pct: number, text: string, v: MyUploadsView): TemplateResult {
  const value = Math.floor(pct);
  return html`<div part="progress" role="progressbar" aria-label=${label} aria-valuemin="0" aria-valuemax="100" aria-valuenow=${value}
      aria-valuetext=${`${v.percent(pct)} · ${text}`}>
      <div part="progress-indicator" style=${`width:${pct.toFixed(2)}%`}></div>
    </div>
    <div part="stats"><span>${text}</span><span>${v.percent(pct)}</span></div>`;
}
