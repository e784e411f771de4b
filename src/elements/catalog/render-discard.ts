/** "Discard unsaved changes?": asked when the editor is closed with edits not saved. Templates only. */
import { html, type TemplateResult } from 'lit';

type T = (key: string, ...args: unknown[]) => string;

export interface DiscardView {
  t: T;
  /** Keep editing (also Escape). */
  onKeep(): void;
  onDiscard(): void;
}

export function renderDiscard(v: DiscardView): TemplateResult {
  const t = v.t;
  return html`<dialog
    class="discard"
    part="dialog"
    role="alertdialog"
    aria-labelledby="discard-heading"
    aria-describedby="discard-text"
    @cancel=${(e: Event) => (e.preventDefault(), v.onKeep())}
  >
    <div class="dialog-body">
      <h2 id="discard-heading">${t('discardTitle')}</h2>
      <p id="discard-text">${t('discardText')}</p>
      <div class="actions">
        <button type="button" autofocus name="keep-editing" @click=${() => v.onKeep()}>${t('keepEditing')}</button>
        <button type="button" class="danger" name="discard" @click=${() => v.onDiscard()}>${t('discard')}</button>
      </div>
    </div>
  </dialog>`;
}
