/** Whether the editor holds changes not saved yet (closing it then asks first). */
import { EDITABLE_KEYS, sameValue, type EditableFields } from './merge.js';

export function hasUnsavedEdits(ed: { form?: EditableFields; base?: EditableFields } | undefined): boolean {
  if (!ed?.form || !ed.base) return false;
  const form = ed.form as Record<string, unknown>;
  const base = ed.base as Record<string, unknown>;
  return EDITABLE_KEYS.some((k) => !sameValue(form[k], base[k]));
}
