/**
 * Checks run on a chosen file before any byte leaves the machine. Each failure has a stable code
 * (translated as `error.<code>` in the uploader's messages).
 */
import { sniffBlob } from './mp4-sniff.js';
import { identityKey, type FileLike } from './fingerprint.js';

export type ValidationCode = 'AlreadyQueued' | 'EmptyFile' | 'TooLarge' | 'NotMp4' | 'Unreadable';

export interface ValidationOptions {
  maxFileSize: number;
  /** `identityKey`s of the files already in the queue (and not cancelled). */
  queued: ReadonlySet<string>;
}

export type Validation = { ok: true; majorBrand: string } | { ok: false; code: ValidationCode; majorBrand?: string };

export async function validateFile(file: FileLike, opts: ValidationOptions): Promise<Validation> {
  if (opts.queued.has(identityKey(file))) return { ok: false, code: 'AlreadyQueued' };
  if (file.size === 0) return { ok: false, code: 'EmptyFile' };
  if (file.size > opts.maxFileSize) return { ok: false, code: 'TooLarge' };
  let sniff;
  try {
    sniff = await sniffBlob(file as unknown as Blob);
  } catch {
    // Moved, deleted or locked since it was picked (NotReadableError).
    return { ok: false, code: 'Unreadable' };
  }
  if (!sniff.mp4) return { ok: false, code: 'NotMp4', majorBrand: sniff.majorBrand };
  return { ok: true, majorBrand: sniff.majorBrand! };
}
