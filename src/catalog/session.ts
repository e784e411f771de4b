/**
 * One catalog view's state, without a DOM: loading a collection into a SearchIndex (first page,
 * then shards), the query (text, filters, sort) and its results and facets, and the admin's
 * edit → save → conflict → resolve and delete flow. `<ine-catalog>` is a view of it; Node tests
 * drive it with `memorySource` and an in-memory admin API.
 *
 *   const session = createCatalogSession({ openSource: async () => memorySource(entries) });
 *   session.subscribe((e) => e.type === 'change' && render(session.state));
 *   await session.load();
 *   session.setQuery({ text: 'debate' });
 *
 * Texts are not translated here: notices carry a translation key and/or an error code.
 */
import { entryFromRecord, type CatalogEntry } from './format.js';
import { SearchIndex } from './search-index.js';
import { runQuery, type CatalogQuery, type Facets } from './query.js';
import { loadCollection, type CatalogSource } from './reader.js';
import { isFragmentSource, type FragmentSource } from './fragments/source.js';
import type { FragmentAnswer, FragmentCatalog } from './fragments/reader.js';
import { FIRST_PAGE_SIZE, FIRST_SCREEN } from './fragments/format.js';
import { applyEditable, editableOf, type EditableFields, type EditableKey, type FieldConflict } from './merge.js';
import { validateFields, type ValidationErrors } from './validate.js';
import type { LoadedRecord, SaveOutcome } from './admin.js';
import { formControl } from '../contract/clip-form.js';
import { FACET_FIELDS } from '../contract/clip-fields.js';
import type { VideoRecord } from '../contract/video-record.js';
import { IneError, toIneError, type IneErrorCode } from '../internal/errors.js';

export type CatalogPhase = 'loading' | 'partial' | 'ready' | 'error';
export type AdminAction = 'edit' | 'publish' | 'unpublish' | 'delete';
export type ConflictChoice = 'mine' | 'theirs' | 'edit';

/** A message for the view: a translation key (with arguments) and/or an error code. */
export interface CatalogNotice {
  kind: 'ok' | 'error';
  key?: string;
  args?: Array<string | number>;
  code?: IneErrorCode;
}

export interface ConflictState {
  conflicts: FieldConflict[];
  theirs: LoadedRecord;
  merged: EditableFields;
  choices: Partial<Record<EditableKey, ConflictChoice>>;
  custom: Partial<Record<EditableKey, string>>;
}

export interface EditState {
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
  notice?: CatalogNotice;
}

/** The admin operations the session needs (src/catalog/admin.ts bound to an S3 client and bucket). */
export interface CatalogAdminApi {
  loadRecord(id: string): Promise<LoadedRecord>;
  saveEdits(id: string, base: EditableFields, baseEtag: string, mine: EditableFields): Promise<SaveOutcome>;
  deleteClip(id: string): Promise<void>;
}

export interface CatalogSessionOptions {
  /** Where entries come from; called on every load (the configuration may have changed). */
  openSource: () => Promise<CatalogSource | FragmentSource>;
  /** Admin operations; editing fails with `AccessDenied` without them. */
  admin?: CatalogAdminApi;
  /** Awaited before a load failure is reported (e.g. until the view's message texts have arrived). */
  beforeFailure?: () => Promise<unknown>;
  /** How long shard arrivals are batched before the query runs again (ms). */
  rerunDelayMs?: number;
}

export type CatalogSessionEvent =
  | { type: 'change' }
  | { type: 'error'; code: IneErrorCode; error: IneError }
  | { type: 'conflict'; videoId: string; fields: EditableKey[] }
  | { type: 'saved'; videoId: string; action: AdminAction };

export interface CatalogState {
  phase: CatalogPhase;
  /** Set when loading failed with nothing to show. */
  loadError?: IneError;
  /**
   * Entries matching the query, in the chosen order: all of them from an in-memory source; from a
   * fragment catalog the first `matchCount` are fetched as asked (`showResults`).
   */
  results: CatalogEntry[];
  /** How many entries match the query. */
  matchCount: number;
  /** False when `matchCount` is an estimate (a search over a very large catalog that stopped once its first results were known). */
  countExact?: boolean;
  facets: Facets;
  /** False when the facet counts cover only the newest matches (a very large match set). */
  facetsExact: boolean;
  query: CatalogQuery;
  /** Clips loaded so far. */
  size: number;
  /** Clips in the collection per its manifest. */
  total: number;
  progress: { loaded: number; count: number };
  notice?: CatalogNotice;
  editing?: EditState;
}

