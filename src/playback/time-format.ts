/** Time shown on the control bar: `m:ss`, or `h:mm:ss` once the clip reaches an hour. */
export function formatClock(seconds: number, reference = seconds): string {
  const s = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 || reference >= 3600 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Hours, minutes and seconds of a duration, for words ("1 minuto 5 segundos") in each language. */
export function splitTime(seconds: number): { h: number; m: number; s: number } {
  const t = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  return { h: Math.floor(t / 3600), m: Math.floor((t % 3600) / 60), s: t % 60 };
}

/**
 * A duration in words, e.g. `1 hora 2 minutos 5 segundos`. `units` gives singular and plural
 * per unit in the caller's language; zero parts are left out, except a lone `0 segundos`.
 */
export function timeInWords(seconds: number, units: { h: [string, string]; m: [string, string]; s: [string, string] }): string {
  const parts = splitTime(seconds);
  const out: string[] = [];
  for (const k of ['h', 'm', 's'] as const) {
    const n = parts[k];
    if (n || (k === 's' && out.length === 0)) out.push(`${n} ${units[k][n === 1 ? 0 : 1]}`);
  }
  return out.join(' ');
}
