import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { IneElement } from '../../internal/ine-element.js';
import { ConfigController } from '../../internal/config-controller.js';
import { LocalizeController } from '../../i18n/localize.js';
import { defineElement } from '../../internal/define.js';
import { configReady } from '../../config/config.js';
import type { IneConfig } from '../../config/types.js';
import { IneError } from '../../internal/errors.js';
import type { CatalogEntry } from '../../catalog/format.js';
import type { VideoRecord } from '../../contract/video-record.js';
import type { CatalogQuery } from '../../catalog/query.js';
import type { CatalogSource } from '../../catalog/reader.js';
import { cdnFragmentSource, s3FragmentSource, type FragmentSource } from '../../catalog/fragments/source.js';
import type { EditableKey } from '../../catalog/merge.js';
import { createCatalogSession, FIRST_RESULTS, type CatalogNotice, type CatalogSessionEvent } from '../../catalog/session.js';
import { formControl } from '../../contract/clip-form.js';
import { catalogStyles } from './styles.js';
import { s3IndexReader } from './admin-access.js';
import { apiAdminApi } from './admin-api.js';
import { renderFilters, renderToolbar } from './render-toolbar.js';
import { renderItem } from './render-item.js';
import { CaptionMoments, startPlayerAt } from './caption-moments.js';
import { CaptionsController, captionStyles, renderCaptions } from './render-captions.js';
import { renderEditor, type EditorView } from './render-editor.js';
import { ClipHistoryController, historyStyles, renderHistory } from './render-history.js';
import { renderDiscard } from './render-discard.js';
import { renderPreview } from './render-preview.js';
import { DraftPreview } from './draft-preview.js';
import { ChangeWatch } from './change-watch.js';
import { hasUnsavedEdits } from '../../catalog/unsaved.js';
import { rootKey, type RootManifest } from '../../catalog/fragments/format.js';
import './lang/index.js';

/** Results rendered at first and added by "Show more" (paging keeps 100,000 results light on the DOM). */
const PAGE = FIRST_RESULTS;

/**
 * @tagname ine-catalog
 * @summary Browses and searches published clips; in `admin` mode edits, publishes, unpublishes and deletes them.
 *
 * Viewers read the public catalog from the CDN only (`catalog/`); the first page shows at once and
 * the whole catalog loads in the background, so search covers every published clip. In `admin`
 * mode it reads the private index (`index/`) through S3 with the page's shared credentials.
 *
 * @event ine-select - A clip was chosen; `detail: { videoId, record, startSeconds? }` (`record` is the clip's catalog entry; `startSeconds`, for a hit found in its captions, the moment the words are said: the `for` player starts there).
 * @event ine-catalog-change - An admin change was saved; `detail: { videoId, action: 'edit' | 'publish' | 'unpublish' | 'delete' }`.
 * @event ine-catalog-conflict - Another admin changed the same fields; `detail: { videoId, fields }`.
 * @event ine-error - Loading or saving failed; `detail: { code, message }` (`message` translated).
 *
 * @csspart toolbar - Search box, sort and view switch.
 * @csspart filters - The filter controls.
 * @csspart status - The live result count.
 * @csspart list - The list or grid of clips.
 * @csspart item - One clip.
 * @csspart moment - In a clip found by words said in it: the quote and its time.
 * @csspart dialog - The edit and delete dialogs.
 * @csspart approvals - In admin mode, the `<ine-approvals>` list of publication requests awaiting a second admin.
 *
 * @cssproperty --ine-catalog-accent - Accent colour (default INE magenta #d5007f).
 * @cssproperty --ine-catalog-text - Text colour.
 * @cssproperty --ine-catalog-border - Border colour of cards and inputs.
 * @cssproperty --ine-catalog-radius - Corner radius.
 */
export class IneCatalog extends IneElement {
  static override styles = [catalogStyles, historyStyles, captionStyles];

  protected readonly i18n = new LocalizeController(this, 'catalog');
  private readonly cfg = new ConfigController(this, () => ({ cdnBaseUrl: this.cdnBaseUrl }));

