/**
 * The metadata form as data, from the field definition (clip-fields.ts): which control each field
 * gets, its limits as attributes, its translation keys, and how its text becomes a value and back.
 * DOM-free; the uploader's form and the catalog's editor render it.
 */
import { FIELDS, type ClipFieldDef, type ClipFieldName } from './clip-fields.js';
import { datetimeFromInput, isoToLocalDateTime } from './datetime-local.js';
import { parseList } from './clip-validate.js';

export interface ClipFormControl {
  name: ClipFieldName;
  control: 'input' | 'textarea' | 'select' | 'datetime-local';
  required: boolean;
  /** `maxlength` of the control (a list's text may hold every item and the commas between them). */
  maxlength?: number;
  options?: readonly string[];
  /** Spans the whole row. */
  wide: boolean;
  labelKey: string;
  hintKey?: string;
  /** The DOM event after which the typed text is read (lists and dates: when the user leaves the field, so a half-typed value is not rewritten). */
  commitOn: 'input' | 'change';
  /** The text a control shows for a value. */
  toText(value: unknown): string;
  /** The value for a control's text (undefined: empty). Bad text is kept as it is, for validation to refuse with a message. */
  fromText(text: string): string | string[] | undefined;
}

function controlOf(f: ClipFieldDef): ClipFormControl {
  const list = f.kind === 'list';
  return {
    name: f.name as ClipFieldName,
    control: f.kind === 'longText' ? 'textarea' : f.kind === 'choice' ? 'select' : f.kind === 'datetime' ? 'datetime-local' : 'input',
    required: !!f.required,
    maxlength: list ? f.maxItems! * (f.itemMaxLength! + 2) : f.kind === 'datetime' || f.kind === 'choice' ? undefined : f.maxLength,
    options: f.options,
    wide: f.kind === 'longText' || list || !!f.required,
    labelKey: `field.${f.name}`,
    hintKey: f.hint ? `hint.${f.name}` : undefined,
    commitOn: list || f.kind === 'datetime' || f.kind === 'choice' ? 'change' : 'input',
    toText: (v) =>
      list
        ? Array.isArray(v)
          ? v.join(', ')
          : ''
        : f.kind === 'datetime'
          ? isoToLocalDateTime(v as string | undefined)
          : typeof v === 'string'
            ? v
            : '',
    fromText: (text) => (list ? parseList(text) : f.kind === 'datetime' ? datetimeFromInput(text) : text),
  };
}

/** One control per clip field, in definition order. */
export const CLIP_FORM: readonly ClipFormControl[] = FIELDS.map(controlOf);

export const formControl = (name: string): ClipFormControl | undefined => CLIP_FORM.find((c) => c.name === name);

/** Reads every field from a form through `get(name)` (the control's text). */
export function readClipForm(get: (name: ClipFieldName) => string): Partial<Record<ClipFieldName, string | string[] | undefined>> {
  return Object.fromEntries(CLIP_FORM.map((c) => [c.name, c.fromText(get(c.name))]));
}

/** Options of a choice, with a value written before the list changed kept (so editing never loses it). */
export const choiceOptions = (c: ClipFormControl, current: unknown): string[] => [
  ...new Set([...(c.options ?? []), ...(typeof current === 'string' && current ? [current] : [])]),
];

/**
 * Translation keys to try for a field's validation message, most specific first
 * (`invalid.required.title`, then `invalid.required`).
 */
export const errorKeys = (field: string, reason: string): string[] => [`${reason}.${field}`, reason];

/** The figures a validation message quotes: a list's item count and item length, or a text's length. */
export function errorArgs(field: string): number[] {
  const f = FIELDS.find((x) => x.name === field);
  if (!f) return [];
  if (f.kind === 'datetime') return f.maxFutureHours !== undefined ? [Math.round(f.maxFutureHours / 24)] : [];
  return f.kind === 'list' ? [f.maxItems!, f.itemMaxLength!] : f.maxLength !== undefined ? [f.maxLength] : [];
}

/** A field's validation message through a translator `t` (which returns the key itself when it has no text). */
export function errorText(t: (key: string, ...args: unknown[]) => string, field: string, reason: string): string {
  for (const key of errorKeys(field, reason)) {
    const text = t(key, ...errorArgs(field));
    if (text !== key) return text;
  }
  return reason;
}
