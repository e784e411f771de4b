// Checksums S3 knows (x-amz-checksum-*) plus the MD5 behind ETags and Content-MD5.
// CRCs run in hash-wasm (WebAssembly; several times faster than pure JS on 1 GiB bodies); SHA and MD5 in node:crypto.
import { createHash, type Hash } from 'node:crypto';
import { createCRC32, createCRC64, type IHasher } from 'hash-wasm';
import { S3Error } from './errors.ts';

export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256';
export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'];

/** 'CRC32' → 'x-amz-checksum-crc32' */
export const checksumHeader = (a: ChecksumAlgorithm): string => `x-amz-checksum-${a.toLowerCase()}`;
/** 'CRC32' → 'ChecksumCRC32' (the XML element name) */
export const checksumElement = (a: ChecksumAlgorithm): string => `Checksum${a}`;

export function parseAlgorithm(value: string | undefined): ChecksumAlgorithm | undefined {
  if (!value) return undefined;
  const upper = value.trim().toUpperCase();
  const found = CHECKSUM_ALGORITHMS.find((a) => a === upper);
  if (!found) throw new S3Error('InvalidRequest', `Checksum algorithm ${value} is not supported.`, 400);
  return found;
}

interface Incremental {
  update(data: Uint8Array): void;
  /** base64 of the big-endian digest, the way S3 prints checksums */
  digestBase64(): string;
  /** raw digest bytes */
  digestBytes(): Buffer;
}

function fromNodeHash(h: Hash): Incremental {
  let out: Buffer | undefined;
  const bytes = () => (out ??= h.digest());
  return { update: (d) => void h.update(d), digestBytes: bytes, digestBase64: () => bytes().toString('base64') };
}

function fromWasm(h: IHasher): Incremental {
  h.init();
  let out: Buffer | undefined;
  const bytes = () => (out ??= Buffer.from(h.digest('binary')));
  return { update: (d) => void h.update(d), digestBytes: bytes, digestBase64: () => bytes().toString('base64') };
}

// Reflected polynomials: CRC-32C (Castagnoli) and CRC-64/NVME (check value of "123456789" = ae8b14860a799888).
const CRC32C_POLY = 0x82f63b78;
const CRC64NVME_POLY = '9a6c9329ac4bc9b5';

export async function createChecksum(a: ChecksumAlgorithm): Promise<Incremental> {
  switch (a) {
    case 'CRC32':
      return fromWasm(await createCRC32());
    case 'CRC32C':
      return fromWasm(await createCRC32(CRC32C_POLY));
    case 'CRC64NVME':
      return fromWasm(await createCRC64(CRC64NVME_POLY));
    case 'SHA1':
      return fromNodeHash(createHash('sha1'));
    case 'SHA256':
      return fromNodeHash(createHash('sha256'));
  }
}

/** One pass over a body feeding MD5 (for the ETag) and every checksum asked for. */
export class BodyHasher {
  readonly md5 = createHash('md5');
  private md5Digest: Buffer | undefined;
  private constructor(
    private readonly sums: Map<ChecksumAlgorithm, Incremental>,
    private readonly sha256Hex: Hash | undefined,
  ) {}

  static async create(algorithms: Iterable<ChecksumAlgorithm>, opts: { sha256Hex?: boolean } = {}): Promise<BodyHasher> {
    const sums = new Map<ChecksumAlgorithm, Incremental>();
    for (const a of algorithms) if (!sums.has(a)) sums.set(a, await createChecksum(a));
    return new BodyHasher(sums, opts.sha256Hex ? createHash('sha256') : undefined);
  }

  update(chunk: Uint8Array): void {
    this.md5.update(chunk);
    this.sha256Hex?.update(chunk);
    for (const s of this.sums.values()) s.update(chunk);
  }

  md5Bytes(): Buffer {
    return (this.md5Digest ??= this.md5.digest());
  }

  /** hex sha256 of the payload, when asked for (to check a signed x-amz-content-sha256) */
  payloadSha256Hex(): string | undefined {
    return this.sha256Hex?.digest('hex');
  }

  checksums(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [a, s] of this.sums) out[a] = s.digestBase64();
    return out;
  }

  raw(a: ChecksumAlgorithm): Buffer | undefined {
    return this.sums.get(a)?.digestBytes();
  }
}

/** Checksum of checksums, as S3 computes a multipart upload's COMPOSITE checksum ("<b64>-N"). */
export async function compositeChecksum(a: ChecksumAlgorithm, partChecksumsB64: string[]): Promise<string> {
  const h = await createChecksum(a);
  for (const p of partChecksumsB64) h.update(Buffer.from(p, 'base64'));
  return `${h.digestBase64()}-${partChecksumsB64.length}`;
}
