/**
 * Part planning for S3 multipart uploads (docs/uploader.md): parts of 5 MiB to 5 GiB, the last one may be
 * smaller, at most 10,000 parts. Pure functions, shared by the driver, the resume check and the bench.
 */

export const MIB = 1024 * 1024;
/** S3's smallest part (except the last one). */
export const S3_MIN_PART_SIZE = 5 * MIB;
/** S3's largest part. */
export const S3_MAX_PART_SIZE = 5 * 1024 * MIB;
/** S3's most parts per upload. */
export const S3_MAX_PARTS = 10_000;
/** S3's largest object uploaded by multipart (5 TiB). */
export const S3_MAX_OBJECT_SIZE = 5 * 1024 * 1024 * MIB;

/**
 * On a measured link, each part should take about this long on the wire in its lane: per-part costs
 * (a signed request, a round trip, S3's work per part, a progress report) then stay small next to
 * the transfer, so fast links get fewer, larger parts.
 */
export const PART_TARGET_SECONDS = 2;
/**
 * The largest part the link measure may ask for: a torn-down upload re-sends up to concurrency ×
 * part size, and a part in flight shows progress only as a whole when the handler cannot report it.
 */
export const ADAPTIVE_MAX_PART_SIZE = 32 * MIB;

export interface PartSizeOptions {
  /** Smallest part size wanted (config.upload.minPartSize); never below 5 MiB. */
  minPartSize?: number;
  /** Fixed part size wanted (config.upload.partSize / `part-size`); still clamped to S3's rules. */
  partSize?: number;
  /** The page's measured upload speed (bytes/s), when known: grows the part size on fast links. */
  linkBytesPerSecond?: number;
  /** Parts in flight at once (config.upload.concurrency); with the link speed, each part's share. */
  concurrency?: number;
}

/**
 * The part size for a file of `size` bytes: the fixed size when one is asked for; else the minimum,
 * grown on a measured fast link so one part takes about `PART_TARGET_SECONDS` at its share of the
 * link (whole MiB, up to `ADAPTIVE_MAX_PART_SIZE`). In all cases at least 5 MiB and at least
 * ceil(size / 10,000) so the file fits in 10,000 parts, and at most 5 GiB.
 */
export function choosePartSize(size: number, opts: PartSizeOptions = {}): number {
  if (!Number.isFinite(size) || size < 0) throw new RangeError(`Invalid file size ${size}`);
  if (size > S3_MAX_OBJECT_SIZE) throw new RangeError(`File of ${size} bytes exceeds S3's 5 TiB limit`);
  const wanted = positive(opts.partSize) ?? Math.max(positive(opts.minPartSize) ?? S3_MIN_PART_SIZE, forLink(opts));
  const floor = Math.max(S3_MIN_PART_SIZE, Math.ceil(size / S3_MAX_PARTS));
  return Math.min(S3_MAX_PART_SIZE, Math.max(floor, Math.floor(wanted)));
}

/** The part size the measured link asks for (0 when unknown). */
function forLink({ linkBytesPerSecond, concurrency }: PartSizeOptions): number {
  const speed = positive(linkBytesPerSecond);
  if (!speed) return 0;
  const share = speed / Math.max(1, Math.floor(positive(concurrency) ?? 1));
  return Math.min(ADAPTIVE_MAX_PART_SIZE, Math.ceil((share * PART_TARGET_SECONDS) / MIB) * MIB);
}

function positive(n: number | undefined): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

export interface PlannedPart {
  /** 1-based, as S3 numbers parts. */
  partNumber: number;
  /** First byte (inclusive). */
  start: number;
  /** Last byte (exclusive), for `Blob.slice(start, end)`. */
  end: number;
  size: number;
}

/** Split `size` bytes into parts of `partSize` (the last one shorter). An empty file has no parts. */
export function planParts(size: number, partSize: number): PlannedPart[] {
  if (partSize <= 0) throw new RangeError('partSize must be positive');
  const count = partCount(size, partSize);
  if (count > S3_MAX_PARTS) throw new RangeError(`${count} parts exceed S3's ${S3_MAX_PARTS}`);
  const parts: PlannedPart[] = [];
  for (let i = 0; i < count; i++) {
    const start = i * partSize;
    const end = Math.min(size, start + partSize);
    parts.push({ partNumber: i + 1, start, end, size: end - start });
  }
  return parts;
}

export function partCount(size: number, partSize: number): number {
  return Math.ceil(size / partSize);
}

/** The planned size of part `partNumber` (for checking what ListParts reports on resume). */
export function expectedPartSize(size: number, partSize: number, partNumber: number): number {
  const start = (partNumber - 1) * partSize;
  if (partNumber < 1 || start >= size) return -1;
  return Math.min(partSize, size - start);
}