  /** CDN base URL for this element, overriding the page configuration. */
  @property({ attribute: 'cdn-base-url' }) cdnBaseUrl = '';

  /** Id of the `<ine-player>` that plays the selected clip. */
  @property({ attribute: 'for' }) for = '';

  /** Admin mode: drafts too, and editing (needs admin credentials). */
  @property({ type: Boolean, reflect: true }) admin = false;

  /** `grid` or `list`. */
  @property({ reflect: true }) view: 'grid' | 'list' = 'grid';

  /** Where entries come from instead of the CDN / S3 (e.g. `memorySource(entries)` in stories and offline demos). */
  @property({ attribute: false }) source?: CatalogSource | FragmentSource;

  @state() private shown = PAGE;
  @state() private active = 0;
  @state() private selectedId = '';
  @state() private confirmDelete = false;
  @state() private confirmDiscard = false;
  /** The clip being edited, playing through a signed preview grant (admins). */
  private readonly preview = new DraftPreview(this, () => this.config());
  /** Reloads the admin list when the private index changes (a clip finished processing, another admin published). */
  private readonly watch = new ChangeWatch(
    this,
    async () => (await (await s3IndexReader(await this.config())).read<RootManifest>(rootKey('index')))?.generation,
    () => void this.session.load(),
    () => this.admin && !this.source && this.session.state.phase === 'ready',
  );
  private focusPending = false;
  private unsubscribe?: () => void;

  /** Where the caption hits shown were said (quote and time). */
  private readonly moments = new CaptionMoments(this, () => this.cfg.value.cdnBaseUrl);

  /** The open clip's caption tracks: attach and remove (admins). */
  private readonly captions = new CaptionsController(this, () => this.config());

  /** The open clip's change history (loaded on request). */
  private readonly history = new ClipHistoryController(this, () => this.config());

  /** Loading, query, results and the admin's edits live here; the element renders them. */
  private readonly session = createCatalogSession({
    openSource: () => this.openSource(),
    admin: apiAdminApi(() => this.config()),
    // A failure can come before an English page's strings have arrived: tell it in English anyway.
    beforeFailure: () => Promise.all([this.i18n.ready, this.common.ready]),
  });

  /** The clip entries currently listed (after search, filters and sort). */
  get visibleEntries(): CatalogEntry[] {
    return this.session.state.results;
  }

  /**
   * Resolves when the catalog has finished loading: every clip is searchable, or loading failed
   * (then `ine-error` has been sent and the element shows the reason). Waits for the latest load
   * when `refresh()`, `admin` or `source` started another one meanwhile.
   */
  get loaded(): Promise<void> {
    return this.session.whenLoaded().then(() => this.updateComplete.then(() => undefined));
  }

  /** Load the catalog again (e.g. after an external change). */
  refresh(): Promise<void> {
    return this.session.load();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = this.session.subscribe(this.onSession);
    // Session operations never reject: failures arrive as `error` events (below) and notices.
    void this.session.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.session.dispose();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Admins only: viewers' pages never download the publication-requests list.
    if (this.admin) void import('../approvals/ine-approvals.js');
    if ((changed.has('admin') && changed.get('admin') !== undefined) || (changed.has('source') && changed.get('source') !== undefined)) {
      void this.session.load();
    }
  }

  protected override updated(): void {
    const edit = this.renderRoot.querySelector<HTMLDialogElement>('dialog.edit');
    if (edit && this.session.state.editing && !edit.open) edit.showModal();
    const discard = this.renderRoot.querySelector<HTMLDialogElement>('dialog.discard');
    if (discard && this.confirmDiscard && !discard.open) discard.showModal();
    const del = this.renderRoot.querySelector<HTMLDialogElement>('dialog.delete');
    if (del && this.confirmDelete && !del.open) del.showModal();
    if (this.focusPending) {
      this.focusPending = false;
      this.options()[this.active]?.focus();
    }
  }

