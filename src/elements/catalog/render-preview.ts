/** The editor's draft preview: the clip in an `<ine-player>` through its signed grant (draft-preview.ts). */
import { html, nothing, type TemplateResult } from 'lit';
import type { PreviewState } from './draft-preview.js';

type T = (key: string, ...args: unknown[]) => string;

export function renderPreview(
  t: T,
  p: PreviewState | undefined,
  errorText: (code: string) => string,
  time: (iso: string) => string,
): TemplateResult | typeof nothing {
  if (!p) return nothing;
  return html`<section class="preview" aria-labelledby="preview-heading">
    <h3 id="preview-heading">${t('previewTitle')}</h3>
    ${
      p.grant
        ? html`<ine-player
              part="preview"
              video-id=${p.videoId}
              .cdnBaseUrl=${p.grant.cdnBaseUrl}
              .signedQuery=${p.grant.query}
              preload="auto"
            ></ine-player>
            <p class="readonly">${t('previewNote', time(p.grant.expiresAt))}</p>`
        : p.error
          ? html`<p class="notice error" role="alert">${t('previewError')} ${errorText(p.error)}</p>`
          : html`<p aria-busy="true">${t('previewLoading')}</p>`
    }
  </section>`;
}
