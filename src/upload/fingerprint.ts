/**
 * A file's identity across page reloads, for resuming: what the File API exposes (name, size,
 * last-modified time) plus a SHA-256 of its first and last 64 KiB, so a different file that happens
 * to share name, size and date (a re-export of the same clip, say) is not mistaken for it.
 */
export const FINGERPRINT_EDGE = 64 * 1024;

export interface FileLike {
  name: string;
  size: number;
  lastModified: number;
  slice(start?: number, end?: number): Blob;
}

/** Key for "the same file is already in the queue" (cheap: no bytes read). */
export const identityKey = (f: Pick<FileLike, 'name' | 'size' | 'lastModified'>): string => `${f.name}\u0000${f.size}\u0000${f.lastModified}`;

export async function fingerprint(file: FileLike): Promise<string> {
  const head = new Uint8Array(await file.slice(0, FINGERPRINT_EDGE).arrayBuffer());
  const tail = new Uint8Array(await file.slice(Math.max(FINGERPRINT_EDGE, file.size - FINGERPRINT_EDGE), file.size).arrayBuffer());
  const both = new Uint8Array(new ArrayBuffer(head.length + tail.length));
  both.set(head);
  both.set(tail, head.length);
  return `${identityKey(file)}\u0000${await sha256Of(both)}`;
}

async function sha256Of(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
    return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
  }
  // Non-secure contexts have no WebCrypto.
  const { sha256 } = await import('hash-wasm');
  return sha256(bytes);
}

/** 128 random bits, hex: the `<upload id>` of `uploads/<identity id>/<upload id>.mp4`. */
export function randomUploadId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
