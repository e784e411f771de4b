/** The admin's edit dialog (form, conflict resolution) and delete confirmation: templates only. */
import { html, nothing, type TemplateResult } from 'lit';
import { entryFromRecord } from '../../catalog/format.js';
import { statusOf } from '../../catalog/query.js';
import type { EditableFields, EditableKey } from '../../catalog/merge.js';
import type { ValidationErrors } from '../../catalog/validate.js';
import type { CatalogNotice, ConflictChoice, ConflictState, EditState } from '../../catalog/session.js';
import { CLIP_FORM, choiceOptions, errorText, type ClipFormControl } from '../../contract/clip-form.js';
import { fieldValue } from '../../contract/clip-fields.js';
import { failureText } from './render-item.js';

type T = (key: string, ...args: unknown[]) => string;

export interface EditorView {
  t: T;
  noticeText(n: CatalogNotice): string;
  confirmDelete: boolean;
  onField(e: Event): void;
  onSubmit(e: Event): void;
  onClose(): void;
  onTogglePublish(): void;
  onAskDelete(open: boolean): void;
  onDelete(): void;
  onChoose(field: EditableKey, choice: ConflictChoice, custom?: string): void;
  onResolve(e: Event): void;
  /** The clip's caption tracks (render-captions.ts), under the form. */
  captions?: TemplateResult | typeof nothing;
  /** The clip's change history (render-history.ts), shown under the form in admin mode. */
  history?: TemplateResult;
  /** Shown under the status line (the draft preview). */
  extra?: TemplateResult | typeof nothing;
}

/** One field of the edit form, as the definition describes it (src/contract/clip-form.ts). */
function renderField(v: EditorView, c: ClipFormControl, f: EditableFields, error: string | undefined): TemplateResult {
  const t = v.t;
  const value = fieldValue(f, c.name);
  const on = (e: Event) => v.onField(e);
  const a11y = { invalid: error ? 'true' : 'false', described: error ? `err-${c.name}` : nothing };
  const control =
    c.control === 'textarea'
      ? html`<textarea name=${c.name} rows="3" maxlength=${c.maxlength ?? nothing} aria-invalid=${a11y.invalid} aria-describedby=${a11y.described} .value=${c.toText(value)} @input=${on}></textarea>`
      : c.control === 'select'
        ? html`<select name=${c.name} aria-invalid=${a11y.invalid} aria-describedby=${a11y.described} @change=${on}>
            <option value="" ?selected=${!value}>—</option>
            ${choiceOptions(c, value).map((s) => html`<option value=${s} ?selected=${s === value}>${s}</option>`)}
          </select>`
        : html`<input
            name=${c.name}
            type=${c.control === 'datetime-local' ? 'datetime-local' : nothing}
            .value=${c.toText(value)}
            maxlength=${c.maxlength ?? nothing}
            ?required=${c.required}
            aria-invalid=${a11y.invalid}
            aria-describedby=${a11y.described}
            @input=${c.commitOn === 'input' ? on : nothing}
            @change=${c.commitOn === 'change' ? on : nothing}
          />`;
  return html`<label class=${c.wide ? 'wide' : nothing}
    >${t(c.labelKey)}${c.required ? ' *' : ''}${c.hintKey ? html` <span class="readonly">(${t(c.hintKey)})</span>` : nothing}
    ${control}
    ${error ? html`<span class="field-error" id=${`err-${c.name}`}>${errorText(t, c.name, error)}</span>` : nothing}
  </label>`;
}

