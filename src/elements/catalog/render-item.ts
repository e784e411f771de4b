/** One clip in the catalog's list or grid: template only. */
import { keyed } from 'lit/directives/keyed.js';
import { html, nothing, type TemplateResult } from 'lit';
import { statusOf } from '../../catalog/query.js';
import type { CatalogEntry } from '../../catalog/format.js';
import { formatDuration } from './format.js';
import { momentLabel, type CaptionMoment } from '../../catalog/caption-moment.js';

type T = (key: string, ...args: unknown[]) => string;

/**
 * A failure in the page's language when its code has a text (the detailed English reason, with
 * its figures, stays in the title); records without a code, or with a newer one, show the reason.
 */
export function failureText(t: T, f: { failureReason?: string; failureCode?: string }): string {
  const key = `failure.${f.failureCode}`;
  const text = f.failureCode ? t(key) : key;
  return text !== key ? text : (f.failureReason ?? '');
}

/** Poster URL on the CDN; none for admin-only clips (the CDN serves published clips only). */
export function posterUrl(e: CatalogEntry, admin: boolean, cdnBaseUrl: string): string | undefined {
  if (!e.poster) return undefined;
  if (admin && statusOf(e) !== 'published') return undefined;
  const base = cdnBaseUrl.replace(/\/+$/, '');
  return base ? `${base}/media/${encodeURIComponent(e.id)}/${e.poster}` : undefined;
}

export interface ItemView {
  t: T;
  date: (iso: string) => string;
  admin: boolean;
  cdnBaseUrl: string;
  active: boolean;
  selected: boolean;
  /** Where a caption hit's words are said (caption-moments.ts). */
  moment?: CaptionMoment;
  onChoose(): void;
  onFocus(): void;
}

export function renderItem(e: CatalogEntry, v: ItemView): TemplateResult {
  const t = v.t;
  const poster = posterUrl(e, v.admin, v.cdnBaseUrl);
  const status = v.admin ? statusOf(e) : undefined;
  const meta = [e.outlet, e.program].filter(Boolean).join(' · ');
  const when = e.broadcastAt ? v.date(e.broadcastAt) : '';
  // A poster that fails to load is hidden, leaving the "no poster" placeholder: nothing to report.
  // Options take the pointer; the keyboard works on the listbox (aria-activedescendant), as ARIA's listbox pattern says.
  // eslint-disable-next-line lit-a11y/click-events-have-key-events
  return html`<div
    role="option"
    part="item"
    id=${`clip-${e.id}`}
    data-id=${e.id}
    tabindex=${v.active ? 0 : -1}
    aria-selected=${v.selected ? 'true' : 'false'}
    @click=${() => v.onChoose()}
    @focus=${() => v.onFocus()}
  >
    <div class="thumb">
      <span aria-hidden="true">${t('noPoster')}</span>
      ${
        // A new image per saved version: one refused while a publication was on its way (shown at
        // once, before the CDN knew) is asked again once the change is saved, not left hidden.
        poster
          ? keyed(e.updatedAt, html`<img src=${poster} alt="" loading="lazy" @error=${(ev: Event) => ((ev.target as HTMLElement).hidden = true)} />`)
          : nothing
      }
      ${e.durationSeconds !== undefined ? html`<span class="duration"><span class="visually-hidden">${t('duration')}: </span>${formatDuration(e.durationSeconds)}</span>` : nothing}
    </div>
    <div class="body">
      <p class="title">${e.title}</p>
      ${meta ? html`<span class="meta">${meta}</span>` : nothing}
      ${when || e.state ? html`<span class="meta">${[when, e.state].filter(Boolean).join(' · ')}</span>` : nothing}
      ${
        v.moment
          ? html`<span class="moment" part="moment"
              ><span class="visually-hidden">${t('saidAt')}: </span><span lang=${v.moment.lang}>«${v.moment.quote}»</span>
              <time datetime=${`PT${Math.floor(v.moment.start)}S`}>${momentLabel(v.moment.start)}</time></span
            >`
          : nothing
      }
      ${status ? html`<span class="badge ${status}">${t(`status.${status}`)}</span>` : nothing}
      ${status === 'failed' && e.failureReason ? html`<span class="meta" title=${e.failureReason}>${t('failureReason')}: ${failureText(t, e)}</span>` : nothing}
    </div>
  </div>`;
}
