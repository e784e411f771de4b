import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { IneElement } from '../../internal/ine-element.js';
import { ConfigController } from '../../internal/config-controller.js';
import { LocalizeController } from '../../i18n/localize.js';
import { defineElement } from '../../internal/define.js';
import { configReady } from '../../config/config.js';
import { IneError } from '../../internal/errors.js';
import { createPendingRequests, type PendingRequests } from '../../catalog/pending-requests.js';
import type { ApiClient } from '../../catalog/api-client.js';
import { approvalsStyles } from './styles.js';
import './lang/index.js';

/**
 * @tagname ine-approvals
 * @summary The publication requests waiting for a second admin during a sensitive period, with Approve and Reject.
 *
 * Shown inside `<ine-catalog admin>` (or alone on an admin page). Reads and decides through the Web
 * API (`apiUrl` in the configuration, the login's access token). The server decides who may approve
 * (a different admin, once); this list says what it answered, in the page's language.
 *
 * @event ine-approval-decided - A request was approved or rejected; `detail: { requestId, clipId, decision: 'approve' | 'reject' }`.
 * @event ine-error - Loading or deciding failed; `detail: { code, message }` (`message` translated).
 *
 * @csspart section - The whole list.
 */
export class IneApprovals extends IneElement {
  static override styles = approvalsStyles;

  protected readonly i18n = new LocalizeController(this, 'approvals');
  private readonly cfg = new ConfigController(this, () => ({}));

  /** Where the list comes from instead of the configured Web API (stories, tests). */
  api?: () => Promise<ApiClient>;

  @state() private tick = 0;
  private store?: PendingRequests;
  private unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.store = createPendingRequests(() => (this.api ?? (() => this.defaultApi()))());
    this.unsubscribe = this.store.subscribe(() => this.tick++);
    void this.store.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  /** Load the list again. */
  refresh(): Promise<void> {
    return this.store?.load() ?? Promise.resolve();
  }

  private async defaultApi(): Promise<ApiClient> {
    await configReady();
    const config = this.cfg.value;
    if (!config.apiUrl) throw new IneError('Config', 'apiUrl is not configured (publication requests go through the Web API)');
    const [{ createApiClient }, { sharedCredentials }] = await Promise.all([
      import('../../catalog/api-client.js'),
      import('../../auth/credentials.js'),
    ]);
    const credentials = sharedCredentials(config);
    return createApiClient({ apiUrl: config.apiUrl, accessToken: (force) => credentials.accessToken(force) });
  }

  private async decide(id: string, clipId: string, decision: 'approve' | 'reject'): Promise<void> {
    await this.store!.decide(id, decision);
    const out = this.store!.state.outcome;
    if (out?.kind === 'done') this.emit('ine-approval-decided', { requestId: id, clipId, decision });
    else if (out?.kind === 'error') this.emit('ine-error', { code: out.code, message: this.outcomeText() });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.outcome')?.focus();
  }

  private outcomeText(): string {
    const out = this.store?.state.outcome;
    if (!out) return '';
    const t = this.i18n.t;
    if (out.kind === 'done') return t(out.key, out.title);
    const specific = out.problem ? t(`problem.${out.problem}`) : '';
    return specific && specific !== `problem.${out.problem}` ? specific : this.errorMessage(out.code);
  }

  override render(): TemplateResult {
    void this.tick;
    const t = this.i18n.t;
    const s = this.store?.state ?? { phase: 'idle' as const, items: [] };
    const date = (iso: string) => this.i18n.date(iso, { dateStyle: 'medium', timeStyle: 'short' });
    const outcome = this.outcomeText();
    // No Web API configured (an offline page, a story without a server): nothing to list or decide.
    if (s.phase === 'error' && s.outcome?.kind === 'error' && s.outcome.code === 'Config') return html``;
    return html`<section part="section" aria-labelledby="heading">
      <h2 id="heading">${t('heading')}</h2>
      <p class="intro">${t('intro')}</p>
      <div class="bar">
        <button type="button" @click=${() => void this.refresh()} ?disabled=${s.phase === 'loading'}>${t('refresh')}</button>
        <span role="status" aria-live="polite">${s.phase === 'loading' ? t('loading') : s.phase === 'ready' ? (s.items.length ? t('count', s.items.length) : t('none')) : ''}</span>
      </div>
      ${
        outcome
          ? html`<p class="outcome ${s.outcome?.kind === 'error' ? 'error' : ''}" tabindex="-1" role=${s.outcome?.kind === 'error' ? 'alert' : 'status'}>${outcome}</p>`
          : nothing
      }
      ${
        s.items.length
          ? html`<table aria-labelledby="heading">
            <thead>
              <tr>
                <th scope="col">${t('clip')}</th>
                <th scope="col">${t('action')}</th>
                <th scope="col">${t('period')}</th>
                <th scope="col">${t('requestedBy')}</th>
                <th scope="col">${t('requestedAt')}</th>
                <th scope="col">${t('reason')}</th>
                <th scope="col">${t('decide')}</th>
              </tr>
            </thead>
            <tbody>
              ${s.items.map(({ request: r }) => {
                const action = t(`action.${r.action}`);
                const busy = s.busyId !== undefined;
                return html`<tr data-request=${r.id}>
                  <td>${r.clipTitle}</td>
                  <td>${action}</td>
                  <td>${r.period.label}</td>
                  <td>${r.requestedBy.sub}</td>
                  <td>${date(r.requestedAt)}</td>
                  <td>${r.reason ?? ''}</td>
                  <td class="decide">
                    <button type="button" class="primary approve" aria-label=${t('approveLabel', action, r.clipTitle)} ?disabled=${busy}
                      @click=${() => void this.decide(r.id, r.clipId, 'approve')}>${t('approve')}</button>
                    <button type="button" class="reject" aria-label=${t('rejectLabel', action, r.clipTitle)} ?disabled=${busy}
                      @click=${() => void this.decide(r.id, r.clipId, 'reject')}>${t('reject')}</button>
                  </td>
                </tr>`;
              })}
            </tbody>
          </table>`
          : nothing
      }
    </section>`;
  }
}

defineElement('ine-approvals', IneApprovals);

declare global {
  interface HTMLElementTagNameMap {
    'ine-approvals': IneApprovals;
  }
}
