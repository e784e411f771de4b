/**
 * One file of the queue: name, state, progress, figures, its metadata form and its buttons.
 * Pure template function; the element passes in translation and the actions.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { UploadItem } from '../../upload/upload-queue.js';
import { CLIP_FORM, choiceOptions, type ClipFormControl } from '../../contract/clip-form.js';
import { fieldValue } from '../../contract/clip-fields.js';
import type { ValidationErrors } from '../../contract/clip-validate.js';
import { formatDuration } from './format.js';
import { failureTexts } from './packaging-text.js';
import type { IneErrorCode } from '../../internal/error-codes.js';

export interface ItemView {
  t(key: string, ...args: unknown[]): string;
  bytes(n: number): string;
  percent(n: number): string;
  number(n: number): string;
  errorMessage(code: IneErrorCode): string;
  /** The form's validation messages for this item, by field (empty when none). */
  fieldErrors(id: string): ValidationErrors;
  /** A field's validation message, translated. */
  errorText(field: string, reason: string): string;
  onSubmit(e: SubmitEvent, item: UploadItem): void;
  onFieldChange(e: Event, item: UploadItem): void;
  pause(id: string): void;
  resume(id: string): void;
  cancel(id: string): void;
  retry(id: string): void;
  remove(id: string): void;
}

const EDITABLE = new Set(['ready', 'queued', 'starting', 'uploading', 'waiting', 'paused', 'error']);
const SHOWS_PROGRESS = new Set(['queued', 'starting', 'uploading', 'waiting', 'paused', 'completing', 'complete', 'error']);

export function stateText(item: UploadItem, t: ItemView['t']): string {
  if (item.state === 'waiting') return t(`state.waiting.${item.waitingFor ?? 'backoff'}`);
  // Uploaded: then what packaging made of it.
  if (item.state === 'complete' && item.packaging) return t(`packaging.${item.packaging.status}`);
  return t(`state.${item.state}`);
}

/** A failed packaging: why, and what the uploader can do; a salvaged recording: what was lost. */
function renderPackaging(item: UploadItem, v: ItemView) {
  const p = item.packaging;
  if (p?.status === 'failed') {
    const { reason, advice } = failureTexts(p, v.t, v);
    return html`<div part="packaging-error" role="alert" data-code=${p.code}>
      <p>${reason}</p>
      <p><strong>${v.t('packaging.whatToDo')}</strong> ${advice}</p>
    </div>`;
  }
  if (p?.status === 'ready' && p.lostSeconds)
    return html`<p part="packaging-note">${v.t('packaging.incomplete', formatDuration(p.lostSeconds, v.t))}</p>`;
  return nothing;
}

export function renderItem(item: UploadItem, v: ItemView): TemplateResult {
  const { t } = v;
  const name = item.fileName;
  const pct = Math.floor(item.percent);
  return html`<li part="item" data-state=${item.state} data-packaging=${item.packaging?.status ?? nothing} data-id=${item.id}>
    <div class="head">
      <span part="file-name">${name}</span>
      <span part="state">${stateText(item, t)}</span>
    </div>
    <div class="muted">${v.bytes(item.size)}</div>
    ${item.error ? html`<p part="error" role="alert">${v.errorMessage(item.error.code)}</p>` : nothing}
    ${renderPackaging(item, v)}
    ${item.resumable && item.state === 'ready' ? renderResumable(item, v) : nothing}
    ${SHOWS_PROGRESS.has(item.state) ? renderProgress(item, pct, v) : nothing}
    ${
      item.sha256
        ? html`<p part="sha"><span>${t('sha256')}:</span> <code>${item.sha256}</code><br /><span class="muted">${t('shaHint')}</span></p>`
        : nothing
    }
    ${EDITABLE.has(item.state) ? renderForm(item, v) : nothing}
    ${renderActions(item, v)}
  </li>`;
}

/** A file picked again whose upload was begun earlier: how far it got, and that it continues from there. */
function renderResumable(item: UploadItem, v: ItemView) {
  const sent = item.resumeSent;
  if (sent === undefined || !item.size) return html`<p class="muted" part="resume-note">${v.t('resumable')}</p>`;
  const pct = (sent / item.size) * 100;
  return html`<p class="muted" part="resume-note">${v.t('resumedAt', v.percent(pct), v.bytes(sent), v.bytes(item.size))}</p>
    <div part="progress" role="progressbar" aria-label=${v.t('progressLabel', item.fileName)} aria-valuemin="0" aria-valuemax="100"
      aria-valuenow=${Math.floor(pct)}><div part="progress-indicator" style=${`width:${pct.toFixed(2)}%`}></div></div>`;
}

