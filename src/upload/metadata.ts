/**
 * The clip metadata the uploader collects, and how it travels: as S3 user metadata on the source
 * object (`x-amz-meta-*`) and, complete and typed, in the upload manifest.
 *
 * S3 user metadata must be ASCII. Characters outside printable ASCII (accents, ñ, emoji) and `%`
 * itself are percent-encoded (UTF-8), so `decodeURIComponent` restores every value exactly, and
 * plain ASCII stays readable in the console. Tags travel comma-separated.
 */
import type { ClipMetadata } from '../contract/video-record.js';

/** The 32 entidades federativas, as INE names them. */
export const ENTIDADES: readonly string[] = [
  'Aguascalientes', 'Baja California', 'Baja California Sur', 'Campeche', 'Chiapas', 'Chihuahua',
  'Ciudad de México', 'Coahuila', 'Colima', 'Durango', 'Estado de México', 'Guanajuato', 'Guerrero',
  'Hidalgo', 'Jalisco', 'Michoacán', 'Morelos', 'Nayarit', 'Nuevo León', 'Oaxaca', 'Puebla', 'Querétaro',
  'Quintana Roo', 'San Luis Potosí', 'Sinaloa', 'Sonora', 'Tabasco', 'Tamaulipas', 'Tlaxcala', 'Veracruz',
  'Yucatán', 'Zacatecas',
];

export const encodeMetaValue = (v: string): string => v.replace(/[^\x20-\x24\x26-\x7e]/gu, (c) => encodeURIComponent(c));
export const decodeMetaValue = (v: string): string => decodeURIComponent(v);

/** `ClipMetadata` → S3 user metadata (lowercase keys, ASCII values). */
export function toS3Metadata(m: ClipMetadata, fileName: string): Record<string, string> {
  const out: Record<string, string> = { title: m.title, filename: fileName };
  if (m.description) out.description = m.description;
  if (m.outlet) out.outlet = m.outlet;
  if (m.program) out.program = m.program;
  if (m.broadcastAt) out['broadcast-at'] = m.broadcastAt;
  if (m.state) out.state = m.state;
  if (m.tags?.length) out.tags = m.tags.join(',');
  for (const k of Object.keys(out)) out[k] = encodeMetaValue(out[k]);
  return out;
}

/** Trim strings, drop empty optional fields, split tags. */
export function normalizeMetadata(input: Partial<Omit<ClipMetadata, 'tags'>> & { tags?: string[] | string }): ClipMetadata {
  const s = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const tags = (Array.isArray(input.tags) ? input.tags : s(input.tags).split(','))
    .map((t) => String(t).trim())
    .filter(Boolean);
  const out: ClipMetadata = { title: s(input.title) };
  for (const k of ['description', 'outlet', 'program', 'broadcastAt', 'state'] as const) {
    const v = s(input[k]);
    if (v) out[k] = v;
  }
  if (tags.length) out.tags = [...new Set(tags)];
  return out;
}

/**
 * `<input type=datetime-local>` gives "2024-06-02T20:30" in the user's local time; the contract
 * wants ISO 8601 with an offset: "2024-06-02T20:30:00-06:00".
 */
export function localDateTimeToIso(local: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec = '00'] = m;
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  if (Number.isNaN(date.getTime())) return undefined;
  const off = -date.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${y}-${mo}-${d}T${h}:${mi}:${sec}${sign}${pad(off / 60)}:${pad(off % 60)}`;
}

/** The reverse, for showing an ISO value in a datetime-local field. */
export function isoToLocalDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