/** What a save ended in: `invalid` leaves the field errors in `editing.errors`. */
export type SaveResult = 'saved' | 'conflict' | 'invalid' | 'failed' | 'skipped';

/**
 * Every operation resolves, never rejects: a failure becomes an `error` event and a notice in the
 * state, so a view may call them without awaiting (`void session.load()`).
 */
export interface CatalogSession {
  readonly state: Readonly<CatalogState>;
  /** Load (or reload) the collection; resolves when it is fully indexed or failed. */
  load(): Promise<void>;
  /** Resolves once the latest load has finished (also when a reload started meanwhile), and the latest query of a fragment catalog has been answered. */
  whenLoaded(): Promise<void>;
  setQuery(patch: Partial<CatalogQuery>): void;
  /** Make sure the first `n` matches are in `results` (a fragment catalog fetches them). */
  showResults(n: number): Promise<void>;
  /** A clip's entry as loaded (undefined when not in the index). */
  entry(id: string): CatalogEntry | undefined;
  openEditor(entry: Pick<CatalogEntry, 'id' | 'title'>): Promise<void>;
  closeEditor(): void;
  setField(key: EditableKey, value: unknown): void;
  /** Save the form (publication unchanged). */
  submit(): Promise<SaveResult>;
  /** Publish or unpublish only; unsaved form edits stay in the form. */
  togglePublish(): Promise<SaveResult>;
  chooseResolution(field: EditableKey, choice: ConflictChoice, custom?: string): void;
  /** Save the conflict's resolution over the other admin's record. */
  resolveConflict(): Promise<SaveResult>;
  /** Delete the clip being edited; true when it is gone. */
  deleteClip(): Promise<boolean>;
  subscribe(listener: (e: CatalogSessionEvent) => void): () => void;
  /** Stop timers and loads in flight. */
  dispose(): void;
}

/** Results fetched at first from a fragment catalog (one page of the view). */
export const FIRST_RESULTS = FIRST_PAGE_SIZE;

const emptyFacets = (): Facets => Object.fromEntries(FACET_FIELDS.map((f) => [f.facet.key, []])) as unknown as Facets;

