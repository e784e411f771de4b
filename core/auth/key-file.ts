/**
 * The signing key document as a file (the stand-in's data folder): created on first start with
 * owner-only permissions, read on every later start, so tokens survive a restart.
 */
import { existsSync, readFileSync, writeFileSync, renameSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createSigningKeyDocument, rotateSigningKeyDocument, type SigningKeyDocument } from './signing-keys.ts';

function write(path: string, doc: SigningKeyDocument): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(doc, null, 1), { mode: 0o600 });
  renameSync(tmp, path);
}

export async function readOrCreateKeyFile(path: string): Promise<SigningKeyDocument> {
  if (existsSync(path)) {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as SigningKeyDocument;
    if (!Array.isArray(doc.keys) || !doc.keys.length) throw new Error(`${path}: no signing key; delete the file to create a new one`);
    return doc;
  }
  const doc = await createSigningKeyDocument();
  write(path, doc);
  return doc;
}

/** Rotate the key in the file: returns the new document (current + previous). */
export async function rotateKeyFile(path: string): Promise<SigningKeyDocument> {
  const doc = await rotateSigningKeyDocument(await readOrCreateKeyFile(path));
  write(path, doc);
  return doc;
}
