/** Validation of the admin form: the clip fields' rules (src/contract/clip-validate.ts), shared with the uploader and the packager. */
import { parseList, validateClipMetadata, type ValidationErrors } from '../contract/clip-validate.js';
import type { EditableFields } from './merge.js';

export type { ValidationErrors };

export function validateFields(f: EditableFields): ValidationErrors {
  return validateClipMetadata(f);
}

/** "a, b ,c" → ["a", "b", "c"], without duplicates or empties. */
export const parseTags = parseList;
