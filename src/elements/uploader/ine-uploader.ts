import { html, nothing } from 'lit';
import { property, state, query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { IneElement } from '../../internal/ine-element.js';
import { ConfigController } from '../../internal/config-controller.js';
import { LocalizeController } from '../../i18n/localize.js';
import { defineElement } from '../../internal/define.js';
import { readClipForm, errorText } from '../../contract/clip-form.js';
import { normalizeClipInput, validateClipMetadata, type ValidationErrors } from '../../contract/clip-validate.js';
import type { ClipFieldName } from '../../contract/clip-fields.js';
import {
  createUploadQueue,
  type MetadataInput,
  type UploadItem,
  type UploadQueue,
  type UploadQueueEvent,
  type UploadQueueOptions,
} from '../../upload/upload-queue.js';
import { renderItem, type ItemView } from './render-item.js';
import { failureTexts } from './packaging-text.js';
import { createMyUploads, type MyUpload, type MyUploads, type MyUploadsEvent } from '../../upload/my-uploads.js';
import type { UnfinishedUpload } from '../../upload/upload-queue.js';
import { renderMyUploads, type MyUploadsView } from './render-my-uploads.js';
import { renderRejected, renderUnfinished, type NoticesView, type RejectedNotice } from './render-notices.js';
import { uploaderStyles } from './styles.js';
import './lang/index.js';

/**
 * @tagname ine-uploader
 * @summary Validates mp4 clips and uploads them straight to S3 (multipart, parallel, resumable) with temporary Cognito credentials.
 *
 * Choosing or dropping files validates them from their bytes (an ISO-BMFF `ftyp` box with an mp4 brand),
 * then each file waits for its metadata (a title at least) and the "Subir" button — or starts at once
 * with `auto` when its metadata came from `addFiles()`. Uploads are multipart, several parts at a time,
 * resumable after a reload (pick the same file again), verified by per-part CRC32 and a whole-file
 * SHA-256 shown at the end. The AWS SDK loads only when the first upload starts.
 *
 * @event ine-upload-start - A file's multipart upload began or resumed; `detail: { key, size, metadata, resumed, fileName }`.
 * @event ine-upload-progress - A part was acknowledged; `detail: { key, loaded, total, speed, fileName }` (bytes, bytes/s).
 * @event ine-upload-complete - The object and its manifest are in S3; `detail: { key, size, sha256, metadata }`.
 * @event ine-upload-error - Validation or upload failed; `detail: { code, message, fileName }` (`message` translated).
 * @event ine-upload-cancel - An upload was cancelled and its multipart upload aborted; `detail: { key, fileName }`.
 * @event ine-upload-stage - An upload of "Mis envíos" moved to another stage (src/contract/upload-status.ts UPLOAD_STAGES); `detail: { key, fileName, title, stage, from?, videoId? }` (`from` absent when the upload is first listed).
 * @event ine-upload-packaged - Packaging of a completed upload ended (followed through the upload's status document); `detail: { key, fileName, status: 'ready' | 'failed' | 'unknown', videoId?, failureCode?, failureParams?, lostSeconds? }`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart dropzone - The drop zone, also a keyboard-operable button that opens the file picker.
 * @csspart summary - Overall progress of the queue.
 * @csspart queue - The list of files.
 * @csspart item - One file (`data-state` holds its upload state, `data-packaging` what packaging made of it once uploaded).
 * @csspart file-name - A file's name.
 * @csspart state - A file's state text.
 * @csspart progress - A progress bar track (role=progressbar).
 * @csspart progress-indicator - A progress bar's filled part.
 * @csspart stats - Bytes, percent, speed and time left.
 * @csspart form - A file's metadata form.
 * @csspart field - One label + control of the form.
 * @csspart button - Every button; the main one is also `button-primary`.
 * @csspart error - An error message.
 * @csspart sha - The SHA-256 shown on completion.
 * @csspart packaging-error - Why packaging failed, translated, and what to do.
 * @csspart packaging-note - A note on a clip packaged with a loss (a recording cut short).
 * @csspart my-uploads - "Mis envíos": the uploads sent from this browser and their stage as it moves.
 * @csspart my-uploads-title - Its heading.
 * @csspart my-uploads-list - Its list.
 * @csspart my-upload - One upload of it (`data-stage`: uploading, processing, review, published or failed).
 * @csspart my-upload-title - Its title.
 * @csspart stage-hint - What its stage means for the uploader.
 * @csspart resume-note - On a file picked again whose upload was begun earlier: how much was already sent.
 * @csspart unfinished - Uploads begun earlier and not finished, offered as soon as the page opens.
 * @csspart unfinished-item - One of them, with how much was sent.
 * @csspart notices - Rejected files (wrong type, duplicate, too big): short notices, not queue items.
 * @csspart notice - One of them (`data-code` holds the reason's code), with a button to dismiss it.
 *
 * @cssproperty --ine-uploader-accent - Accent colour (progress, primary button, drop highlight). Default #d5007f.
 * @cssproperty --ine-uploader-fg - Text colour.
 * @cssproperty --ine-uploader-muted - Secondary text colour.
 * @cssproperty --ine-uploader-bg - Background of the drop zone, items and controls.
 * @cssproperty --ine-uploader-border-color - Borders and the progress track.
 * @cssproperty --ine-uploader-radius - Corner radius.
 * @cssproperty --ine-uploader-error - Error colour.
 * @cssproperty --ine-uploader-success - Completion colour.
 * @cssproperty --ine-uploader-focus-ring - Focus outline (a full `outline` value).
 */
export class IneUploader extends IneElement {
  static override styles = uploaderStyles;

  protected readonly i18n = new LocalizeController(this, 'uploader');
  private readonly cfg = new ConfigController(this, () => ({
    bucket: this.bucket || undefined,
    upload: {
      partSize: this.partSize > 0 ? this.partSize : undefined,
      concurrency: this.concurrency > 0 ? this.concurrency : undefined,
      maxFileSize: this.maxFileSize > 0 ? this.maxFileSize : undefined,
    },
  }));

  /** Bucket for this element, overriding the page configuration. */
  @property() bucket = '';
  /** Part size in bytes (clamped to S3's rules: ≥ 5 MiB, ≥ size / 10,000). Overrides `upload.partSize`. */
  @property({ type: Number, attribute: 'part-size' }) partSize = 0;
  /** Parts in flight per file. Overrides `upload.concurrency` (default 4). */
  @property({ type: Number }) concurrency = 0;
  /** Largest accepted file in bytes. Overrides `upload.maxFileSize` (default 50 GB). */
  @property({ type: Number, attribute: 'max-file-size' }) maxFileSize = 0;
  /** Start each file as soon as it has a title (e.g. metadata given to `addFiles()`), without pressing "Subir". */
  @property({ type: Boolean, reflect: true }) auto = false;

  /**
   * Advanced: options for the underlying queue (custom credentials, S3 client, resume store...).
   * Read when the first file is added.
   */
  @property({ attribute: false }) queueOptions: Omit<UploadQueueOptions, 'config'> = {};

  /**
   * For Storybook and visual tests only: render these snapshots instead of the live queue
   * (buttons then do nothing). Leave unset in applications.
   */
  @property({ attribute: false }) preview?: UploadItem[];

  @state() private items: UploadItem[] = [];
  @state() private announcement = '';
  @state() private dragging = false;
  /** Validation messages shown in each item's form (by item id), set when "Subir" is pressed. */
  @state() private fieldErrors = new Map<string, ValidationErrors>();
  @state() private mine: MyUpload[] = [];
  @state() private unfinished: UnfinishedUpload[] = [];
  @state() private rejected: RejectedNotice[] = [];

  /**
   * For Storybook and visual tests only: render these "Mis envíos" entries, unfinished uploads and
   * rejected notices instead of the live ones. Leave unset in applications.
   */
  @property({ attribute: false }) previewMine?: { mine?: MyUpload[]; unfinished?: UnfinishedUpload[]; rejected?: RejectedNotice[] };

  @query('input[type=file]') private input!: HTMLInputElement;

  private q?: UploadQueue;
  private unsubscribe?: () => void;
  private my?: MyUploads;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    this.onVisibility();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    // Out of the page: no more polls for the packaging of its uploads until it is back.
    this.q?.followPackaging(false);
    this.my?.setActive(false);
  }

  protected override firstUpdated(): void {
    // Not for previews (Storybook): those show what they are given, and touch no storage.
    if (this.preview || this.previewMine) return;
    this.myUploads.setActive(this.isConnected && !document.hidden);
    void this.refreshUnfinished();
    // Remembered uploads are shown to their own uploader only (a shared browser); not signed in yet: none until the first upload.
    this.uploadQueue
      .identityId()
      .then((id) => this.my?.setOwner(id))
      .catch(() => {});
  }

  /** A hidden page (another tab, a minimised window) polls nothing; back in view, it catches up at once. */
  private readonly onVisibility = (): void => {
    const on = this.isConnected && !document.hidden;
    this.q?.followPackaging(on);
    this.my?.setActive(on);
  };

  /** "Mis envíos": the state model (src/upload/my-uploads.ts), created on first use. */
  get myUploads(): MyUploads {
    if (!this.my) {
      this.my = createMyUploads({ read: (statusKey) => this.uploadQueue.statusReader(statusKey) });
      this.my.subscribe((e) => this.onMyUploadsEvent(e));
      this.mine = this.my.items;
    }
    return this.my;
  }

  private async refreshUnfinished(): Promise<void> {
    this.unfinished = await this.uploadQueue.unfinished();
  }

  private onMyUploadsEvent(e: MyUploadsEvent): void {
    this.mine = this.my!.items;
    if (e.type !== 'stage') return;
    const m = e.item;
    // The queue announces its own files' "ready" and "failed"; publication, and what changed while away, are told here.
    const ownCard = this.q?.items.some((i) => i.key === m.key);
    if (m.stage === 'published' || (!ownCard && (m.stage === 'review' || m.stage === 'failed')))
      this.announce(this.i18n.t('announce.stage', m.title, this.i18n.t(`stage.${m.stage}`)));
    this.emit('ine-upload-stage', {
      key: m.key,
      fileName: m.fileName,
      title: m.title,
      stage: m.stage,
      ...(e.from ? { from: e.from } : {}),
      ...(m.packaging && 'videoId' in m.packaging ? { videoId: m.packaging.videoId } : {}),
    });
  }

  /** A read-only snapshot of the queue. */
  get queue(): UploadItem[] {
    return this.q?.items ?? [];
  }

  /** The live queue (created on first use), for integrations that need more than the element's API. */
  get uploadQueue(): UploadQueue {
    if (!this.q) {
      this.q = createUploadQueue({ ...this.queueOptions, config: () => this.cfg.value });
      this.unsubscribe = this.q.subscribe((e) => this.onQueueEvent(e));
    }
    return this.q;
  }

  /** Validate and add files; with metadata (one object for all, or one per file) and `auto`, they start at once. */
  async addFiles(files: Iterable<File> | ArrayLike<File>, metadata?: MetadataInput | MetadataInput[]): Promise<UploadItem[]> {
    const added = await this.uploadQueue.addFiles(files, metadata);
    const ok = added.filter((i) => i.state === 'ready');
    // Rejected files are notices, not queue cards: they were never uploads.
    const refused = added.filter((i) => i.state === 'invalid');
    for (const i of refused) this.uploadQueue.remove(i.id);
    if (refused.length) this.rejected = [...this.rejected, ...refused.map((i) => ({ id: i.id, fileName: i.fileName, code: i.error!.code }))];
    const said = [ok.length ? this.i18n.t('announce.added', ok.length) : '', refused.length ? this.i18n.t('announce.rejected', refused.length) : ''];
    if (added.length) this.announce(said.filter(Boolean).join(' '));
    if (ok.some((i) => i.resumable)) void this.refreshUnfinished();
    if (this.auto) for (const i of ok) if (i.metadata.title) this.uploadQueue.start(i.id);
    return added.map((i) => this.uploadQueue.get(i.id) ?? i);
  }

  /** Dismiss one rejected-file notice. */
  dismissNotice(id: string): void {
    this.rejected = this.rejected.filter((n) => n.id !== id);
  }

  /** Start one file (by queue id), or every ready file that has a title. */
  start(id?: string): void {
    this.uploadQueue.start(id);
  }
  pause(id?: string): void {
    this.q?.pause(id);
  }
  resume(id?: string): void {
    this.q?.resume(id);
  }
  /** Cancel one file or all; aborts the multipart uploads on S3. */
  cancel(id?: string): Promise<void> {
    return this.q?.cancel(id) ?? Promise.resolve();
  }
  retry(id?: string): void {
    this.q?.retry(id);
  }
  /** Remove a finished, invalid or cancelled file from the list. */
  removeFile(id: string): void {
    this.q?.remove(id);
  }

  private onQueueEvent(e: UploadQueueEvent): void {
    this.items = this.q!.items;
    this.feedMyUploads(e);
    if (e.type === 'change') {
      if (e.item?.state === 'paused') this.announce(this.i18n.t('announce.paused', e.item.fileName));
      if (e.item?.state === 'waiting' && e.item.waitingFor === 'offline') this.announce(this.i18n.t('announce.waiting', e.item.fileName));
      return;
    }
    switch (e.type) {
      case 'start':
        this.announce(this.i18n.t('announce.start', e.detail.fileName));
        this.emit('ine-upload-start', e.detail);
        break;
      case 'progress':
        this.emit('ine-upload-progress', e.detail);
        break;
      case 'complete':
        this.announce(this.i18n.t('announce.complete', e.detail.fileName));
        this.emit('ine-upload-complete', { key: e.detail.key, size: e.detail.size, sha256: e.detail.sha256, metadata: e.detail.metadata });
        break;
      case 'error': {
        const message = this.errorMessage(e.detail.code);
        // A rejected file is announced with the others added with it (addFiles).
        if (e.item.state !== 'invalid') this.announce(this.i18n.t('announce.error', e.detail.fileName, message));
        this.emit('ine-upload-error', { code: e.detail.code, message, fileName: e.detail.fileName });
        break;
      }
      case 'cancel':
        this.announce(this.i18n.t('announce.cancel', e.detail.fileName));
        this.emit('ine-upload-cancel', e.detail);
        break;
      case 'packaged': {
        const p = e.item.packaging;
        if (p?.status === 'failed') {
          const { reason } = failureTexts(p, this.i18n.t, this.view());
          this.announce(this.i18n.t('announce.failed', e.detail.fileName, reason));
        } else if (p?.status === 'ready') this.announce(this.i18n.t('announce.ready', e.detail.fileName));
        this.emit('ine-upload-packaged', e.detail);
        break;
      }
    }
  }

  /** What "Mis envíos" learns from the queue: a new upload, its progress, then what its own packaging watch reads. */
  private feedMyUploads(e: UploadQueueEvent): void {
    if (this.preview || this.previewMine) return;
    const my = this.myUploads;
    const key = e.type === 'cancel' ? e.detail.key : e.item?.key;
    if (!key) return;
    switch (e.type) {
      case 'start':
        my.add({ key, fileName: e.item.fileName, title: e.item.metadata.title ?? e.item.fileName });
        break;
      case 'change':
        if (e.item!.packaging) my.report(key, e.item!.packaging);
        else if (e.item!.state !== 'complete') my.uploadProgress(key, Math.floor(e.item!.percent));
        break;
      case 'complete':
        void this.refreshUnfinished();
        if (!this.q!.statusReader(key)) my.report(key, { status: 'unknown' });
        break;
      case 'packaged':
        // Ready waits for review: followed here until it is published (the queue's watch ends at ready).
        if (e.detail.status !== 'failed') my.follow(key);
        break;
      case 'cancel':
        my.remove(key);
        void this.refreshUnfinished();
        break;
    }
  }

  private announce(text: string): void {
    // Re-announce identical messages: clear first, set on the next frame.
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = text));
  }

  private openPicker(): void {
    this.input?.click();
  }

  private onDropKey(e: KeyboardEvent): void {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.openPicker();
    }
  }

  private async onPicked(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = ''; // the same file can be picked again (to resume it)
    if (files.length) await this.addFiles(files);
  }

  private onDragOver(e: DragEvent): void {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this.dragging = true;
  }

  private async onDrop(e: DragEvent): Promise<void> {
    e.preventDefault();
    this.dragging = false;
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) await this.addFiles(files);
  }

  private readForm(form: HTMLFormElement): MetadataInput {
    const data = new FormData(form);
    return readClipForm((k) => String(data.get(k) ?? '')) as MetadataInput;
  }

  private setFieldErrors(id: string, errors: ValidationErrors): void {
    const next = new Map(this.fieldErrors);
    if (Object.keys(errors).length) next.set(id, errors);
    else next.delete(id);
    this.fieldErrors = next;
  }

  private view(): ItemView {
    const i18n = this.i18n;
    return {
      t: i18n.t,
      bytes: (n) => i18n.bytes(n),
      number: (n) => i18n.number(n, { maximumFractionDigits: 2 }),
      percent: (n) => i18n.number(n / 100, { style: 'percent', maximumFractionDigits: n > 0 && n < 10 ? 1 : 0 }),
      errorMessage: (code) => this.errorMessage(code),
      fieldErrors: (id) => this.fieldErrors.get(id) ?? {},
      errorText: (field, reason) => errorText(i18n.t, field, reason),
      onSubmit: (e, item) => {
        e.preventDefault();
        if (this.preview) return;
        const form = e.currentTarget as HTMLFormElement;
        const meta = this.readForm(form);
        const errors = validateClipMetadata(normalizeClipInput(meta));
        this.setFieldErrors(item.id, errors);
        const first = Object.keys(errors)[0] as ClipFieldName | undefined;
        if (first) {
          this.updateComplete.then(() => (form.querySelector(`[name=${first}]`) as HTMLElement | null)?.focus());
          return;
        }
        this.uploadQueue.setMetadata(item.id, meta);
        this.uploadQueue.start(item.id);
      },
      onFieldChange: (e, item) => {
        if (this.preview) return;
        const form = (e.currentTarget as HTMLFormElement) ?? (e.target as HTMLElement).closest('form');
        const meta = this.readForm(form);
        // Keep what is typed; a blank title is only refused when "Subir" is pressed.
        if (!String(meta.title ?? '').trim()) delete meta.title;
        this.uploadQueue.setMetadata(item.id, meta);
      },
      pause: (id) => !this.preview && this.pause(id),
      resume: (id) => !this.preview && this.resume(id),
      cancel: (id) => void (!this.preview && this.cancel(id)),
      retry: (id) => !this.preview && this.retry(id),
      remove: (id) => !this.preview && this.removeFile(id),
    };
  }

  private noticesView(): NoticesView {
    return {
      t: this.i18n.t,
      percent: (n) => this.i18n.number(n / 100, { style: 'percent', maximumFractionDigits: 0 }),
      errorMessage: (code) => this.errorMessage(code),
      choose: () => this.openPicker(),
      discard: (fp) => {
        if (this.previewMine) return;
        void this.uploadQueue.forgetUnfinished(fp).then(() => this.refreshUnfinished());
      },
      dismiss: (id) => this.dismissNotice(id),
    };
  }

  private myUploadsView(): MyUploadsView {
    const i18n = this.i18n;
    return {
      t: i18n.t,
      bytes: (n) => i18n.bytes(n),
      number: (n) => i18n.number(n, { maximumFractionDigits: 2 }),
      percent: (n) => i18n.number(n / 100, { style: 'percent', maximumFractionDigits: 0 }),
      dateTime: (iso) => i18n.date(iso, { dateStyle: 'medium', timeStyle: 'short' }),
      forget: (key) => !this.previewMine && this.my?.remove(key),
    };
  }

  override render() {
    const t = this.i18n.t;
    const items = this.preview ?? this.items;
    const max = this.i18n.bytes(this.cfg.value.upload.maxFileSize);
    const view = this.view();
    return html`<div part="base">
      <div
        part="dropzone"
        class=${this.dragging ? 'over' : ''}
        role="button"
        tabindex="0"
        aria-describedby="drop-hint"
        @click=${this.openPicker}
        @keydown=${this.onDropKey}
        @dragover=${this.onDragOver}
        @dragleave=${() => (this.dragging = false)}
        @drop=${this.onDrop}
      >
        <svg aria-hidden="true" width="32" height="32" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.6"><path d="M12 16V4m0 0-4 4m4-4 4 4M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3" /></svg>
        <span class="drop-title">${this.dragging ? t('dropActive') : t('dropTitle')}</span>
        <span>${t('dropAction')}</span>
        <span id="drop-hint" class="hint">${t('dropHint', max)}</span>
      </div>
      <input type="file" accept="video/mp4,.mp4,.m4v,video/quicktime,.mov" multiple hidden aria-label=${t('choose')} @change=${this.onPicked} />
      ${renderUnfinished(this.previewMine?.unfinished ?? this.unfinished, this.noticesView())}
      ${renderRejected(this.previewMine?.rejected ?? this.rejected, this.noticesView())}
      ${items.length ? this.renderSummary(items) : nothing}
      ${
        items.length
          ? html`<ul part="queue" aria-label=${t('queueLabel')}>${repeat(
              items,
              (i) => i.id,
              (i) => renderItem(i, view),
            )}</ul>`
          : nothing
      }
      ${renderMyUploads(this.previewMine?.mine ?? this.mine, this.myUploadsView())}
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    </div>`;
  }

  private renderSummary(items: UploadItem[]) {
    const t = this.i18n.t;
    const counted = items.filter((i) => i.state !== 'invalid' && i.state !== 'cancelled');
    const total = counted.reduce((n, i) => n + i.total, 0);
    const loaded = counted.reduce((n, i) => n + i.loaded, 0);
    const pct = total ? (loaded / total) * 100 : 0;
    const done = counted.filter((i) => i.state === 'complete').length;
    const pctText = this.i18n.number(pct / 100, { style: 'percent', maximumFractionDigits: 0 });
    return html`<div part="summary">
      <span>${t('overall', done, counted.length, pctText)}</span>
      <div part="progress overall-progress" role="progressbar" aria-label=${t('overallLabel')} aria-valuemin="0" aria-valuemax="100" aria-valuenow=${Math.floor(pct)}>
        <div part="progress-indicator" style=${`width:${pct.toFixed(2)}%`}></div>
      </div>
    </div>`;
  }
}

defineElement('ine-uploader', IneUploader);

declare global {
  interface HTMLElementTagNameMap {
    'ine-uploader': IneUploader;
  }
}
