/**
 * The one set of rules for clip metadata, from the field definition (clip-fields.ts): the forms
 * validate with `validateClipMetadata`, the packager keeps what passes `fieldProblem` and drops the
 * rest (`sanitizeClipMetadata`), and the uploader tidies what is typed with `normalizeClipInput`.
 */
import { CLIP_FIELDS, FIELDS, type ClipFieldDef, type ClipFieldName, type ClipMetadata } from './clip-fields.js';

/** Field name → message key (`invalid.<reason>`, or `invalid.<field>` for a list's limits). */
export type ValidationErrors = Partial<Record<ClipFieldName, string>>;

/** What a form or caller may hand in: strings, and lists either as arrays or comma-separated text. */
export type ClipMetadataInput = { [K in ClipFieldName]?: string | string[] };

const isEmpty = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && !v.trim()) || (Array.isArray(v) && !v.length);

/** Starts with a real calendar date and time (`2024-02-31T…` parses in some engines; it is not a date). */
function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const u = new Date(Date.UTC(y, mo - 1, d, h, mi));
  return u.getUTCMonth() === mo - 1 && u.getUTCDate() === d && u.getUTCHours() === h && u.getUTCMinutes() === mi;
}

/** "a, b ,,a" → ["a", "b"]: trimmed, without duplicates or empties. */
export function parseList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * Why a value breaks its field's rules (a message key), or undefined when it is fine. `now` (ms)
 * enables the "not in the future" rule of dates, which only forms apply.
 */
export function fieldProblem(f: ClipFieldDef, value: unknown, now?: number): string | undefined {
  if (isEmpty(value)) return f.required ? 'invalid.required' : undefined;
  if (f.kind === 'list') {
    const ok =
      Array.isArray(value) && value.length <= f.maxItems! && value.every((t) => typeof t === 'string' && t.trim() && t.length <= f.itemMaxLength!);
    return ok ? undefined : `invalid.${f.name}`;
  }
  if (typeof value !== 'string') return 'invalid.type';
  if (f.maxLength !== undefined && value.length > f.maxLength) return 'invalid.tooLong';
  if (f.kind === 'datetime') {
    const t = Date.parse(value);
    if (Number.isNaN(t) || !isCalendarDate(value)) return 'invalid.date';
    if (now !== undefined && f.maxFutureHours !== undefined && t > now + f.maxFutureHours * 3600_000) return 'invalid.future';
  }
  return undefined;
}

/** A date that must follow another (`after`) and does not, when both are valid dates. */
export function orderProblem(f: ClipFieldDef, m: Partial<Record<ClipFieldName, unknown>>): string | undefined {
  if (!('after' in f) || !f.after) return undefined;
  const self = m[f.name as ClipFieldName];
  const other = m[f.after as ClipFieldName];
  if (typeof self !== 'string' || typeof other !== 'string') return undefined;
  const a = Date.parse(self);
  const b = Date.parse(other);
  return Number.isNaN(a) || Number.isNaN(b) || a > b ? undefined : 'invalid.order';
}

/**
 * Every field's problem; empty when the metadata may be saved. `kept`: the values the clip already
 * has (the editor's base); a date left as it was is not checked against the clock, so a clip dated
 * ahead by its source (a clock difference, a scheduled broadcast) can still be saved.
 */
export function validateClipMetadata(
  m: Partial<Record<ClipFieldName, unknown>>,
  now = Date.now(),
  kept?: Partial<Record<ClipFieldName, unknown>>,
): ValidationErrors {
  const errors: ValidationErrors = {};
  for (const f of CLIP_FIELDS) {
    const unchanged = kept !== undefined && m[f.name] === kept[f.name];
    const p = fieldProblem(f, m[f.name], unchanged ? undefined : now) ?? orderProblem(f, m);
    if (p) errors[f.name] = p;
  }
  return errors;
}

/**
 * Metadata from an outside document (an upload manifest): each field that passes its rules is kept
 * (trimmed); lists keep their valid items up to the limit; anything else is dropped. The title falls
 * back to `fallbackTitle`, so a record always has one.
 */
export function sanitizeClipMetadata(input: unknown, fallbackTitle: string): ClipMetadata {
  const o = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const v = o[f.name];
    if (f.kind === 'list') {
      if (!Array.isArray(v)) continue;
      const items = v
        .filter((t): t is string => typeof t === 'string' && t.length <= f.itemMaxLength! && !!t.trim())
        .map((t) => t.trim())
        .slice(0, f.maxItems);
      if (items.length) out[f.name] = items;
    } else if (typeof v === 'string' && !fieldProblem(f, v) && v.trim()) {
      out[f.name] = v.trim();
    }
  }
  if (typeof out.title !== 'string') out.title = fallbackTitle;
  return out as ClipMetadata;
}

/** What a user typed → metadata: strings trimmed, empty fields dropped, lists split and de-duplicated. */
export function normalizeClipInput(input: ClipMetadataInput): ClipMetadata {
  const out: Record<string, unknown> = { title: typeof input.title === 'string' ? input.title.trim() : '' };
  for (const f of FIELDS) {
    const v = input[f.name as ClipFieldName];
    if (f.kind === 'list') {
      const items = Array.isArray(v) ? [...new Set(v.map((t) => String(t).trim()).filter(Boolean))] : parseList(typeof v === 'string' ? v : '');
      if (items.length) out[f.name] = items;
    } else if (f.name !== 'title' && typeof v === 'string' && v.trim()) {
      out[f.name] = v.trim();
    }
  }
  return out as ClipMetadata;
}

/** A copy of the metadata with only the definition's fields, empty ones left out (lists copied). */
export function pickClipMetadata(m: Partial<Record<ClipFieldName, unknown>>): ClipMetadata {
  const out: Record<string, unknown> = { title: typeof m.title === 'string' ? m.title : '' };
  for (const f of FIELDS) {
    const v = m[f.name as ClipFieldName];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) continue;
    out[f.name] = Array.isArray(v) ? [...v] : v;
  }
  return out as ClipMetadata;
}
