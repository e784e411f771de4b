/** The catalog's toolbar (search, sort, view switch) and filter controls: templates only. */
import { html, nothing, type TemplateResult } from 'lit';
import { hasFilters, type CatalogQuery, type FacetValue, type Facets, type SortOrder, type StatusFilter } from '../../catalog/query.js';
import { FACET_FIELDS } from '../../contract/clip-fields.js';

export const SORTS: SortOrder[] = ['relevance', 'date-desc', 'date-asc', 'title', 'duration-desc', 'duration-asc'];
const STATUSES: Exclude<StatusFilter, ''>[] = ['published', 'draft', 'processing', 'failed'];

type T = (key: string, ...args: unknown[]) => string;

export interface ToolbarView {
  t: T;
  query: CatalogQuery;
  view: 'grid' | 'list';
  setQuery(patch: Partial<CatalogQuery>): void;
  refresh(): void;
  setView(v: 'grid' | 'list'): void;
}

export function renderToolbar(v: ToolbarView): TemplateResult {
  const { t, query } = v;
  const sort = query.sort ?? (query.text?.trim() ? 'relevance' : 'date-desc');
  return html`<div class="toolbar" part="toolbar">
    <label class="search"
      >${t('search')}
      <input
        type="search"
        name="search"
        autocomplete="off"
        placeholder=${t('searchPlaceholder')}
        .value=${query.text ?? ''}
        @input=${(e: Event) => v.setQuery({ text: (e.target as HTMLInputElement).value })}
    /></label>
    <label
      >${t('sort')}
      <select name="sort" @change=${(e: Event) => v.setQuery({ sort: (e.target as HTMLSelectElement).value as SortOrder })}>
        ${SORTS.map((s) => html`<option value=${s} ?selected=${s === sort}>${t(`sort.${s}`)}</option>`)}
      </select></label
    >
    <button type="button" name="refresh" @click=${() => v.refresh()}>${t('refresh')}</button>
    <div class="viewswitch" role="group" aria-label=${t('view')}>
      ${(['grid', 'list'] as const).map(
        (x) => html`<button type="button" aria-pressed=${v.view === x ? 'true' : 'false'} @click=${() => v.setView(x)}>${t(x)}</button>`,
      )}
    </div>
  </div>`;
}

function renderSelect(
  name: string,
  label: string,
  value: string | undefined,
  options: FacetValue[],
  all: string,
  onChange: (v: string) => void,
  count: (n: number) => string,
) {
  const values = options.map((o) => o.value);
  if (value && !values.includes(value)) options = [{ value, count: 0 }, ...options];
  return html`<label
    >${label}
    <select name=${name} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
      <option value="" ?selected=${!value}>${all}</option>
      ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.value}${o.count ? ` (${count(o.count)})` : ''}</option>`)}
    </select></label
  >`;
}

export function renderFilters(v: {
  t: T;
  query: CatalogQuery;
  facets: Facets;
  /** False: the counts are estimates (each is marked). */
  facetsExact?: boolean;
  admin: boolean;
  setQuery(patch: Partial<CatalogQuery>): void;
}): TemplateResult {
  const { t, query: q } = v;
  const clear = () =>
    v.setQuery({ ...Object.fromEntries(FACET_FIELDS.map((f) => [f.facet.key, undefined])), from: undefined, to: undefined, status: undefined });
  return html`<div class="filters" part="filters" role="group" aria-label=${t('filters')}>
    ${FACET_FIELDS.map(({ facet: { key } }) =>
      renderSelect(
        `filter-${key}`,
        t(`facet.${key}`),
        q[key],
        v.facets[key],
        t(`facetAll.${key}`),
        (x) => v.setQuery({ [key]: x || undefined }),
        (n) => (v.facetsExact === false ? t('approxCount', n) : String(n)),
      ),
    )}
    <label>${t('from')} <input type="date" name="filter-from" .value=${q.from ?? ''} @change=${(e: Event) => v.setQuery({ from: (e.target as HTMLInputElement).value || undefined })} /></label>
    <label>${t('to')} <input type="date" name="filter-to" .value=${q.to ?? ''} @change=${(e: Event) => v.setQuery({ to: (e.target as HTMLInputElement).value || undefined })} /></label>
    ${
      v.admin
        ? html`<label
          >${t('status')}
          <select name="filter-status" @change=${(e: Event) => v.setQuery({ status: (e.target as HTMLSelectElement).value as StatusFilter })}>
            <option value="" ?selected=${!q.status}>${t('any')}</option>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${q.status === s}>${t(`status.${s}`)}</option>`)}
          </select></label
        >`
        : nothing
    }
    ${hasFilters(q) ? html`<button type="button" @click=${clear}>${t('clearFilters')}</button>` : nothing}
  </div>`;
}
