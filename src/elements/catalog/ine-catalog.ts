import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { IneElement } from '../../internal/ine-element.js';
import { ConfigController } from '../../internal/config-controller.js';
import { LocalizeController } from '../../i18n/localize.js';
import { defineElement } from '../../internal/define.js';
import { configReady, mergeConfig } from '../../config/config.js';
import type { IneConfig } from '../../config/types.js';
import { IneError, toIneError } from '../../internal/errors.js';
import { entryFromRecord, type CatalogEntry } from '../../catalog/format.js';
import { SearchIndex } from '../../catalog/search-index.js';
import {
  hasFilters,
  runQuery,
  statusOf,
  type CatalogQuery,
  type FacetValue,
  type Facets,
  type SortOrder,
  type StatusFilter,
} from '../../catalog/query.js';
import { cdnSource, loadCollection, s3Source, type CatalogSource } from '../../catalog/reader.js';
import { applyEditable, editableOf, type EditableFields, type EditableKey, type FieldConflict } from '../../catalog/merge.js';
import { validateFields, type ValidationErrors } from '../../catalog/validate.js';
import { CLIP_FORM, choiceOptions, errorText, formControl, type ClipFormControl } from '../../contract/clip-form.js';
import { FACET_FIELDS, fieldValue } from '../../contract/clip-fields.js';
import type { VideoRecord } from '../../contract/video-record.js';
import type { LoadedRecord } from '../../catalog/admin.js';
import { catalogStyles } from './styles.js';
import { formatDuration } from './format.js';
import './lang/index.js';

/** Results rendered at first and added by "Show more" (paging keeps 100,000 results light on the DOM). */
const PAGE = 48;
const SORTS: SortOrder[] = ['relevance', 'date-desc', 'date-asc', 'title', 'duration-desc', 'duration-asc'];
const STATUSES: Exclude<StatusFilter, ''>[] = ['published', 'draft', 'processing', 'failed'];

type Admin = typeof import('../../catalog/admin.js');

interface ConflictState {
  conflicts: FieldConflict[];
  theirs: LoadedRecord;
  merged: EditableFields;
  choices: Partial<Record<EditableKey, 'mine' | 'theirs' | 'edit'>>;
  custom: Partial<Record<EditableKey, string>>;
}

interface EditState {
  id: string;
  title: string;
  loading: boolean;
  record?: VideoRecord;
  etag?: string;
  base?: EditableFields;
  form?: EditableFields;
  errors: ValidationErrors;
  busy?: 'save' | 'publish' | 'delete';
  conflict?: ConflictState;
  notice?: { kind: 'ok' | 'error'; text: string };
}

/**
 * @tagname ine-catalog
 * @summary Browses and searches published clips; in `admin` mode edits, publishes, unpublishes and deletes them.
 *
 * Viewers read the public catalog from the CDN only (`catalog/`); the first page shows at once and
 * the whole catalog loads in the background, so search covers every published clip. In `admin`
 * mode it reads the private index (`index/`) through S3 with the page's shared credentials.
 *
 * @event ine-select - A clip was chosen; `detail: { videoId, record }` (`record` is the clip's catalog entry).
 * @event ine-catalog-change - An admin change was saved; `detail: { videoId, action: 'edit' | 'publish' | 'unpublish' | 'delete' }`.
 * @event ine-catalog-conflict - Another admin changed the same fields; `detail: { videoId, fields }`.
 * @event ine-error - Loading or saving failed; `detail: { code, message }` (`message` translated).
 *
 * @csspart toolbar - Search box, sort and view switch.
 * @csspart filters - The filter controls.
 * @csspart status - The live result count.
 * @csspart list - The list or grid of clips.
 * @csspart item - One clip.
 * @csspart dialog - The edit and delete dialogs.
 *
 * @cssproperty --ine-catalog-accent - Accent colour (default INE magenta #d5007f).
 * @cssproperty --ine-catalog-text - Text colour.
 * @cssproperty --ine-catalog-border - Border colour of cards and inputs.
 * @cssproperty --ine-catalog-radius - Corner radius.
 */
export class IneCatalog extends IneElement {
  static override styles = catalogStyles;

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
  @property({ attribute: false }) source?: CatalogSource;