  private readonly onSession = (e: CatalogSessionEvent): void => {
    switch (e.type) {
      case 'change': {
        const n = this.session.state.results.length;
        if (this.active >= n) this.active = Math.max(0, n - 1);
        this.requestUpdate();
        return;
      }
      case 'error':
        this.emit('ine-error', { code: e.code, message: this.errorMessage(e.code) });
        return;
      case 'conflict':
        this.emit('ine-catalog-conflict', { videoId: e.videoId, fields: e.fields });
        return;
      case 'saved':
        this.emit('ine-catalog-change', { videoId: e.videoId, action: e.action });
        return;
    }
  };

  // ---- configuration and sources ---------------------------------------------------------------

  /** The effective configuration, once every declared `configUrl` has arrived. */
  private async config(): Promise<IneConfig> {
    await configReady();
    return this.cfg.value;
  }

  private async openSource(): Promise<CatalogSource | FragmentSource> {
    if (this.source) return this.source;
    const config = await this.config();
    if (this.admin) {
      const index = s3FragmentSource(await s3IndexReader(config), 'index');
      // The watch compares the index's generation with the one this load shows.
      return { ...index, open: () => index.open().then((cat) => (this.watch.loaded(cat?.root.generation), cat)) };
    }
    if (!config.cdnBaseUrl) throw new IneError('Config', 'cdnBaseUrl is not configured');
    return cdnFragmentSource(config.cdnBaseUrl);
  }

  private setQuery(patch: Partial<CatalogQuery>): void {
    this.shown = PAGE;
    this.active = 0;
    this.session.setQuery(patch);
  }

  private noticeText(n: CatalogNotice): string {
    const parts = [n.key ? this.i18n.t(n.key, ...(n.args ?? [])) : '', n.code ? this.errorMessage(n.code) : ''];
    return parts.filter(Boolean).join(' ');
  }

  // ---- selection and keyboard ------------------------------------------------------------------

  private options(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[role="option"]')];
  }

  private columns(): number {
    if (this.view === 'list') return 1;
    const opts = this.options();
    if (!opts.length) return 1;
    const top = opts[0].offsetTop;
    let n = 0;
    while (n < opts.length && opts[n].offsetTop === top) n++;
    return Math.max(1, n);
  }

  private moveTo(i: number): void {
    const max = this.session.state.results.length - 1;
    const next = Math.max(0, Math.min(max, i));
    if (next >= this.shown) this.showMore(Math.ceil((next + 1) / PAGE) * PAGE);
    this.active = next;
    this.focusPending = true;
  }

  private onListKey(e: KeyboardEvent): void {
    const cols = this.columns();
    const results = this.session.state.results;
    const keys: Record<string, number> = {
      ArrowRight: this.active + 1,
      ArrowLeft: this.active - 1,
      ArrowDown: this.active + cols,
      ArrowUp: this.active - cols,
      Home: 0,
      End: results.length - 1,
      PageDown: this.active + cols * 4,
      PageUp: this.active - cols * 4,
    };
    if (e.key in keys) {
      e.preventDefault();
      this.moveTo(keys[e.key]);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const entry = results[this.active];
      if (entry) void this.select(entry);
    }
  }

  /** Choose a clip: play it in the linked player, tell the page, and in admin mode open its record. */
  async select(entry: CatalogEntry): Promise<void> {
    this.selectedId = entry.id;
    const i = this.session.state.results.indexOf(entry);
    if (i >= 0) this.active = i;
    const moment = this.moments.momentOf(entry, this.session.state.query.text);
    this.emit('ine-select', { videoId: entry.id, record: entry, ...(moment ? { startSeconds: moment.start } : {}) });
    if (this.for) {
      const root = this.getRootNode() as Document | ShadowRoot;
      const player = (root.getElementById?.(this.for) ?? document.getElementById(this.for)) as (HTMLElement & { videoId?: string }) | null;
      if (player) {
        const same = player.getAttribute('video-id') === entry.id;
        player.setAttribute('video-id', entry.id);
        if ('videoId' in player) player.videoId = entry.id;
        void startPlayerAt(player, moment?.start, same);
      }
    }
    if (this.admin) {
      void this.preview.open(entry.id);
      await this.session.openEditor(entry);
    }
  }

