/**
 * `<input type=datetime-local>` ↔ the contract's ISO 8601 with offset. The form gives
 * "2024-06-02T20:30" in the user's local time; the contract wants "2024-06-02T20:30:00-06:00".
 */

/** A datetime-local value → ISO 8601 with the local offset; undefined when it is not one. */
export function localDateTimeToIso(local: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec = '00'] = m;
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  // new Date rolls "02-31" over to March: a value that does not round-trip is not a date.
  if (Number.isNaN(date.getTime()) || date.getMonth() !== Number(mo) - 1 || date.getDate() !== Number(d) || date.getHours() !== Number(h))
    return undefined;
  const off = -date.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${y}-${mo}-${d}T${h}:${mi}:${sec}${sign}${pad(off / 60)}:${pad(off % 60)}`;
}

/** The reverse, for showing an ISO value in a datetime-local field ('' when there is none). */
export function isoToLocalDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * What a form stores for the text of a datetime-local field: nothing when empty, the ISO value when
 * valid, and the text itself otherwise, so validation rejects it with a message instead of the value
 * vanishing.
 */
export const datetimeFromInput = (text: string): string | undefined => (text.trim() ? (localDateTimeToIso(text) ?? text) : undefined);
