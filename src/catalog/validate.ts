/** Validation of the admin form: the clip fields' rules (src/contract/clip-validate.ts), shared with the uploader and the packager. */
import { parseList, validateClipMetadata, type ValidationErrors } from '../contract/clip-validate.js';
import type { EditableFields } from './merge.js';

export type { ValidationErrors };

/** `base`: the record's values as loaded; dates left as they were are kept (clip-validate.ts). */
export function validateFields(f: EditableFields, base?: EditableFields): ValidationErrors {
  return validateClipMetadata(f, Date.now(), base);
}

/** "a, b ,c" → ["a", "b", "c"], without duplicates or empties. */
export const parseTags = parseList;
