/**
 * The history of a clip in `<ine-catalog admin>`'s editor: who changed what, when, field by field
 * (before → after), read through the Web API (src/catalog/clip-history.ts). Shown on request (a
 * disclosure button), newest first; each change is a table with a caption, so a screen reader
 * announces field, before and after together.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { IneConfig } from '../../config/types.js';
import { historyRows, loadClipHistory, type HistoryEntry, type HistoryRow } from '../../catalog/clip-history.js';
import { IneError } from '../../internal/errors.js';
import type { IneErrorCode } from '../../internal/error-codes.js';

type T = (key: string, ...args: unknown[]) => string;

export const historyStyles = css`
  .history { margin-top: 1rem; border-top: 1px solid var(--ine-catalog-border); padding-top: 0.5rem; }
  .history h3 { margin: 0; font-size: 1rem; }
  .history-list { list-style: none; margin: 0.5rem 0 0; padding: 0; display: grid; gap: 0.75rem; }
  .history-head { margin: 0 0 0.25rem; }
  .history table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
  .history th, .history td { text-align: start; padding: 0.25rem 0.5rem; border-bottom: 1px solid var(--ine-catalog-border); vertical-align: top; overflow-wrap: anywhere; }
  .history del { color: var(--ine-catalog-muted); }
  .history ins { text-decoration: none; font-weight: 600; }
`;

type HistoryState =
  | { id: string; phase: 'closed' }
  | { id: string; phase: 'loading' }
  | { id: string; phase: 'ready'; rows: HistoryRow[] }
  | { id: string; phase: 'error'; code: IneErrorCode };

async function loadWithLogin(config: IneConfig, id: string): Promise<HistoryEntry[]> {
  if (!config.apiUrl) throw new IneError('Config', 'apiUrl is not configured');
  const { sharedCredentials } = await import('../../auth/credentials.js');
  const credentials = sharedCredentials(config);
  return loadClipHistory(config.apiUrl, (force) => credentials.accessToken(force), id);
}

/** Loads and keeps the open clip's history; the host re-renders when it changes. */
export class ClipHistoryController implements ReactiveController {
  private state: HistoryState = { id: '', phase: 'closed' };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: () => Promise<IneConfig>,
    /** Where entries come from (default: the Web API with the page's login; stories pass fixtures). */
    private readonly load: (config: IneConfig, id: string) => Promise<HistoryEntry[]> = loadWithLogin,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The state for clip `id` (a different clip starts closed). */
  of(id: string): HistoryState {
    return this.state.id === id ? this.state : { id, phase: 'closed' };
  }

  close(id: string): void {
    this.set({ id, phase: 'closed' });
  }

  async open(id: string): Promise<void> {
    this.set({ id, phase: 'loading' });
    try {
      const entries = await this.load(await this.config(), id);
      if (this.state.id === id) this.set({ id, phase: 'ready', rows: historyRows(entries) });
    } catch (e) {
      if (this.state.id === id) this.set({ id, phase: 'error', code: e instanceof IneError ? e.code : 'Unknown' });
    }
  }

  private set(s: HistoryState): void {
    this.state = s;
    this.host.requestUpdate();
  }
}

export interface HistoryView {
  t: T;
  /** Localized date and time. */
  date(iso: string): string;
  errorMessage(code: IneErrorCode): string;
}

function value(t: T, field: string, x: unknown): string {
  if (x === undefined || x === null || x === '' || (Array.isArray(x) && !x.length)) return t('empty_value');
  if (Array.isArray(x)) return x.join(', ');
  if (typeof x === 'boolean') return t(x ? 'yes' : 'no');
  if (field === 'status' && typeof x === 'string') return t(`history.status.${x}`);
  return String(x);
}

const fieldLabel = (t: T, field: string) => (field === 'published' || field === 'status' ? t(`history.field.${field}`) : t(`field.${field}`));

function renderRow(v: HistoryView, r: HistoryRow): TemplateResult {
  const t = v.t;
  const who = `${r.actor.sub}${r.actor.clientId ? ` · ${r.actor.clientId}` : ''} (${t(`history.role.${r.actor.role}`)})`;
  const what = t(`history.action.${r.action}`);
  return html`<li>
    <p class="history-head">
      <time datetime=${r.at}>${v.date(r.at)}</time> · <strong>${who}</strong> · ${what}
      ${r.recovered ? html`<span class="readonly"> (${t(r.recovered.confirmed ? 'history.recovered' : 'history.unconfirmed')})</span>` : nothing}
    </p>
    ${
      r.changes.length
        ? html`<table>
            <caption class="visually-hidden">${t('history.caption', what, v.date(r.at))}</caption>
            <thead>
              <tr>
                <th scope="col">${t('history.field')}</th>
                <th scope="col">${t('history.before')}</th>
                <th scope="col">${t('history.after')}</th>
              </tr>
            </thead>
            <tbody>
              ${r.changes.map(
                (c) => html`<tr>
                  <th scope="row">${fieldLabel(t, c.field)}</th>
                  <td><del>${value(t, c.field, c.before)}</del></td>
                  <td><ins>${value(t, c.field, c.after)}</ins></td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="readonly">${t('history.noFieldChanges')}</p>`
    }
  </li>`;
}

/** The history section of clip `id`'s editor. */
export function renderHistory(v: HistoryView, history: ClipHistoryController, id: string): TemplateResult {
  const t = v.t;
  const s = history.of(id);
  const open = s.phase !== 'closed';
  return html`<section class="history" aria-labelledby="history-heading">
    <h3 id="history-heading">
      <button
        type="button"
        name="history"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls="history-body"
        @click=${() => (open ? history.close(id) : void history.open(id))}
      >
        ${t('history.title')}
      </button>
    </h3>
    <div id="history-body" ?hidden=${!open}>
      ${s.phase === 'loading' ? html`<p aria-busy="true">${t('history.loading')}</p>` : nothing}
      ${
        s.phase === 'error'
          ? html`<p class="notice error" role="alert">
              ${t('history.error')} ${v.errorMessage(s.code)}
              <button type="button" @click=${() => void history.open(id)}>${t('history.retry')}</button>
            </p>`
          : nothing
      }
      ${
        s.phase === 'ready'
          ? s.rows.length
            ? html`<ol class="history-list" aria-label=${t('history.title')}>
                ${s.rows.map((r) => renderRow(v, r))}
              </ol>`
            : html`<p>${t('history.empty')}</p>`
          : nothing
      }
    </div>
  </section>`;
}
