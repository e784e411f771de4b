/**
 * The clip's metadata fields, declared once. Everything that lists them is derived from here: the
 * `ClipMetadata` type, the JSON Schemas (scripts/gen-schemas.ts), both forms (uploader and catalog
 * editor) and their validation, the packager's normalization, the catalog entry, merge, search
 * weights, facets, S3 user metadata and its CORS exposure, and the field table in docs/contract.md.
 *
 * Adding a field: add it here; add its texts to src/elements/uploader/lang/*.ts and
 * src/elements/catalog/lang/*.ts (`field.<name>`; `hint.<name>` when `hint`; `invalid.<name>` for a
 * list; `placeholder.<name>` in the uploader for a choice; `facet.<key>` and `facetAll.<key>` in the
 * catalog for a facet; the type checker and test/node/contract/clip-fields.test.ts say which are
 * missing); run `npx tsx scripts/gen-schemas.ts`; cover it in tests.
 */
import { MEXICAN_STATES } from './mexican-states.js';

/**
 * - `text`: one line; `longText`: a paragraph; `choice`: one of `options` (values written before a
 *   list changed are kept); `datetime`: ISO 8601 with offset; `list`: distinct short strings (typed
 *   comma-separated).
 */
export type ClipFieldKind = 'text' | 'longText' | 'choice' | 'datetime' | 'list';

export interface ClipFieldDef {
  readonly name: string;
  readonly kind: ClipFieldKind;
  readonly required?: boolean;
  /** Characters (text, longText, choice). */
  readonly maxLength?: number;
  /** Items and characters per item (list). */
  readonly maxItems?: number;
  readonly itemMaxLength?: number;
  readonly options?: readonly string[];
  /**
   * Dates (datetime): how far ahead of the browser's clock a form accepts a typed date, in hours: a
   * recording's clock may be ahead, and a broadcast may be scheduled. A date that came with the clip
   * (its source's metadata) and is left as it was is kept whatever it says (clip-validate.ts).
   */
  readonly maxFutureHours?: number;
  /** Dates (datetime): must be later than this other date field when both are set (`invalid.order`). */
  readonly after?: string;
  /** Search weight: a whole-word match in this field scores `search × 2`, a prefix `search`. Absent: not searched. */
  readonly search?: number;
  /** A catalog filter with counts: `key` names it in queries and translations, `max` values are shown. */
  readonly facet?: { readonly key: string; readonly max: number };
  /** Name as S3 user metadata (`x-amz-meta-<s3>`) on the uploaded source; default: the name in lower case. */
  readonly s3?: string;
  /** The form shows a hint (`hint.<name>`). */
  readonly hint?: boolean;
  /** What the field holds (JSON Schema description and docs/contract.md). */
  readonly about: string;
}

export const CLIP_FIELDS = [
  { name: 'title', kind: 'text', required: true, maxLength: 500, search: 10, about: 'Title of the clip.' },
  { name: 'description', kind: 'longText', maxLength: 5000, search: 1, about: 'Free text.' },
  { name: 'outlet', kind: 'text', maxLength: 200, search: 3, facet: { key: 'outlet', max: 200 }, about: 'Medio (news outlet).' },
  { name: 'program', kind: 'text', maxLength: 200, search: 3, about: 'Programa.' },
  { name: 'broadcastAt', kind: 'datetime', maxFutureHours: 7 * 24, s3: 'broadcast-at', about: 'Broadcast date and time, ISO 8601 with offset.' },
  {
    name: 'state',
    kind: 'choice',
    options: MEXICAN_STATES,
    maxLength: 200,
    facet: { key: 'state', max: 64 },
    about: 'Entidad federativa (one of the 32).',
  },
  { name: 'tags', kind: 'list', maxItems: 50, itemMaxLength: 100, search: 4, facet: { key: 'tag', max: 200 }, hint: true, about: 'Free tags.' },
  {
    name: 'actors',
    kind: 'list',
    maxItems: 30,
    itemMaxLength: 100,
    search: 4,
    facet: { key: 'actor', max: 200 },
    hint: true,
    about: 'Political actors the clip concerns: parties, candidates, coalitions.',
  },
  {
    name: 'publishAt',
    kind: 'datetime',
    s3: 'publish-at',
    hint: true,
    about: 'Embargo: before this instant the CDN refuses the clip and the public catalog does not list it (the edge decides, by server time).',
  },
  {
    name: 'unpublishAt',
    kind: 'datetime',
    after: 'publishAt',
    s3: 'unpublish-at',
    hint: true,
    about: 'End of publication: from this instant the CDN refuses the clip and the public catalog drops it.',
  },
] as const satisfies readonly ClipFieldDef[];

type FieldOf = (typeof CLIP_FIELDS)[number];
export type ClipFieldName = FieldOf['name'];
type ValueOf<F> = F extends { kind: 'list' } ? string[] : string;
type Flatten<T> = { [K in keyof T]: T[K] };

/** What the uploader's form collects and the record keeps; the forms' fields carry these names. */
export type ClipMetadata = Flatten<
  { [F in FieldOf as F extends { required: true } ? F['name'] : never]: ValueOf<F> } & {
    [F in FieldOf as F extends { required: true } ? never : F['name']]?: ValueOf<F>;
  }
>;

/** Names of the fields holding a list of strings. */
export type ClipListField = Extract<FieldOf, { kind: 'list' }>['name'];
/** Names of the fields holding one string. */
export type ClipTextField = Exclude<ClipFieldName, ClipListField>;
/** Query/facet keys (`tag`, `actor`, …). */
export type ClipFacetKey = Extract<FieldOf, { facet: object }>['facet']['key'];

/** Looser view for code that walks every field. */
export const FIELDS: readonly ClipFieldDef[] = CLIP_FIELDS;
export const CLIP_FIELD_NAMES = CLIP_FIELDS.map((f) => f.name) as readonly ClipFieldName[];
export const fieldDef = (name: string): ClipFieldDef | undefined => FIELDS.find((f) => f.name === name);
export const isListField = (f: ClipFieldDef): boolean => f.kind === 'list';

/** Facet fields, in definition order. */
export const FACET_FIELDS = FIELDS.filter((f) => f.facet) as ReadonlyArray<ClipFieldDef & { facet: { key: ClipFacetKey; max: number } }>;
/** Searched fields, highest weight first. */
export const SEARCH_FIELDS = FIELDS.filter((f) => f.search).sort((a, b) => b.search! - a.search!);

/** The value of a field in a record-like object (metadata, catalog entry, form). */
export const fieldValue = (o: object, name: string): unknown => (o as Record<string, unknown>)[name];

/** S3 user metadata name of a field. */
export const s3NameOf = (f: ClipFieldDef): string => f.s3 ?? f.name.toLowerCase();