function renderProgress(item: UploadItem, pct: number, v: ItemView): TemplateResult {
  const { t } = v;
  return html`<div
      part="progress"
      role="progressbar"
      aria-label=${t('progressLabel', item.fileName)}
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${pct}
      aria-valuetext=${`${v.percent(item.percent)} · ${t('bytes', v.bytes(item.loaded), v.bytes(item.total))}`}
    >
      <div part="progress-indicator" style=${`width:${item.percent.toFixed(2)}%`}></div>
    </div>
    <div part="stats">
      <span>${t('bytes', v.bytes(item.loaded), v.bytes(item.total))}</span>
      <span>${v.percent(item.percent)}</span>
      ${item.speed > 0 ? html`<span>${t('speed', v.bytes(item.speed))}</span>` : nothing}
      ${item.eta !== undefined && item.state === 'uploading' ? html`<span>${t('eta', formatDuration(item.eta, t))}</span>` : nothing}
    </div>`;
}

function renderForm(item: UploadItem, v: ItemView): TemplateResult {
  const { t } = v;
  const id = (f: string) => `${item.id}-${f}`;
  const errors = v.fieldErrors(item.id);
  return html`<form part="form" novalidate @submit=${(e: SubmitEvent) => v.onSubmit(e, item)} @change=${(e: Event) => v.onFieldChange(e, item)}>
    <fieldset class="fields">
      <legend class="sr-only">${t('metadataLegend', item.fileName)}</legend>
      ${CLIP_FORM.map((c) => renderField(c, fieldValue(item.metadata, c.name), errors[c.name], id, v))}
    </fieldset>
    ${
      item.state === 'ready'
        ? html`<div class="actions wide"><button part="button button-primary" type="submit" aria-label=${t(item.resumable ? 'continueLabel' : 'uploadLabel', item.fileName)}>${t(item.resumable ? 'continue' : 'upload')}</button></div>`
        : nothing
    }
  </form>`;
}

/** One field of the metadata form, as the definition describes it (src/contract/clip-form.ts). */
function renderField(c: ClipFormControl, value: unknown, error: string | undefined, id: (f: string) => string, v: ItemView): TemplateResult {
  const { t } = v;
  const text = c.toText(value);
  const described = [c.hintKey ? id(`${c.name}-hint`) : '', error ? id(`${c.name}-error`) : ''].filter(Boolean).join(' ');
  const common = { id: id(c.name), invalid: error ? 'true' : 'false', described: described || nothing };
  const control =
    c.control === 'textarea'
      ? html`<textarea id=${common.id} name=${c.name} maxlength=${c.maxlength ?? nothing} aria-invalid=${common.invalid} aria-describedby=${common.described} .defaultValue=${text}></textarea>`
      : c.control === 'select'
        ? html`<select id=${common.id} name=${c.name} aria-invalid=${common.invalid} aria-describedby=${common.described}>
            <option value="" ?selected=${!text}>${t(`placeholder.${c.name}`)}</option>
            ${choiceOptions(c, value).map((o) => html`<option value=${o} ?selected=${text === o}>${o}</option>`)}
          </select>`
        : html`<input id=${common.id} name=${c.name} type=${c.control === 'datetime-local' ? 'datetime-local' : nothing} ?required=${c.required}
            autocomplete=${c.required ? 'off' : nothing} maxlength=${c.maxlength ?? nothing} value=${text}
            aria-invalid=${common.invalid} aria-describedby=${common.described} />`;
  return html`<div part="field" class=${c.wide ? 'wide' : nothing} data-field=${c.name}>
    <label for=${common.id}>${t(c.labelKey)}${c.required ? html` <span class="muted">(${t('required')})</span>` : nothing}</label>
    ${control}
    ${c.hintKey ? html`<span id=${id(`${c.name}-hint`)} class="muted">${t(c.hintKey)}</span>` : nothing}
    ${error ? html`<span id=${id(`${c.name}-error`)} part="error">${v.errorText(c.name, error)}</span>` : nothing}
  </div>`;
}

function renderActions(item: UploadItem, v: ItemView): TemplateResult {
  const { t } = v;
  const n = item.fileName;
  const s = item.state;
  const btn = (label: string, aria: string, fn: () => void) =>
    html`<button part="button" type="button" aria-label=${aria} @click=${fn}>${label}</button>`;
  const active = s === 'queued' || s === 'starting' || s === 'uploading' || s === 'waiting';
  return html`<div class="actions">
    ${active ? btn(t('pause'), t('pauseLabel', n), () => v.pause(item.id)) : nothing}
    ${s === 'paused' ? btn(t('resume'), t('resumeLabel', n), () => v.resume(item.id)) : nothing}
    ${s === 'error' ? btn(t('retry'), t('retryLabel', n), () => v.retry(item.id)) : nothing}
    ${active || s === 'paused' || s === 'error' || s === 'ready' ? btn(t('cancel'), t('cancelLabel', n), () => v.cancel(item.id)) : nothing}
    ${s === 'invalid' || s === 'complete' || s === 'cancelled' ? btn(t('remove'), t('removeLabel', n), () => v.remove(item.id)) : nothing}
  </div>`;
}
