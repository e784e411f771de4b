/**
 * Checks the bodies of "create upload" and "complete upload", one problem per JSON Pointer, with the
 * same rules as the browser uploader: size, type, SHA-256, and the clip metadata through the clip
 * fields' one rule set (src/contract/clip-validate.ts). Unknown fields are refused, not ignored.
 */
import { CLIP_FIELDS, FIELDS, fieldDef, type ClipMetadata } from '../../src/contract/clip-fields.js';
import { normalizeClipInput, validateClipMetadata, type ClipMetadataInput } from '../../src/contract/clip-validate.js';
import { UploadsError, type FieldProblem } from './errors.js';
import { UPLOAD_LIMITS, type UploadContentType } from './limits.js';

export interface UploadInput {
  fileName: string;
  size: number;
  sha256: string;
  contentType: UploadContentType;
  metadata: ClipMetadata;
}

const pointer = (...parts: (string | number)[]) => parts.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function unknownKeys(o: Record<string, unknown>, known: readonly string[], at: string[], problems: FieldProblem[]) {
  for (const k of Object.keys(o)) if (!known.includes(k)) problems.push({ pointer: pointer(...at, k), detail: 'is not a known field.' });
}

const asObject = (body: unknown): Record<string, unknown> | undefined =>
  body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;

/** A metadata rule's message key (clip-validate.ts) as an English sentence. */
function metadataDetail(field: string, key: string): string {
  const f = fieldDef(field)!;
  switch (key) {
    case 'invalid.required':
      return 'is required.';
    case 'invalid.tooLong':
      return `must be at most ${f.maxLength} characters.`;
    case 'invalid.date':
      return 'must be a real date and time in ISO 8601 with an offset (2027-03-01T20:30:00-06:00).';
    case 'invalid.future':
      return `must not be more than ${f.maxFutureHours} hours in the future.`;
    case 'invalid.type':
      return 'must be a string.';
    case 'invalid.order':
      return `must be later than ${f.after}.`;
    default:
      return f.kind === 'list'
        ? `must be a list of at most ${f.maxItems} non-empty strings of at most ${f.itemMaxLength} characters.`
        : 'is not valid.';
  }
}

function parseMetadata(value: unknown, now: number, problems: FieldProblem[]): ClipMetadata | undefined {
  const o = asObject(value);
  if (!o) {
    problems.push({ pointer: '/metadata', detail: value === undefined ? 'is required (at least a title).' : 'must be an object.' });
    return undefined;
  }
  const before = problems.length;
  unknownKeys(
    o,
    FIELDS.map((f) => f.name),
    ['metadata'],
    problems,
  );
  for (const f of CLIP_FIELDS) {
    const v = o[f.name];
    if (v === undefined) continue;
    const ok = f.kind === 'list' ? Array.isArray(v) && v.every((t) => typeof t === 'string') : typeof v === 'string';
    if (!ok)
      problems.push({ pointer: pointer('metadata', f.name), detail: f.kind === 'list' ? 'must be an array of strings.' : 'must be a string.' });
  }
  if (problems.length > before) return undefined;
  const metadata = normalizeClipInput(o as ClipMetadataInput);
  // Lists are checked as sent (an item too long is refused, not silently cut).
  const errors = validateClipMetadata(
    { ...metadata, ...Object.fromEntries(CLIP_FIELDS.filter((f) => f.kind === 'list' && o[f.name]).map((f) => [f.name, o[f.name]])) },
    now,
  );
  for (const [name, key] of Object.entries(errors)) problems.push({ pointer: pointer('metadata', name), detail: metadataDetail(name, key!) });
  return problems.length > before ? undefined : metadata;
}

