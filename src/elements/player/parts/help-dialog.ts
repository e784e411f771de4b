import { html, type TemplateResult } from 'lit';
import { SHORTCUTS } from '../../../playback/shortcut-list.js';

/** The `?` help: a modal `<dialog>` listing the keyboard shortcuts (Esc or the button closes it). */
export function helpDialog(t: (key: string) => string): TemplateResult {
  return html`<dialog part="help" aria-labelledby="help-title">
    <h2 id="help-title">${t('help')}</h2>
    <dl>
      ${SHORTCUTS.map(
        (s) => html`<dt>${s.keys.map((k, i) => html`${i ? ' / ' : ''}<kbd>${k.startsWith('key.') ? t(k) : k}</kbd>`)}</dt><dd>${t(s.label)}</dd>`,
      )}
    </dl>
    <form method="dialog"><button class="text-button">${t('close')}</button></form>
  </dialog>`;
}