  @state() private phase: 'loading' | 'partial' | 'ready' | 'error' = 'loading';
  @state() private loadError?: IneError;
  @state() private results: CatalogEntry[] = [];
  @state() private facets = Object.fromEntries(FACET_FIELDS.map((f) => [f.facet.key, []])) as unknown as Facets;
  @state() private query: CatalogQuery = {};
  @state() private shown = PAGE;
  @state() private active = 0;
  @state() private selectedId = '';
  @state() private total = 0;
  @state() private progress = { loaded: 0, count: 0 };
  @state() private editing?: EditState;
  @state() private confirmDelete = false;
  @state() private notice?: { kind: 'ok' | 'error'; text: string };

  private index = new SearchIndex();
  private loadGen = 0;
  private rerunTimer?: ReturnType<typeof setTimeout>;
  private facetTimer?: ReturnType<typeof setTimeout>;
  private focusPending = false;

  /** The clip entries currently listed (after search, filters and sort). */
  get visibleEntries(): CatalogEntry[] {
    return this.results;
  }

  /** Load the catalog again (e.g. after an external change). */
  refresh(): Promise<void> {
    return this.load();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loadGen++;
    clearTimeout(this.rerunTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('admin') && changed.get('admin') !== undefined) || (changed.has('source') && changed.get('source') !== undefined)) {
      void this.load();
    }
  }

  protected override updated(): void {
    const edit = this.renderRoot.querySelector<HTMLDialogElement>('dialog.edit');
    if (edit && this.editing && !edit.open) edit.showModal();
    const del = this.renderRoot.querySelector<HTMLDialogElement>('dialog.delete');
    if (del && this.confirmDelete && !del.open) del.showModal();
    if (this.focusPending) {
      this.focusPending = false;
      this.options()[this.active]?.focus();
    }
  }

  // ---- loading -------------------------------------------------------------------------------

  private config(): IneConfig {
    return this.cfg.value;
  }

  private async load(): Promise<void> {
    const gen = ++this.loadGen;
    this.index = new SearchIndex();
    this.phase = 'loading';
    this.loadError = undefined;
    this.notice = undefined;
    this.results = [];
    try {
      const config = mergeConfig(await configReady(), { cdnBaseUrl: this.cdnBaseUrl });
      let source = this.source;
      if (!source) {
        if (this.admin) {
          const [{ sharedS3Client }, admin] = await Promise.all([import('../../auth/s3-client.js'), import('../../catalog/admin.js')]);
          source = s3Source(admin.s3JsonReader(await sharedS3Client(config), config.bucket), 'index');
        } else {
          if (!config.cdnBaseUrl) throw new IneError('Config', 'cdnBaseUrl is not configured');
          source = cdnSource(config.cdnBaseUrl);
        }
      }
      await loadCollection(source, {
        onFirst: (entries, p) => {
          if (gen !== this.loadGen) return;
          this.index.add(entries);
          this.total = p.total;
          this.progress = { loaded: 0, count: p.shardCount };
          this.phase = p.shardCount && entries.length ? 'partial' : this.phase;
          if (entries.length) this.rerun();
        },
        onShard: (entries, p) => {
          if (gen !== this.loadGen) return;
          this.index.add(entries);
          this.progress = { loaded: p.loadedShards, count: p.shardCount };
          this.scheduleRerun();
        },
      });
      if (gen !== this.loadGen) return;
      this.total = this.index.size;
      this.phase = 'ready';
      this.rerun();
    } catch (e) {
      if (gen !== this.loadGen) return;
      const err = toIneError(e);
      // This can fail before an English page's strings have arrived: tell it in English anyway.
      await Promise.all([this.i18n.ready, this.common.ready]);
      if (gen !== this.loadGen) return;
      const message = this.errorMessage(err.code);
      this.emit('ine-error', { code: err.code, message });
      if (this.index.size) {
        // The first page is there: keep it usable and say the rest could not be loaded.
        this.phase = 'ready';
        this.notice = { kind: 'error', text: `${this.i18n.t('loadError')} ${message}` };
        this.rerun();
        return;
      }
      this.loadError = err;
      this.phase = 'error';
    }
  }

  private scheduleRerun(): void {
    this.rerunTimer ??= setTimeout(() => {
      this.rerunTimer = undefined;
      this.rerun();
    }, 100);
  }

  private rerun(): void {
    const r = runQuery(this.index, this.query);
    this.results = r.entries;
    // Facet counts refresh just after the results, off the keystroke's critical path.
    clearTimeout(this.facetTimer);
    this.facetTimer = setTimeout(() => (this.facets = r.facets), 0);
    if (this.active >= r.entries.length) this.active = Math.max(0, r.entries.length - 1);
  }

  private setQuery(patch: Partial<CatalogQuery>): void {
    this.query = { ...this.query, ...patch };
    this.shown = PAGE;
    this.active = 0;
    this.rerun();
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
    const max = this.results.length - 1;
    const next = Math.max(0, Math.min(max, i));
    if (next >= this.shown) this.shown = Math.ceil((next + 1) / PAGE) * PAGE;
    this.active = next;
    this.focusPending = true;
  }

  private onListKey(e: KeyboardEvent): void {
    const cols = this.columns();
    const keys: Record<string, number> = {
      ArrowRight: this.active + 1,
      ArrowLeft: this.active - 1,
      ArrowDown: this.active + cols,
      ArrowUp: this.active - cols,
      Home: 0,
      End: this.results.length - 1,
      PageDown: this.active + cols * 4,
      PageUp: this.active - cols * 4,
    };
    if (e.key in keys) {
      e.preventDefault();
      this.moveTo(keys[e.key]);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const entry = this.results[this.active];
      if (entry) void this.select(entry);
    }
  }

  /** Choose a clip: play it in the linked player, tell the page, and in admin mode open its record. */
  async select(entry: CatalogEntry): Promise<void> {
    this.selectedId = entry.id;
    const i = this.results.indexOf(entry);
    if (i >= 0) this.active = i;
    this.emit('ine-select', { videoId: entry.id, record: entry });
    if (this.for) {
      const root = this.getRootNode() as Document | ShadowRoot;
      const player = (root.getElementById?.(this.for) ?? document.getElementById(this.for)) as (HTMLElement & { videoId?: string }) | null;
      if (player) {
        player.setAttribute('video-id', entry.id);
        if ('videoId' in player) player.videoId = entry.id;
      }
    }
    if (this.admin) await this.openEditor(entry);
  }

  // ---- admin -----------------------------------------------------------------------------------

  /**
   * Run an admin operation with the page's shared S3 client. Temporary credentials that expired
   * while the page was open are dropped and fetched again once (the host's login token permitting).
   */
  private async withAdmin<T>(op: (a: { api: Admin; s3: import('@aws-sdk/client-s3').S3Client; bucket: string }) => Promise<T>): Promise<T> {
    const config = mergeConfig(await configReady(), { cdnBaseUrl: this.cdnBaseUrl });
    const [{ sharedS3Client }, { sharedCredentials }, api] = await Promise.all([
      import('../../auth/s3-client.js'),
      import('../../auth/credentials.js'),
      import('../../catalog/admin.js'),
    ]);
    const run = async () => op({ api, s3: await sharedS3Client(config), bucket: config.bucket });
    try {
      return await run();
    } catch (e) {
      if (toIneError(e).code !== 'ExpiredCredentials') throw e;
      sharedCredentials(config).invalidate();
      return run();
    }
  }

  private async openEditor(entry: CatalogEntry): Promise<void> {
    this.editing = { id: entry.id, title: entry.title, loading: true, errors: {} };
    try {
      const { record, etag } = await this.withAdmin(({ api, s3, bucket }) => api.loadRecord(s3, bucket, entry.id));
      if (this.editing?.id !== entry.id) return;
      const base = editableOf(record);
      this.editing = { ...this.editing, loading: false, record, etag, base, form: { ...base } };
    } catch (e) {
      if (this.editing?.id !== entry.id) return;
      this.editing = { ...this.editing, loading: false, notice: { kind: 'error', text: this.failure(e) } };
    }
  }

  private closeEditor(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.edit')?.close();
    this.editing = undefined;
    this.confirmDelete = false;
    this.focusPending = true;
  }

  /** Translated message for an error, also reported as `ine-error`. */
  private failure(e: unknown): string {
    const err = toIneError(e);
    const message = this.errorMessage(err.code);
    this.emit('ine-error', { code: err.code, message });
    return message;
  }

  private onField(e: Event): void {
    const el = e.target as HTMLInputElement;
    const ed = this.editing;
    if (!ed?.form) return;
    const key = el.name as EditableKey;
    const c = formControl(key);
    const value = c ? c.fromText(el.value) : el.value;
    const form = { ...ed.form, [key]: value } as EditableFields;
    const errors: Record<string, string | undefined> = { ...ed.errors };
    delete errors[key];
    this.editing = { ...ed, form, errors };
  }

  /** Show the change at once in the list; undo it if the write fails. */
  private optimistic(record: VideoRecord): () => void {
    const before = this.index.get(record.id);
    this.index.add([entryFromRecord(record, 'index')]);
    this.rerun();
    return () => {
      if (before) this.index.add([before]);
      else this.index.remove(record.id);
      this.rerun();
    };
  }

  private async save(mine: EditableFields, action: 'edit' | 'publish' | 'unpublish', base?: EditableFields, etag?: string): Promise<void> {
    const ed = this.editing;
    if (!ed?.record || !ed.base || !ed.etag) return;
    const errors = validateFields(mine);
    if (Object.keys(errors).length) {
      this.editing = { ...ed, errors, notice: { kind: 'error', text: this.i18n.t('fixErrors') } };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('dialog.edit [aria-invalid="true"]')?.focus();
      return;
    }
    const rollback = this.optimistic(applyEditable(ed.record, mine));
    this.editing = { ...ed, busy: action === 'edit' ? 'save' : 'publish', notice: undefined };
    try {
      const out = await this.withAdmin(({ api, s3, bucket }) => api.saveEdits(s3, bucket, ed.id, base ?? ed.base!, etag ?? ed.etag!, mine));
      if (out.kind === 'conflict') {
        rollback();
        const choices: ConflictState['choices'] = {};
        for (const c of out.conflicts) choices[c.field] = 'mine';
        this.editing = {
          ...this.editing!,
          busy: undefined,
          conflict: { conflicts: out.conflicts, theirs: out.theirs, merged: out.merged, choices, custom: {} },
          notice: undefined,
        };
        this.emit('ine-catalog-conflict', { videoId: ed.id, fields: out.conflicts.map((c) => c.field) });
        return;
      }
      this.index.add([entryFromRecord(out.record, 'index')]);
      this.rerun();
      const fresh = editableOf(out.record);
      const text = action === 'publish' ? 'published' : action === 'unpublish' ? 'unpublished' : out.merged ? 'savedMerged' : 'saved';
      this.editing = {
        ...this.editing!,
        busy: undefined,
        record: out.record,
        etag: out.etag,
        base: fresh,
        form: { ...fresh },
        conflict: undefined,
        title: out.record.metadata.title,
        notice: { kind: 'ok', text: this.i18n.t(text) },
      };
      this.emit('ine-catalog-change', { videoId: ed.id, action });
    } catch (e) {
      rollback();
      this.editing = { ...this.editing!, busy: undefined, notice: { kind: 'error', text: this.failure(e) } };
    }
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    const ed = this.editing;
    if (ed?.form && ed.base) void this.save({ ...ed.form, published: ed.base.published }, 'edit');
  }

  private togglePublish(): void {
    const ed = this.editing;
    if (!ed?.base) return;
    const publish = !ed.base.published;
    // Only publication changes; unsaved form edits stay in the form.
    void this.save({ ...ed.base, published: publish }, publish ? 'publish' : 'unpublish').then(() => {
      if (this.editing?.form && ed.form) this.editing = { ...this.editing, form: { ...ed.form, published: this.editing.base!.published } };
    });
  }

  private resolveConflict(e: Event): void {
    e.preventDefault();
    const ed = this.editing;
    const c = ed?.conflict;
    if (!ed || !c) return;
    const resolved = { ...c.merged } as Record<EditableKey, unknown>;
    for (const x of c.conflicts) {
      const choice = c.choices[x.field] ?? 'mine';
      if (choice === 'mine') resolved[x.field] = x.mine;
      else if (choice === 'theirs') resolved[x.field] = x.theirs;
      else {
        const text = c.custom[x.field] ?? '';
        resolved[x.field] = x.field === 'published' ? text === 'true' : formControl(x.field)!.fromText(text);
      }
    }
    // The other admin's record is the new base: a third change in between is merged again, never lost.
    const theirsBase = editableOf(c.theirs.record);
    this.editing = { ...ed, record: c.theirs.record, etag: c.theirs.etag, base: theirsBase, form: resolved as unknown as EditableFields };
    void this.save(resolved as unknown as EditableFields, 'edit', theirsBase, c.theirs.etag);
  }

  private async doDelete(): Promise<void> {
    const ed = this.editing;
    if (!ed) return;
    const before = this.index.get(ed.id);
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.delete')?.close();
    this.confirmDelete = false;
    this.index.remove(ed.id);
    this.rerun();
    this.editing = { ...ed, busy: 'delete', notice: undefined };
    try {
      await this.withAdmin(({ api, s3, bucket }) => api.deleteClip(s3, bucket, ed.id));
      this.notice = { kind: 'ok', text: this.i18n.t('deleted', ed.title) };
      this.emit('ine-catalog-change', { videoId: ed.id, action: 'delete' });
      this.closeEditor();
    } catch (e) {
      if (before) this.index.add([before]);
      this.rerun();
      this.editing = { ...this.editing!, busy: undefined, notice: { kind: 'error', text: this.failure(e) } };
    }
  }

  // ---- rendering -------------------------------------------------------------------------------

  override render(): TemplateResult {
    return html`
      ${this.renderToolbar()} ${this.renderFilters()}
      ${this.notice ? html`<p class="notice ${this.notice.kind}" role=${this.notice.kind === 'error' ? 'alert' : 'status'}>${this.notice.text}</p>` : nothing}
      <p class="status" part="status">
        <span role="status" aria-live="polite">${this.statusText()}</span>
        ${this.phase === 'partial' ? html`<span class="progress">${this.progressText()}</span>` : nothing}
      </p>
      ${this.renderBody()} ${this.editing ? this.renderEditor(this.editing) : nothing}
    `;
  }

  private statusText(): string {
    const t = this.i18n.t;
    if (this.phase === 'loading') return t('loading');
    if (this.phase === 'error') return '';
    return t('results', this.results.length, this.index.size);
  }

  /** Shard loading progress: shown, but outside the live region so screen readers hear only result counts. */
  private progressText(): string {
    const t = this.i18n.t;
    return ` · ${t('loadingAll', this.progress.loaded, this.progress.count)}${this.query.text ? ' ' + t('partialSearch') : ''}`;
  }

  private renderToolbar(): TemplateResult {
    const t = this.i18n.t;
    const sort = this.query.sort ?? (this.query.text?.trim() ? 'relevance' : 'date-desc');
    return html`<div class="toolbar" part="toolbar">
      <label class="search"
        >${t('search')}
        <input
          type="search"
          name="search"
          autocomplete="off"
          placeholder=${t('searchPlaceholder')}
          .value=${this.query.text ?? ''}
          @input=${(e: Event) => this.setQuery({ text: (e.target as HTMLInputElement).value })}
      /></label>
      <label
        >${t('sort')}
        <select name="sort" @change=${(e: Event) => this.setQuery({ sort: (e.target as HTMLSelectElement).value as SortOrder })}>
          ${SORTS.map((s) => html`<option value=${s} ?selected=${s === sort}>${t(`sort.${s}`)}</option>`)}
        </select></label
      >
      <button type="button" name="refresh" @click=${() => void this.load()}>${t('refresh')}</button>
      <div class="viewswitch" role="group" aria-label=${t('view')}>
        ${(['grid', 'list'] as const).map(
          (v) => html`<button type="button" aria-pressed=${this.view === v ? 'true' : 'false'} @click=${() => (this.view = v)}>${t(v)}</button>`,
        )}
      </div>
    </div>`;
  }

  private renderSelect(name: string, label: string, value: string | undefined, options: FacetValue[], all: string, onChange: (v: string) => void) {
    const values = options.map((o) => o.value);
    if (value && !values.includes(value)) options = [{ value, count: 0 }, ...options];
    return html`<label
      >${label}
      <select name=${name} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!value}>${all}</option>
        ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.value}${o.count ? ` (${o.count})` : ''}</option>`)}
      </select></label
    >`;
  }

  private renderFilters(): TemplateResult {
    const t = this.i18n.t;
    const q = this.query;
    const has = hasFilters(q);
    return html`<div class="filters" part="filters" role="group" aria-label=${t('filters')}>
      ${FACET_FIELDS.map(({ facet: { key } }) =>
        this.renderSelect(`filter-${key}`, t(`facet.${key}`), q[key], this.facets[key], t(`facetAll.${key}`), (v) =>
          this.setQuery({ [key]: v || undefined }),
        ),
      )}
      <label>${t('from')} <input type="date" name="filter-from" .value=${q.from ?? ''} @change=${(e: Event) => this.setQuery({ from: (e.target as HTMLInputElement).value || undefined })} /></label>
      <label>${t('to')} <input type="date" name="filter-to" .value=${q.to ?? ''} @change=${(e: Event) => this.setQuery({ to: (e.target as HTMLInputElement).value || undefined })} /></label>
      ${
        this.admin
          ? html`<label
            >${t('status')}
            <select name="filter-status" @change=${(e: Event) => this.setQuery({ status: (e.target as HTMLSelectElement).value as StatusFilter })}>
              <option value="" ?selected=${!q.status}>${t('any')}</option>
              ${STATUSES.map((s) => html`<option value=${s} ?selected=${q.status === s}>${t(`status.${s}`)}</option>`)}
            </select></label
          >`
          : nothing
      }
      ${
        has
          ? html`<button type="button" @click=${() => this.setQuery({ ...Object.fromEntries(FACET_FIELDS.map((f) => [f.facet.key, undefined])), from: undefined, to: undefined, status: undefined })}>
            ${t('clearFilters')}
          </button>`
          : nothing
      }
    </div>`;
  }

  private renderBody(): TemplateResult {
    const t = this.i18n.t;
    if (this.phase === 'error') {
      const code = this.loadError?.code ?? 'Unknown';
      return html`<div class="message error" role="alert">
        <p>${t('loadError')} ${this.errorMessage(code)}</p>
        <button type="button" @click=${() => void this.load()}>${this.common.t('retry')}</button>
      </div>`;
    }
    if (this.phase === 'loading') return html`<div class="message" aria-busy="true">${t('loading')}</div>`;
    if (!this.results.length) {
      const empty = this.index.size === 0 ? (this.admin ? t('emptyAdmin') : t('empty')) : t('noResults');
      return html`<div class="message">${empty}</div>`;
    }
    const items = this.results.slice(0, this.shown);
    return html`<div role="listbox" part="list" class=${this.view} aria-label=${t('clips')} @keydown=${this.onListKey}>
        ${items.map((e, i) => this.renderItem(e, i))}
      </div>
      ${
        this.results.length > this.shown
          ? html`<div class="more"><button type="button" @click=${() => (this.shown += PAGE)}>${t('showMore')}</button></div>`
          : nothing
      }`;
  }

  private posterUrl(e: CatalogEntry): string | undefined {
    if (!e.poster) return undefined;
    if (this.admin && statusOf(e) !== 'published') return undefined; // the CDN serves published clips only
    const base = this.config().cdnBaseUrl.replace(/\/+$/, '');
    return base ? `${base}/media/${encodeURIComponent(e.id)}/${e.poster}` : undefined;
  }

  /**
   * A failure in the page's language when its code has a text (the detailed English reason, with
   * its figures, stays in the title); records without a code, or with a newer one, show the reason.
   */
  private failureText(f: { failureReason?: string; failureCode?: string }): string {
    const key = `failure.${f.failureCode}`;
    const text = f.failureCode ? this.i18n.t(key) : key;
    return text !== key ? text : (f.failureReason ?? '');
  }

  private renderItem(e: CatalogEntry, i: number): TemplateResult {
    const t = this.i18n.t;
    const poster = this.posterUrl(e);
    const status = this.admin ? statusOf(e) : undefined;
    const meta = [e.outlet, e.program].filter(Boolean).join(' · ');
    const when = e.broadcastAt ? this.i18n.date(e.broadcastAt, { dateStyle: 'medium', timeStyle: 'short' }) : '';
    // Options take the pointer; the keyboard works on the listbox (aria-activedescendant), as ARIA's listbox pattern says.
    // eslint-disable-next-line lit-a11y/click-events-have-key-events
    return html`<div
      role="option"
      part="item"
      id=${`clip-${e.id}`}
      data-id=${e.id}
      tabindex=${i === this.active ? 0 : -1}
      aria-selected=${e.id === this.selectedId ? 'true' : 'false'}
      @click=${() => {
        this.active = i;
        void this.select(e);
      }}
      @focus=${() => (this.active = i)}
    >
      <div class="thumb">
        <span aria-hidden="true">${t('noPoster')}</span>
        ${poster ? html`<img src=${poster} alt="" loading="lazy" @error=${(ev: Event) => ((ev.target as HTMLElement).hidden = true)} />` : nothing}
        ${e.durationSeconds !== undefined ? html`<span class="duration"><span class="visually-hidden">${t('duration')}: </span>${formatDuration(e.durationSeconds)}</span>` : nothing}
      </div>
      <div class="body">
        <p class="title">${e.title}</p>
        ${meta ? html`<span class="meta">${meta}</span>` : nothing}
        ${when || e.state ? html`<span class="meta">${[when, e.state].filter(Boolean).join(' · ')}</span>` : nothing}
        ${status ? html`<span class="badge ${status}">${t(`status.${status}`)}</span>` : nothing}
        ${status === 'failed' && e.failureReason ? html`<span class="meta" title=${e.failureReason}>${t('failureReason')}: ${this.failureText(e)}</span>` : nothing}
      </div>
    </div>`;
  }

  /** One field of the edit form, as the definition describes it (src/contract/clip-form.ts). */
  private renderField(c: ClipFormControl, f: EditableFields, error: string | undefined): TemplateResult {
    const t = this.i18n.t;
    const value = fieldValue(f, c.name);
    const on = (e: Event) => this.onField(e);
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

  private renderEditor(ed: EditState): TemplateResult {
    const t = this.i18n.t;
    const f = ed.form;
    const err = (k: EditableKey) => ed.errors[k as keyof ValidationErrors];
    const busy = !!ed.busy;
    const ready = ed.record?.status === 'ready';
    return html`<dialog class="edit" part="dialog" aria-labelledby="edit-heading" @cancel=${(e: Event) => (e.preventDefault(), this.closeEditor())}>
        <form class="dialog-body" @submit=${this.onSubmit} novalidate>
          <h2 id="edit-heading">${t('editTitle', ed.title)}</h2>
          ${ed.notice ? html`<p class="notice ${ed.notice.kind}" role=${ed.notice.kind === 'error' ? 'alert' : 'status'}>${ed.notice.text}</p>` : nothing}
          ${ed.loading ? html`<p aria-busy="true">${t('loadingRecord')}</p>` : nothing}
          ${
            ed.record
              ? html`<p class="readonly">
                <span class="badge ${statusOf(entryFromRecord(ed.record, 'index'))}">${t(`status.${statusOf(entryFromRecord(ed.record, 'index'))}`)}</span>
                ${ed.record.failureReason ? html` <span title=${ed.record.failureReason}>${t('failureReason')}: ${this.failureText(ed.record)}</span>` : nothing}
              </p>`
              : nothing
          }
          ${ed.conflict ? this.renderConflict(ed, ed.conflict) : nothing}
          ${
            f && !ed.conflict
              ? html`<div class="form-grid">
                ${CLIP_FORM.map((c) => this.renderField(c, f, err(c.name)))}
              </div>`
              : nothing
          }
          <div class="actions">
            ${
              f && !ed.conflict
                ? html`<button type="button" class="danger" ?disabled=${busy} @click=${() => (this.confirmDelete = true)}>${t('delete')}</button>
                  <button
                    type="button"
                    name="publish"
                    ?disabled=${busy || (!ready && !ed.base?.published)}
                    title=${!ready && !ed.base?.published ? t('publishNotReady') : nothing}
                    @click=${this.togglePublish}
                  >
                    ${ed.base?.published ? t('unpublish') : t('publish')}
                  </button>`
                : nothing
            }
            <span class="spacer"></span>
            <button type="button" @click=${this.closeEditor}>${t('close')}</button>
            ${f && !ed.conflict ? html`<button type="submit" class="primary" ?disabled=${busy}>${ed.busy === 'save' ? t('saving') : t('save')}</button>` : nothing}
          </div>
        </form>
      </dialog>
      ${
        this.confirmDelete
          ? html`<dialog class="delete" part="dialog" aria-labelledby="delete-heading" aria-describedby="delete-text" @cancel=${(e: Event) => (e.preventDefault(), (this.confirmDelete = false))}>
            <div class="dialog-body">
              <h2 id="delete-heading">${t('deleteTitle')}</h2>
              <p id="delete-text">${t('deleteConfirm', ed.title)}</p>
              <div class="actions">
                <button type="button" autofocus @click=${() => (this.confirmDelete = false)}>${t('cancel')}</button>
                <button type="button" class="primary" name="confirm-delete" @click=${() => void this.doDelete()}>${t('delete')}</button>
              </div>
            </div>
          </dialog>`
          : nothing
      }`;
  }

  private show(v: unknown): string {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) return this.i18n.t('empty_value');
    if (Array.isArray(v)) return v.join(', ');
    if (typeof v === 'boolean') return this.i18n.t(v ? 'yes' : 'no');
    return String(v);
  }

  private renderConflict(ed: EditState, c: ConflictState): TemplateResult {
    const t = this.i18n.t;
    const setChoice = (field: EditableKey, choice: 'mine' | 'theirs' | 'edit') =>
      (this.editing = { ...ed, conflict: { ...c, choices: { ...c.choices, [field]: choice } } });
    return html`<div class="conflict" role="alert">
        <h3>${t('conflictTitle')}</h3>
        <p>${t('conflictHelp')}</p>
        ${c.conflicts.map(
          (x) => html`<fieldset data-field=${x.field}>
            <legend>${x.field === 'published' ? t('status') : t(`field.${x.field}`)}</legend>
            <label class="choice"
              ><input type="radio" name=${`resolve-${x.field}`} value="mine" .checked=${c.choices[x.field] === 'mine'} @change=${() => setChoice(x.field, 'mine')} />
              ${t('keepMine')}: <q>${this.show(x.mine)}</q></label
            >
            <label class="choice"
              ><input type="radio" name=${`resolve-${x.field}`} value="theirs" .checked=${c.choices[x.field] === 'theirs'} @change=${() => setChoice(x.field, 'theirs')} />
              ${t('takeTheirs')}: <q>${this.show(x.theirs)}</q></label
            >
            ${
              x.field !== 'published'
                ? html`<label class="choice"
                  ><input type="radio" name=${`resolve-${x.field}`} value="edit" .checked=${c.choices[x.field] === 'edit'} @change=${() => setChoice(x.field, 'edit')} />
                  ${t('editValue')}
                  <input
                    aria-label=${`${t(`field.${x.field}`)}: ${t('editValue')}`}
                    name=${`custom-${x.field}`}
                    .value=${c.custom[x.field] ?? this.show(x.mine).replace(t('empty_value'), '')}
                    @input=${(e: Event) =>
                      (this.editing = {
                        ...this.editing!,
                        conflict: {
                          ...c,
                          choices: { ...c.choices, [x.field]: 'edit' },
                          custom: { ...c.custom, [x.field]: (e.target as HTMLInputElement).value },
                        },
                      })}
                /></label>`
                : nothing
            }
          </fieldset>`,
        )}
      </div>
      <div class="actions">
        <button type="button" class="primary" name="resolve" ?disabled=${!!ed.busy} @click=${this.resolveConflict}>${t('resolve')}</button>
      </div>`;
  }
}

defineElement('ine-catalog', IneCatalog);

declare global {
  interface HTMLElementTagNameMap {
    'ine-catalog': IneCatalog;
  }
}
