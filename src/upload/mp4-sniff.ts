/**
 * Decide from a file's first bytes whether it is an mp4 (design: never from its name or MIME type,
 * which users and operating systems get wrong). An mp4 is an ISO base media file (ISO/IEC 14496-12)
 * that starts with a `ftyp` box: 4-byte size, `ftyp`, a major brand, a minor version and a list of
 * compatible brands. QuickTime `.mov` shares the box layout (brand `qt  `) and is accepted too: the
 * packager reads it like an mp4 (newsroom editors export .mov). WebM/Matroska starts with an EBML
 * header instead.
 */

/** Brands that mean "an MP4 (or QuickTime) file the packager can read". */
export const MP4_BRANDS: ReadonlySet<string> = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'iso7',
  'iso8',
  'iso9',
  'mp41',
  'mp42',
  'mp71',
  'avc1',
  'hvc1',
  'M4V ',
  'M4VH',
  'M4VP',
  'dash',
  'mmp4',
  'MSNV',
  'NDAS',
  'NDSC',
  'cmfc',
  'cmf2',
  'XAVC',
  'f4v ',
  'qt  ',
]);

/** Major brands of ISO-BMFF files that are not mp4 video for our purpose, even if they list `isom`. */
export const NON_MP4_MAJOR_BRANDS: ReadonlySet<string> = new Set([
  'M4A ',
  'M4B ',
  'M4P ',
  'heic',
  'heix',
  'mif1',
  'msf1',
  'avif',
  'crx ',
  'jp2 ',
  'jpm ',
  'jpx ',
]);

/** How many leading bytes `sniffMp4` wants (a `ftyp` box is rarely longer than a few dozen bytes). */
export const SNIFF_BYTES = 4096;

export interface Mp4Sniff {
  mp4: boolean;
  majorBrand?: string;
  compatibleBrands: string[];
}

const ascii = (b: Uint8Array, at: number) => String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);

export function sniffMp4(bytes: Uint8Array): Mp4Sniff {
  const none: Mp4Sniff = { mp4: false, compatibleBrands: [] };
  if (bytes.length < 16 || ascii(bytes, 4) !== 'ftyp') return none;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let boxSize = view.getUint32(0);
  let headerSize = 8;
  if (boxSize === 1) {
    // 64-bit "largesize" follows the type; a ftyp box that needs it is malformed in practice.
    if (bytes.length < 24) return none;
    boxSize = Number(view.getBigUint64(8));
    headerSize = 16;
  }
  // A ftyp box holds at least major brand + minor version; its size must be sane.
  if (boxSize < headerSize + 8 || boxSize > 1 << 20) return none;
  const majorBrand = ascii(bytes, headerSize);
  const end = Math.min(boxSize, bytes.length);
  const compatibleBrands: string[] = [];
  for (let at = headerSize + 8; at + 4 <= end; at += 4) compatibleBrands.push(ascii(bytes, at));
  const mp4 = MP4_BRANDS.has(majorBrand) || (!NON_MP4_MAJOR_BRANDS.has(majorBrand) && compatibleBrands.some((b) => MP4_BRANDS.has(b)));
  return { mp4, majorBrand, compatibleBrands };
}

/** Read the head of a Blob (a File) and sniff it. */
export async function sniffBlob(blob: Blob): Promise<Mp4Sniff> {
  const head = new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
  return sniffMp4(head);
}