  // ---- admin -----------------------------------------------------------------------------------

  /** Close the editor, asking first when it holds unsaved changes. */
  private requestClose(): void {
    if (hasUnsavedEdits(this.session.state.editing)) this.confirmDiscard = true;
    else this.closeEditor();
  }

  private closeEditor(): void {
    this.confirmDiscard = false;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.discard')?.close();
    this.preview.close();
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.edit')?.close();
    this.session.closeEditor();
    this.confirmDelete = false;
    this.focusPending = true;
  }

  /** After a refused save, focus the first field in error. */
  private async focusInvalid(result: string): Promise<void> {
    if (result !== 'invalid') return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('dialog.edit [aria-invalid="true"]')?.focus();
  }

  /** The edit dialog's handlers (its `confirmDelete` is added at each render). */
  private readonly editorActions: Omit<EditorView, 'confirmDelete'> = {
    t: (key, ...args) => this.i18n.t(key, ...args),
    noticeText: (n) => this.noticeText(n),
    onField: (e) => {
      const el = e.target as HTMLInputElement;
      const c = formControl(el.name);
      this.session.setField(el.name as EditableKey, c ? c.fromText(el.value) : el.value);
    },
    onSubmit: (e) => {
      e.preventDefault();
      void this.session.submit().then((r) => this.focusInvalid(r));
    },
    onClose: () => this.requestClose(),
    onTogglePublish: () => void this.session.togglePublish(),
    onAskDelete: (open) => (this.confirmDelete = open),
    onDelete: () => void this.doDelete(),
    onChoose: (field, choice, custom) => this.session.chooseResolution(field, choice, custom),
    onResolve: (e) => {
      e.preventDefault();
      void this.session.resolveConflict().then((r) => this.focusInvalid(r));
    },
  };

  private async doDelete(): Promise<void> {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.delete')?.close();
    this.confirmDelete = false;
    if (await this.session.deleteClip()) this.closeEditor();
  }

  // ---- rendering -------------------------------------------------------------------------------

  override render(): TemplateResult {
    const s = this.session.state;
    const t = this.i18n.t;
    const setQuery = (patch: Partial<CatalogQuery>) => this.setQuery(patch);
    return html`
      ${this.admin ? html`<ine-approvals part="approvals" lang=${this.lang || nothing}></ine-approvals>` : nothing}
      ${renderToolbar({ t, query: s.query, view: this.view, setQuery, refresh: () => void this.session.load(), setView: (v) => (this.view = v) })}
      ${renderFilters({ t, query: s.query, facets: s.facets, facetsExact: s.facetsExact, admin: this.admin, setQuery })}
      ${s.notice ? html`<p class="notice ${s.notice.kind}" role=${s.notice.kind === 'error' ? 'alert' : 'status'}>${this.noticeText(s.notice)}</p>` : nothing}
      <p class="status" part="status">
        <span role="status" aria-live="polite">${this.statusText()}</span>
        ${s.phase === 'partial' ? html`<span class="progress">${this.progressText()}</span>` : nothing}
        ${s.phase === 'ready' && !s.facetsExact ? html`<span class="progress"> · ${this.i18n.t('facetsApprox')}</span>` : nothing}
      </p>
      ${this.renderBody()}
      ${
        s.editing
          ? renderEditor(
              {
                ...this.editorActions,
                confirmDelete: this.confirmDelete,
                history: this.renderHistoryOf(s.editing.id),
                captions: this.renderCaptionsOf(s.editing.id, s.editing.record),
                extra: this.renderPreview(),
              },
              s.editing,
            )
          : nothing
      }
      ${this.confirmDiscard ? renderDiscard({ t, onKeep: () => this.keepEditing(), onDiscard: () => this.closeEditor() }) : nothing}
    `;
  }