export function renderEditor(v: EditorView, ed: EditState): TemplateResult {
  const t = v.t;
  const f = ed.form;
  const err = (k: EditableKey) => ed.errors[k as keyof ValidationErrors];
  const busy = !!ed.busy;
  const ready = ed.record?.status === 'ready';
  const status = ed.record ? statusOf(entryFromRecord(ed.record, 'index')) : undefined;
  const editable = f && !ed.conflict;
  // Why "Publicar" cannot be pressed, said in words next to it (a disabled button's title is not read).
  const publishBlocked = !ready && !ed.base?.published;
  const publishReason = publishBlocked ? t(ed.record?.status === 'failed' ? 'publishFailed' : 'publishProcessing') : '';
  return html`<dialog class="edit" part="dialog" aria-labelledby="edit-heading" @cancel=${(e: Event) => (e.preventDefault(), v.onClose())}>
      <form class="dialog-body" @submit=${(e: Event) => v.onSubmit(e)} novalidate>
        <h2 id="edit-heading">${t('editTitle', ed.title)}</h2>
        ${ed.notice ? html`<p class="notice ${ed.notice.kind}" role=${ed.notice.kind === 'error' ? 'alert' : 'status'}>${v.noticeText(ed.notice)}</p>` : nothing}
        ${ed.loading ? html`<p aria-busy="true">${t('loadingRecord')}</p>` : nothing}
        ${
          ed.record
            ? html`<p class="readonly">
              <span class="badge ${status}">${t(`status.${status}`)}</span>
              ${ed.record.failureReason ? html` <span title=${ed.record.failureReason}>${t('failureReason')}: ${failureText(t, ed.record)}</span>` : nothing}
            </p>`
            : nothing
        }
        ${v.extra ?? nothing} ${ed.conflict ? renderConflict(v, ed, ed.conflict) : nothing}
        ${editable ? html`<div class="form-grid">${CLIP_FORM.map((c) => renderField(v, c, f, err(c.name)))}</div>` : nothing}
        <div class="actions">
          ${
            editable
              ? html`<button type="button" class="danger" ?disabled=${busy} @click=${() => v.onAskDelete(true)}>${t('delete')}</button>
                <button
                  type="button"
                  name="publish"
                  ?disabled=${busy || publishBlocked}
                  aria-describedby=${publishBlocked ? 'publish-reason' : nothing}
                  @click=${() => v.onTogglePublish()}
                >
                  ${ed.base?.published ? t('unpublish') : t('publish')}
                </button>`
              : nothing
          }
          ${editable && publishBlocked ? html`<span class="readonly publish-reason" id="publish-reason">${publishReason}</span>` : nothing}
          <span class="spacer"></span>
          <button type="button" @click=${() => v.onClose()}>${t('close')}</button>
          ${editable ? html`<button type="submit" class="primary" ?disabled=${busy}>${ed.busy === 'save' ? t('saving') : t('save')}</button>` : nothing}
        </div>
        ${editable ? (v.captions ?? nothing) : nothing} ${v.history ?? nothing}
      </form>
    </dialog>
    ${
      v.confirmDelete
        ? html`<dialog class="delete" part="dialog" aria-labelledby="delete-heading" aria-describedby="delete-text" @cancel=${(e: Event) => (e.preventDefault(), v.onAskDelete(false))}>
          <div class="dialog-body">
            <h2 id="delete-heading">${t('deleteTitle')}</h2>
            <p id="delete-text">${t('deleteConfirm', ed.title)}</p>
            <div class="actions">
              <button type="button" autofocus @click=${() => v.onAskDelete(false)}>${t('cancel')}</button>
              <button type="button" class="primary" name="confirm-delete" @click=${() => v.onDelete()}>${t('delete')}</button>
            </div>
          </div>
        </dialog>`
        : nothing
    }`;
}

function show(t: T, x: unknown): string {
  if (x === undefined || x === null || x === '' || (Array.isArray(x) && !x.length)) return t('empty_value');
  if (Array.isArray(x)) return x.join(', ');
  if (typeof x === 'boolean') return t(x ? 'yes' : 'no');
  return String(x);
}

function renderConflict(v: EditorView, ed: EditState, c: ConflictState): TemplateResult {
  const t = v.t;
  const radio = (field: EditableKey, choice: ConflictChoice) =>
    html`<input type="radio" name=${`resolve-${field}`} value=${choice} .checked=${c.choices[field] === choice} @change=${() => v.onChoose(field, choice)} />`;
  return html`<div class="conflict" role="alert">
      <h3>${t('conflictTitle')}</h3>
      <p>${t('conflictHelp')}</p>
      ${c.conflicts.map(
        (x) => html`<fieldset data-field=${x.field}>
          <legend>${x.field === 'published' ? t('status') : t(`field.${x.field}`)}</legend>
          <label class="choice">${radio(x.field, 'mine')} ${t('keepMine')}: <q>${show(t, x.mine)}</q></label>
          <label class="choice">${radio(x.field, 'theirs')} ${t('takeTheirs')}: <q>${show(t, x.theirs)}</q></label>
          ${
            x.field !== 'published'
              ? html`<label class="choice"
                >${radio(x.field, 'edit')} ${t('editValue')}
                <input
                  aria-label=${`${t(`field.${x.field}`)}: ${t('editValue')}`}
                  name=${`custom-${x.field}`}
                  .value=${c.custom[x.field] ?? show(t, x.mine).replace(t('empty_value'), '')}
                  @input=${(e: Event) => v.onChoose(x.field, 'edit', (e.target as HTMLInputElement).value)}
              /></label>`
              : nothing
          }
        </fieldset>`,
      )}
    </div>
    <div class="actions">
      <button type="button" class="primary" name="resolve" ?disabled=${!!ed.busy} @click=${(e: Event) => v.onResolve(e)}>${t('resolve')}</button>
    </div>`;
}
