/**
 * The page's side of hashing: one shared Web Worker (created on first use) that computes per-part
 * CRC32s and whole-file SHA-256s; where workers are unavailable (Node, a blocked worker URL) the same
 * code runs in this thread instead, so uploads never fail for want of a worker.
 */
import type { PartCrcs } from './hash-core.js';
import type { HashReply, HashRequest } from './hash-protocol.js';

export interface Hasher {
  crc32(blob: Blob): Promise<string>;
  /** SHA-256 of the whole blob; with `parts`, per-part CRC32s come out of the same read. */
  sha256(blob: Blob, onProgress?: (hashed: number) => void, signal?: AbortSignal, parts?: PartCrcs): Promise<string>;
  /** Whether work runs in a Web Worker (false: in-thread fallback). */
  readonly inWorker: boolean;
}

interface Pending {
  req: HashRequest;
  resolve(v: string): void;
  reject(e: unknown): void;
  onProgress?: (hashed: number) => void;
  parts?: PartCrcs;
}

class WorkerHasher implements Hasher {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private fallback?: Hasher;

  constructor(private worker: Worker | undefined) {
    worker?.addEventListener('message', (e: MessageEvent<HashReply>) => this.onReply(e.data));
    // A worker that cannot load (404, CSP) fires `error`: run everything pending in this thread.
    worker?.addEventListener('error', (e) => {
      e.preventDefault?.();
      this.useFallback();
    });
  }

  get inWorker(): boolean {
    return !!this.worker && !this.fallback;
  }

  crc32(blob: Blob): Promise<string> {
    if (this.fallback || !this.worker) return this.local().crc32(blob);
    return this.send({ id: this.nextId++, op: 'crc32', blob });
  }

  sha256(blob: Blob, onProgress?: (hashed: number) => void, signal?: AbortSignal, parts?: PartCrcs): Promise<string> {
    if (this.fallback || !this.worker) return this.local().sha256(blob, onProgress, signal, parts);
    const id = this.nextId++;
    signal?.addEventListener('abort', () => this.worker?.postMessage({ id: this.nextId++, op: 'cancel', target: id } satisfies HashRequest), {
      once: true,
    });
    return this.send({ id, op: 'sha256', blob, partSize: parts?.partSize }, onProgress, parts);
  }

  private send(req: HashRequest, onProgress?: (hashed: number) => void, parts?: PartCrcs): Promise<string> {
    return new Promise((resolve, reject) => {
      this.pending.set(req.id, { req, resolve, reject, onProgress, parts });
      this.worker!.postMessage(req);
    });
  }

  private onReply(m: HashReply): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.kind === 'progress') return p.onProgress?.(m.hashed);
    if (m.kind === 'part-crc') return p.parts?.onPartCrc(m.partNumber, m.value);
    this.pending.delete(m.id);
    if (m.kind === 'result') p.resolve(m.value);
    else p.reject(Object.assign(new Error(m.message), { name: m.name }));
  }

  private local(): Hasher {
    return (this.fallback ??= inThreadHasher());
  }

  private useFallback(): void {
    const local = this.local();
    this.worker?.terminate();
    this.worker = undefined;
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      const { req } = p;
      if (req.op === 'crc32') local.crc32(req.blob).then(p.resolve, p.reject);
      else if (req.op === 'sha256') local.sha256(req.blob, p.onProgress, undefined, p.parts).then(p.resolve, p.reject);
    }
  }
}

/** Hashing in this thread (Node tests, or when a worker cannot start). hash-wasm is loaded on first use. */
export function inThreadHasher(): Hasher {
  const core = import('./hash-core.js');
  return {
    inWorker: false,
    crc32: async (blob) => (await core).crc32Base64(blob),
    sha256: async (blob, onProgress, signal, parts) => (await core).sha256Hex(blob, onProgress, () => !!signal?.aborted, parts),
  };
}

let shared: Hasher | undefined;

/** The page's hashing worker, created on first use. */
export function sharedHasher(): Hasher {
  if (shared) return shared;
  let worker: Worker | undefined;
  try {
    if (typeof Worker !== 'undefined') worker = new Worker(new URL('./hash.worker.js', import.meta.url), { type: 'module', name: 'ine-hash' });
  } catch {
    worker = undefined;
  }
  shared = new WorkerHasher(worker);
  return shared;
}
