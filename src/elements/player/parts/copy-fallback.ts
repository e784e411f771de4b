import { html, type TemplateResult } from 'lit';

/** The field to copy the link by hand from, when copying failed. */
export const copyFallbackPanel = (t: (key: string) => string, url: string): TemplateResult =>
  html`<div class="panel" part="settings"><label>${t('copyFailed')}<input readonly .value=${url} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} /></label></div>`;

/**
 * Copying without the Clipboard API (an insecure page, permission denied): the old way, through
 * a selected `<textarea>` and `execCommand('copy')`. False when that fails too (the player then
 * shows a field to copy by hand). In the lazy chunk: rarely needed.
 */
export function copyWithTextarea(root: Node, text: string): boolean {
  const ta = document.createElement('textarea');
  ta.value = text;
  root.appendChild(ta);
  ta.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    ta.remove();
  }
}

/** Copy `text`: the Clipboard API, else the old way; false when both are refused. */
export async function copyText(root: Node, text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyWithTextarea(root, text);
  }
}