export function parseCreateUpload(body: unknown, now: number): UploadInput {
  const o = asObject(body);
  if (!o) throw new UploadsError(400, 'invalid-upload', 'The request body must be a JSON object.', [{ pointer: '', detail: 'must be an object.' }]);
  const problems: FieldProblem[] = [];
  unknownKeys(o, ['fileName', 'size', 'sha256', 'contentType', 'metadata'], [], problems);

  const { fileName, size, sha256, contentType } = o;
  if (typeof fileName !== 'string' || !fileName.trim())
    problems.push({ pointer: '/fileName', detail: fileName === undefined ? 'is required.' : 'must be a non-empty string.' });
  else if (fileName.length > UPLOAD_LIMITS.fileNameMaxLength)
    problems.push({ pointer: '/fileName', detail: `must be at most ${UPLOAD_LIMITS.fileNameMaxLength} characters.` });
  else if (/[/\\]/.test(fileName) || CONTROL.test(fileName))
    problems.push({ pointer: '/fileName', detail: 'must be a file name only: no folders (/ or \\) and no control characters.' });

  if (typeof size !== 'number' || !Number.isSafeInteger(size))
    problems.push({ pointer: '/size', detail: size === undefined ? 'is required.' : 'must be an integer (bytes).' });
  else if (size < 1) problems.push({ pointer: '/size', detail: 'must be at least 1 byte: the file is empty.' });
  else if (size > UPLOAD_LIMITS.maxFileSize) problems.push({ pointer: '/size', detail: `must be at most ${UPLOAD_LIMITS.maxFileSize} bytes.` });

  if (typeof sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(sha256))
    problems.push({ pointer: '/sha256', detail: sha256 === undefined ? 'is required.' : 'must be the file’s SHA-256 as 64 hex digits.' });

  if (!UPLOAD_LIMITS.contentTypes.includes(contentType as UploadContentType))
    problems.push({ pointer: '/contentType', detail: `must be one of ${UPLOAD_LIMITS.contentTypes.join(', ')}.` });

  const metadata = parseMetadata(o.metadata, now, problems);
  if (problems.length) throw new UploadsError(400, 'invalid-upload', 'The upload is not valid.', problems);
  return {
    fileName: (fileName as string).trim(),
    size: size as number,
    sha256: (sha256 as string).toLowerCase(),
    contentType: contentType as UploadContentType,
    metadata: metadata!,
  };
}

export interface CompletedPart {
  partNumber: number;
  etag: string;
}

/** The parts of a completion: every planned part exactly once, in any order (returned sorted). */
export function parseCompleteUpload(body: unknown, partCount: number): CompletedPart[] {
  const o = asObject(body);
  if (!o) throw new UploadsError(400, 'invalid-upload', 'The request body must be a JSON object.', [{ pointer: '', detail: 'must be an object.' }]);
  const problems: FieldProblem[] = [];
  unknownKeys(o, ['parts'], [], problems);
  if (!Array.isArray(o.parts)) problems.push({ pointer: '/parts', detail: o.parts === undefined ? 'is required.' : 'must be an array.' });
  else {
    const seen = new Set<number>();
    o.parts.forEach((p, i) => {
      const part = asObject(p);
      if (!part) return problems.push({ pointer: pointer('parts', i), detail: 'must be an object with partNumber and etag.' });
      unknownKeys(part, ['partNumber', 'etag'], ['parts', String(i)], problems);
      const n = part.partNumber;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > partCount)
        problems.push({ pointer: pointer('parts', i, 'partNumber'), detail: `must be an integer from 1 to ${partCount}.` });
      else if (seen.has(n)) problems.push({ pointer: pointer('parts', i, 'partNumber'), detail: `repeats part ${n}.` });
      else seen.add(n);
      if (typeof part.etag !== 'string' || !part.etag || part.etag.length > UPLOAD_LIMITS.etagMaxLength)
        problems.push({
          pointer: pointer('parts', i, 'etag'),
          detail: `must be the ETag S3 answered for the part (at most ${UPLOAD_LIMITS.etagMaxLength} characters).`,
        });
    });
    if (!problems.length && seen.size !== partCount) {
      const missing = Array.from({ length: partCount }, (_, i) => i + 1).filter((n) => !seen.has(n));
      problems.push({
        pointer: '/parts',
        detail: `must list all ${partCount} parts; missing: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}.`,
      });
    }
  }
  if (problems.length) throw new UploadsError(400, 'invalid-upload', 'The completion is not valid.', problems);
  return (o.parts as CompletedPart[]).map((p) => ({ partNumber: p.partNumber, etag: p.etag })).sort((a, b) => a.partNumber - b.partNumber);
}

/** The part numbers of a "presign parts" request. */
export function parsePartNumbers(body: unknown, partCount: number): number[] {
  const o = asObject(body);
  const list = o?.partNumbers;
  const problems: FieldProblem[] = [];
  if (!o) problems.push({ pointer: '', detail: 'must be an object.' });
  else {
    unknownKeys(o, ['partNumbers'], [], problems);
    if (!Array.isArray(list) || !list.length || list.length > UPLOAD_LIMITS.maxPartUrlsPerAnswer)
      problems.push({ pointer: '/partNumbers', detail: `must be an array of 1 to ${UPLOAD_LIMITS.maxPartUrlsPerAnswer} part numbers.` });
    else
      list.forEach((n, i) => {
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > partCount)
          problems.push({ pointer: pointer('partNumbers', i), detail: `must be an integer from 1 to ${partCount}.` });
      });
  }
  if (problems.length) throw new UploadsError(400, 'invalid-upload', 'The part numbers are not valid.', problems);
  return [...new Set(list as number[])].sort((a, b) => a - b);
}
