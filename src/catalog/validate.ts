/** Validation of the admin form (the same limits as schemas/video.schema.json's metadata). */
import type { EditableFields } from './merge.js';

export const LIMITS = { title: 500, description: 5000, outlet: 200, program: 200, state: 200, tags: 50, tag: 100 } as const;

/** Field name → message key (`invalid.<reason>`), empty when valid. */
export type ValidationErrors = Partial<Record<keyof EditableFields, string>>;

export function validateFields(f: EditableFields): ValidationErrors {
  const errors: ValidationErrors = {};
  if (!f.title?.trim()) errors.title = 'invalid.required';
  else if (f.title.length > LIMITS.title) errors.title = 'invalid.tooLong';
  for (const k of ['description', 'outlet', 'program', 'state'] as const) {
    if ((f[k]?.length ?? 0) > LIMITS[k]) errors[k] = 'invalid.tooLong';
  }
  if (f.broadcastAt && Number.isNaN(Date.parse(f.broadcastAt))) errors.broadcastAt = 'invalid.date';
  else if (f.broadcastAt && Date.parse(f.broadcastAt) > Date.now() + 24 * 3600_000) errors.broadcastAt = 'invalid.future';
  if ((f.tags?.length ?? 0) > LIMITS.tags || f.tags?.some((t) => t.length > LIMITS.tag)) errors.tags = 'invalid.tags';
  return errors;
}

/** "a, b ,c" → ["a", "b", "c"], without duplicates or empties. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];
}