  private renderCaptionsOf(id: string, record: VideoRecord | undefined) {
    const names = new Intl.DisplayNames([this.i18n.lang], { type: 'language' });
    const languageName = (l: string) => {
      try {
        return names.of(l) ?? l;
      } catch {
        return l;
      }
    };
    return renderCaptions({ t: this.i18n.t, errorMessage: (code) => this.errorMessage(code), languageName }, this.captions, id, record);
  }

  private renderHistoryOf(id: string): TemplateResult {
    const date = (iso: string) => this.i18n.date(iso, { dateStyle: 'medium', timeStyle: 'short' });
    return renderHistory({ t: this.i18n.t, date, errorMessage: (code) => this.errorMessage(code) }, this.history, id);
  }

  private renderPreview() {
    const time = (iso: string) => this.i18n.date(iso, { timeStyle: 'short' });
    return renderPreview(this.i18n.t, this.preview.state, (code) => this.errorMessage(code as never), time);
  }

  private keepEditing(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.discard')?.close();
    this.confirmDiscard = false;
  }

  private statusText(): string {
    const s = this.session.state;
    if (s.phase === 'loading') return this.i18n.t('loading');
    if (s.phase === 'error') return '';
    return this.i18n.t(s.countExact === false ? 'resultsApprox' : 'results', s.matchCount, s.size);
  }

  /** Shard loading progress: shown, but outside the live region so screen readers hear only result counts. */
  private progressText(): string {
    const { t } = this.i18n;
    const s = this.session.state;
    return ` · ${t('loadingAll', s.progress.loaded, s.progress.count)}${s.query.text ? ' ' + t('partialSearch') : ''}`;
  }

  private renderBody(): TemplateResult {
    const t = this.i18n.t;
    const s = this.session.state;
    if (s.phase === 'error') {
      return html`<div class="message error" role="alert">
        <p>${t('loadError')} ${this.errorMessage(s.loadError?.code ?? 'Unknown')}</p>
        ${
          // Only where trying again can help: no rights or no configuration stay so until the page changes.
          ['AccessDenied', 'Config'].includes(s.loadError?.code ?? '')
            ? nothing
            : html`<button type="button" @click=${() => void this.session.load()}>${this.common.t('retry')}</button>`
        }
      </div>`;
    }
    if (s.phase === 'loading') return html`<div class="message" aria-busy="true">${t('loading')}</div>`;
    if (!s.results.length) {
      const empty = s.size === 0 ? (this.admin ? t('emptyAdmin') : t('empty')) : t('noResults');
      return html`<div class="message">${empty}</div>`;
    }
    const cdnBaseUrl = this.cfg.value.cdnBaseUrl;
    const date = (iso: string) => this.i18n.date(iso, { dateStyle: 'medium', timeStyle: 'short' });
    const items = s.results.slice(0, this.shown).map((e, i) =>
      renderItem(e, {
        t,
        date,
        admin: this.admin,
        cdnBaseUrl,
        active: i === this.active,
        selected: e.id === this.selectedId,
        moment: this.moments.momentOf(e, s.query.text),
        onChoose: () => {
          this.active = i;
          void this.select(e);
        },
        onFocus: () => (this.active = i),
      }),
    );
    return html`<div role="listbox" part="list" class=${this.view} aria-label=${t('clips')} @keydown=${this.onListKey}>${items}</div>
      ${s.matchCount > this.shown ? html`<div class="more"><button type="button" @click=${() => this.showMore(this.shown + PAGE)}>${t('showMore')}</button></div>` : nothing}`;
  }

  /** Render the first `n` results (fetching them from a fragment catalog). */
  private showMore(n: number): void {
    this.shown = n;
    void this.session.showResults(n);
  }
}

defineElement('ine-catalog', IneCatalog);

declare global {
  interface HTMLElementTagNameMap {
    'ine-catalog': IneCatalog;
  }
}
