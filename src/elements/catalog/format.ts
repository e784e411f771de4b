/** Small display helpers for `<ine-catalog>` (no DOM). */

/** 75 → "1:15", 3725 → "1:02:05". */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO 8601 → the `YYYY-MM-DDTHH:mm` an `<input type=datetime-local>` shows (local time). */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `<input type=datetime-local>` value → ISO 8601 with the local offset (e.g. `-06:00`). */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value; // left for validation to reject
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  return `${value.length === 16 ? value + ':00' : value}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