export function createCatalogSession(options: CatalogSessionOptions): CatalogSession {
  const listeners = new Set<(e: CatalogSessionEvent) => void>();
  const rerunDelay = options.rerunDelayMs ?? 100;
  let index = new SearchIndex();
  let gen = 0;
  let current: Promise<void> = Promise.resolve();
  let rerunTimer: ReturnType<typeof setTimeout> | undefined;
  let facetTimer: ReturnType<typeof setTimeout> | undefined;
  const state: CatalogState = {
    phase: 'loading',
    results: [],
    matchCount: 0,
    facets: emptyFacets(),
    facetsExact: true,
    query: {},
    size: 0,
    total: 0,
    progress: { loaded: 0, count: 0 },
  };

  function emit(ev: CatalogSessionEvent): void {
    for (const l of [...listeners]) {
      try {
        l(ev);
      } catch (err) {
        // One failing listener must not stop the others or the session; it is still reported.
        console.error('[ine-catalog] listener failed', err);
      }
    }
  }
  const changed = () => emit({ type: 'change' });
  const reportError = (e: unknown): IneErrorCode => {
    const error = toIneError(e);
    emit({ type: 'error', code: error.code, error });
    return error.code;
  };
  const setEditing = (ed: EditState | undefined) => {
    state.editing = ed;
    changed();
  };

  /** Set for a fragment catalog (format v2): queries are answered by fetching fragments. */
  let fragments: FragmentCatalog | undefined;
  let answer: FragmentAnswer | undefined;
  let queryGen = 0;
  let wanted = FIRST_RESULTS;
  /** Positions of `answer` fetched so far (`results` may hold fewer: the overlay hides deleted clips). */
  let fetchedTo = 0;
  /** The latest fetch of more results: the next one starts where it ended, never twice from the same place. */
  let filling: Promise<void> = Promise.resolve();

  /** Where a page up to position `n` ends: an estimated count may be low, so only an exact one clips it. */
  const pageEnd = (a: FragmentAnswer, n: number) => (a.totalExact ? Math.min(n, a.total) : n);

  /**
   * Fetch `answer`'s results up to position `n`, after any fetch in flight, and append them.
   * `started`: the same results already asked for from where the last fetch ended.
   */
  function fill(cat: FragmentCatalog, a: FragmentAnswer, my: number, n: number, started?: Promise<CatalogEntry[]>): Promise<void> {
    const stale = () => my !== queryGen || a !== answer || cat !== fragments;
    const run = filling.then(async () => {
      if (stale() || fetchedTo >= pageEnd(a, n)) return;
      const got = await (started ?? cat.entries(a, fetchedTo, pageEnd(a, n)));
      if (stale()) return;
      fetchedTo += got.length;
      state.results = [...state.results, ...withOverlay(got)];
      // Going further refines an estimated count (and may find the end).
      if (!a.totalExact || state.countExact === false)
        Object.assign(state, { matchCount: Math.max(state.results.length, a.total), countExact: a.totalExact });
      changed();
    });
    filling = run.catch(() => undefined);
    return run;
  }

  async function runFragmentQuery(cat: FragmentCatalog): Promise<void> {
    const my = ++queryGen;
    try {
      // Ranked as far as the first screen and shown, then the rest of the page: the first screen
      // waits for the fewest blocks and entries (FIRST_SCREEN).
      const a = await cat.query(state.query, Math.min(wanted, FIRST_SCREEN));
      const screenEnd = Math.min(wanted, FIRST_SCREEN, a.total);
      const screen = cat.entries(a, 0, screenEnd);
      // The rest of the page is asked for now, at low priority: over HTTP/2 it shares the first
      // screen's round trips, over HTTP/1.1 it waits for a connection after the first screen's requests.
      const rest = cat.entries(a, screenEnd, pageEnd(a, wanted), 'low');
      rest.catch(() => undefined); // reported where it is awaited (fill), or moot once another query runs
      const entries = await screen;
      if (my !== queryGen || cat !== fragments) return;
      answer = a;
      fetchedTo = entries.length;
      filling = Promise.resolve();
      const shown = withOverlay(entries);
      Object.assign(state, {
        results: shown,
        matchCount: Math.max(shown.length, a.total - (entries.length - shown.length)),
        countExact: a.totalExact,
        size: cat.count,
        total: cat.count,
      });
      if (state.notice?.key === 'loadError') state.notice = undefined;
      changed();
      await fill(cat, a, my, wanted, rest);
      if (my !== queryGen || cat !== fragments) return;
      // Facet counts just after the results (they may fetch columns), off the keystroke's critical path.
      const f = await cat.facets(a);
      if (my !== queryGen || cat !== fragments) return;
      Object.assign(state, { facets: f.facets, facetsExact: f.exact });
      changed();
    } catch (e) {
      if (my !== queryGen || cat !== fragments) return;
      state.notice = { kind: 'error', key: 'loadError', code: reportError(e) };
      changed();
    }
  }

  /**
   * This admin's own changes, shown at once over a fragment catalog's answers (the indexer applies
   * them to the catalog a moment later): id → the entry as saved, or null when deleted.
   */
  const overlay = new Map<string, CatalogEntry | null>();

  function getLocal(id: string): CatalogEntry | undefined {
    if (!fragments) return index.get(id);
    const o = overlay.get(id);
    return o === null ? undefined : (o ?? state.results.find((e) => e.id === id));
  }

  /** Show `entry` for clip `id` (undefined: not at all) until the next load. */
  function putLocal(id: string, entry: CatalogEntry | undefined): void {
    if (!fragments) {
      if (entry) index.add([entry]);
      else index.remove(id);
    } else overlay.set(id, entry ?? null);
  }

  function withOverlay(entries: CatalogEntry[]): CatalogEntry[] {
    if (!overlay.size) return entries;
    const out: CatalogEntry[] = [];
    for (const e of entries) {
      const o = overlay.get(e.id);
      if (o !== null) out.push(o ?? e);
    }
    return out;
  }

  /** The latest fragment query (or more results) in flight; `whenLoaded` waits for it. */
  let querying: Promise<void> = Promise.resolve();

  function rerun(): void {
    if (fragments) {
      querying = runFragmentQuery(fragments);
      return;
    }
    const r = runQuery(index, state.query);
    state.results = r.entries;
    state.matchCount = r.entries.length;
    state.size = index.size;
    // Facet counts refresh just after the results, off the keystroke's critical path.
    clearTimeout(facetTimer);
    facetTimer = setTimeout(() => {
      state.facets = r.facets;
      changed();
    }, 0);
    changed();
  }

  function scheduleRerun(): void {
    rerunTimer ??= setTimeout(() => {
      rerunTimer = undefined;
      rerun();
    }, rerunDelay);
  }

  async function runLoad(my: number): Promise<void> {
    try {
      const source = await options.openSource();
      if (isFragmentSource(source)) {
        const cat = await source.open();
        if (my !== gen) return;
        if (!cat) {
          Object.assign(state, { phase: 'ready', results: [], matchCount: 0, size: 0, total: 0, facets: emptyFacets() });
          changed();
          return;
        }
        fragments = cat;
        state.phase = 'ready';
        await (querying = runFragmentQuery(cat));
        return;
      }
      await loadCollection(source, {
        onFirst: (entries, p) => {
          if (my !== gen) return;
          index.add(entries);
          state.total = p.total;
          state.progress = { loaded: 0, count: p.shardCount };
          if (p.shardCount && entries.length) state.phase = 'partial';
          if (entries.length) rerun();
        },
        onShard: (entries, p) => {
          if (my !== gen) return;
          index.add(entries);
          state.progress = { loaded: p.loadedShards, count: p.shardCount };
          scheduleRerun();
        },
      });
      if (my !== gen) return;
      clearTimeout(rerunTimer);
      rerunTimer = undefined;
      state.total = index.size;
      state.phase = 'ready';
      rerun();
    } catch (e) {
      if (my !== gen) return;
      // The view's texts failing to arrive must not hide the failure itself: report it regardless.
      await options.beforeFailure?.().catch(() => undefined);
      if (my !== gen) return;
      const code = reportError(e);
      if (index.size) {
        // The first page is there: keep it usable and say the rest could not be loaded.
        state.phase = 'ready';
        state.notice = { kind: 'error', key: 'loadError', code };
        rerun();
        return;
      }
      state.loadError = toIneError(e);
      state.phase = 'error';
      changed();
    }
  }

  function admin(): CatalogAdminApi {
    if (!options.admin) throw new IneError('AccessDenied', 'This catalog view has no admin access');
    return options.admin;
  }

  /** Show the change at once in the list; the returned function undoes it if the write fails. */
  function optimistic(record: VideoRecord): () => void {
    const before = getLocal(record.id);
    putLocal(record.id, entryFromRecord(record, 'index'));
    rerun();
    return () => {
      putLocal(record.id, before);
      rerun();
    };
  }

  async function save(mine: EditableFields, action: 'edit' | 'publish' | 'unpublish', base?: EditableFields, etag?: string): Promise<SaveResult> {
    const ed = state.editing;
    if (!ed?.record || !ed.base || !ed.etag) return 'skipped';
    const errors = validateFields(mine, base ?? ed.base);
    if (Object.keys(errors).length) {
      setEditing({ ...ed, errors, notice: { kind: 'error', key: 'fixErrors' } });
      return 'invalid';
    }
    const rollback = optimistic(applyEditable(ed.record, mine));
    setEditing({ ...ed, busy: action === 'edit' ? 'save' : 'publish', notice: undefined });
    try {
      const out = await admin().saveEdits(ed.id, base ?? ed.base, etag ?? ed.etag, mine);
      if (out.kind === 'conflict') {
        rollback();
        const choices: ConflictState['choices'] = {};
        for (const c of out.conflicts) choices[c.field] = 'mine';
        setEditing({
          ...state.editing!,
          busy: undefined,
          conflict: { conflicts: out.conflicts, theirs: out.theirs, merged: out.merged, choices, custom: {} },
          notice: undefined,
        });
        emit({ type: 'conflict', videoId: ed.id, fields: out.conflicts.map((c) => c.field) });
        return 'conflict';
      }
      putLocal(out.record.id, entryFromRecord(out.record, 'index'));
      rerun();
      const fresh = editableOf(out.record);
      const key = action === 'publish' ? 'published' : action === 'unpublish' ? 'unpublished' : out.merged ? 'savedMerged' : 'saved';
      setEditing({
        ...state.editing!,
        busy: undefined,
        record: out.record,
        etag: out.etag,
        base: fresh,
        form: { ...fresh },
        conflict: undefined,
        title: out.record.metadata.title,
        notice: { kind: 'ok', key },
      });
      emit({ type: 'saved', videoId: ed.id, action });
      return 'saved';
    } catch (e) {
      rollback();
      const code = reportError(e);
      setEditing({ ...state.editing!, busy: undefined, notice: { kind: 'error', code } });
      return 'failed';
    }
  }

  const session: CatalogSession = {
    state,

    load() {
      const my = ++gen;
      clearTimeout(rerunTimer);
      rerunTimer = undefined;
      index = new SearchIndex();
      fragments = undefined;
      answer = undefined;
      overlay.clear();
      wanted = FIRST_RESULTS;
      Object.assign(state, {
        phase: 'loading',
        loadError: undefined,
        notice: undefined,
        results: [],
        matchCount: 0,
        countExact: true,
        size: 0,
        facetsExact: true,
      });
      changed();
      current = runLoad(my);
      return current;
    },

    async whenLoaded() {
      let p: Promise<void>;
      let q: Promise<void>;
      do {
        p = current;
        q = querying;
        await p;
        await q;
      } while (p !== current || q !== querying);
    },

    setQuery(patch) {
      state.query = { ...state.query, ...patch };
      wanted = FIRST_RESULTS;
      rerun();
    },

    async showResults(n) {
      wanted = Math.max(wanted, n);
      const cat = fragments;
      const a = answer;
      if (!cat || !a || fetchedTo >= pageEnd(a, n)) return;
      const more = fill(cat, a, queryGen, n).catch((e) => {
        state.notice = { kind: 'error', key: 'loadError', code: reportError(e) };
        changed();
      });
      querying = querying.then(() => more);
      await more;
    },

    entry: (id) => getLocal(id),

    async openEditor(entry) {
      setEditing({ id: entry.id, title: entry.title, loading: true, errors: {} });
      try {
        const { record, etag } = await admin().loadRecord(entry.id);
        if (state.editing?.id !== entry.id) return;
        const base = editableOf(record);
        setEditing({ ...state.editing, loading: false, record, etag, base, form: { ...base } });
      } catch (e) {
        if (state.editing?.id !== entry.id) return;
        const code = reportError(e);
        setEditing({ ...state.editing, loading: false, notice: { kind: 'error', code } });
      }
    },

    closeEditor() {
      setEditing(undefined);
    },

    setField(key, value) {
      const ed = state.editing;
      if (!ed?.form) return;
      const errors: Record<string, string | undefined> = { ...ed.errors };
      delete errors[key];
      setEditing({ ...ed, form: { ...ed.form, [key]: value } as EditableFields, errors });
    },

    submit() {
      const ed = state.editing;
      if (!ed?.form || !ed.base) return Promise.resolve('skipped');
      return save({ ...ed.form, published: ed.base.published }, 'edit');
    },

    async togglePublish() {
      const ed = state.editing;
      if (!ed?.base) return 'skipped';
      const publish = !ed.base.published;
      const out = await save({ ...ed.base, published: publish }, publish ? 'publish' : 'unpublish');
      const now = state.editing;
      if (now?.form && ed.form && now.base) setEditing({ ...now, form: { ...ed.form, published: now.base.published } });
      return out;
    },

    chooseResolution(field, choice, custom) {
      const ed = state.editing;
      const c = ed?.conflict;
      if (!ed || !c) return;
      const next: ConflictState = { ...c, choices: { ...c.choices, [field]: choice } };
      if (custom !== undefined) next.custom = { ...c.custom, [field]: custom };
      setEditing({ ...ed, conflict: next });
    },

    resolveConflict() {
      const ed = state.editing;
      const c = ed?.conflict;
      if (!ed || !c) return Promise.resolve('skipped');
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
      const form = resolved as unknown as EditableFields;
      setEditing({ ...ed, record: c.theirs.record, etag: c.theirs.etag, base: theirsBase, form });
      return save(form, 'edit', theirsBase, c.theirs.etag);
    },

    async deleteClip() {
      const ed = state.editing;
      if (!ed) return false;
      const before = getLocal(ed.id);
      putLocal(ed.id, undefined);
      rerun();
      setEditing({ ...ed, busy: 'delete', notice: undefined });
      try {
        await admin().deleteClip(ed.id);
        state.notice = { kind: 'ok', key: 'deleted', args: [ed.title] };
        emit({ type: 'saved', videoId: ed.id, action: 'delete' });
        setEditing(undefined);
        return true;
      } catch (e) {
        putLocal(ed.id, before);
        rerun();
        const code = reportError(e);
        setEditing({ ...state.editing!, busy: undefined, notice: { kind: 'error', code } });
        return false;
      }
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    dispose() {
      gen++;
      queryGen++;
      clearTimeout(rerunTimer);
      clearTimeout(facetTimer);
      rerunTimer = undefined;
    },
  };
  return session;
}
