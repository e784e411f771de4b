/** Duration in the element's words: "2 min 5 s", "1 h 3 min". */
export function formatDuration(seconds: number, t: (key: string, ...a: unknown[]) => string): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return t('time.h', Math.floor(s / 3600), Math.floor((s % 3600) / 60));
  if (s >= 60) return t('time.m', Math.floor(s / 60), s % 60);
  return t('time.s', s);
}
