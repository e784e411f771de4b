/**
 * Sensitive periods (e.g. electoral silence): while one is in progress, publishing, unpublishing and
 * deleting a clip need a request by one admin and an approval by another (requests.ts). Kept as one
 * object in the bucket (`approval/periods.json`), changed with conditional writes so two admins
 * editing at once never lose each other's change. A period that has started can no longer be removed
 * (otherwise one admin could lift the rule alone), only created ones added.
 */
import { randomBytes } from 'node:crypto';
import { PreconditionFailed, type ObjectStore } from '../storage/object-store.ts';

export const PERIODS_KEY = 'approval/periods.json';

/** Limits on what an admin may store. */
export const PERIOD_LIMITS = {
  labelMaxLength: 200,
  /** Periods kept (ended ones count until removed). */
  maxPeriods: 100,
  /** The longest period: a little over a year. */
  maxDurationMs: 400 * 24 * 3600_000,
} as const;

export interface SensitivePeriod {
  id: string;
  label: string;
  /** ISO 8601; the period holds from `start` (inclusive) to `end` (exclusive). */
  start: string;
  end: string;
  createdBy: string;
  createdAt: string;
}

export interface PeriodInput {
  label: string;
  start: string;
  end: string;
}

interface PeriodsDoc {
  periods: SensitivePeriod[];
}

/** The period in progress at `now` (ms), if any (the earliest-ending one when they overlap). */
export function activePeriodAt(periods: readonly SensitivePeriod[], now: number): SensitivePeriod | undefined {
  return periods.filter((p) => Date.parse(p.start) <= now && now < Date.parse(p.end)).sort((a, b) => Date.parse(a.end) - Date.parse(b.end))[0];
}

export const hasStarted = (p: SensitivePeriod, now: number): boolean => Date.parse(p.start) <= now && now < Date.parse(p.end);

/** Why an input is refused (English, for the problem's `errors`), or an empty list. */
export function periodInputProblems(input: PeriodInput, now: number): Array<{ pointer: string; message: string }> {
  const out: Array<{ pointer: string; message: string }> = [];
  const start = Date.parse(input.start);
  const end = Date.parse(input.end);
  if (!input.label.trim()) out.push({ pointer: '/label', message: 'label: must not be blank' });
  if (Number.isNaN(start)) out.push({ pointer: '/start', message: 'start: must be an ISO 8601 date-time with offset' });
  if (Number.isNaN(end)) out.push({ pointer: '/end', message: 'end: must be an ISO 8601 date-time with offset' });
  if (!Number.isNaN(start) && !Number.isNaN(end)) {
    if (end <= start) out.push({ pointer: '/end', message: 'end: must be later than start' });
    else if (end - start > PERIOD_LIMITS.maxDurationMs) out.push({ pointer: '/end', message: 'end: a period lasts at most 400 days' });
    if (end <= now) out.push({ pointer: '/end', message: 'end: the period would already be over' });
  }
  return out;
}

export interface PeriodStore {
  list(): Promise<SensitivePeriod[]>;
  /** Adds a period; throws `TooMany` past the limit. */
  create(input: PeriodInput, createdBy: string, now: number): Promise<SensitivePeriod>;
  /** Removes a period and returns it (undefined: none); `guard` may throw to refuse (it sees the period). */
  remove(id: string, guard: (p: SensitivePeriod) => void): Promise<SensitivePeriod | undefined>;
}

export class TooManyPeriods extends Error {
  override readonly name = 'TooManyPeriods';
}

const MAX_RACES = 10;

export function createPeriodStore(store: ObjectStore): PeriodStore {
  async function read(): Promise<{ doc: PeriodsDoc; etag?: string }> {
    const got = await store.get(PERIODS_KEY);
    if (!got) return { doc: { periods: [] } };
    return { doc: JSON.parse(got.body) as PeriodsDoc, etag: got.etag };
  }
  async function change<T>(fn: (doc: PeriodsDoc) => { next?: PeriodsDoc; out: T }): Promise<T> {
    for (let i = 0; i < MAX_RACES; i++) {
      const { doc, etag } = await read();
      const { next, out } = fn(doc);
      if (!next) return out;
      try {
        await store.put(PERIODS_KEY, JSON.stringify(next), etag ? { ifMatch: etag } : { ifNoneMatch: '*' });
        return out;
      } catch (e) {
        if (!(e instanceof PreconditionFailed)) throw e;
      }
    }
    throw new Error('sensitive periods kept changing; try again');
  }
  return {
    list: async () => (await read()).doc.periods,
    create(input, createdBy, now) {
      const period: SensitivePeriod = {
        id: randomBytes(16).toString('hex'),
        label: input.label.trim(),
        start: new Date(Date.parse(input.start)).toISOString(),
        end: new Date(Date.parse(input.end)).toISOString(),
        createdBy,
        createdAt: new Date(now).toISOString(),
      };
      return change((doc) => {
        if (doc.periods.length >= PERIOD_LIMITS.maxPeriods) throw new TooManyPeriods(`at most ${PERIOD_LIMITS.maxPeriods} periods`);
        return { next: { periods: [...doc.periods, period].sort((a, b) => a.start.localeCompare(b.start)) }, out: period };
      });
    },
    remove(id, guard) {
      return change((doc) => {
        const found = doc.periods.find((p) => p.id === id);
        if (!found) return { out: undefined };
        guard(found);
        return { next: { periods: doc.periods.filter((p) => p.id !== id) }, out: found };
      });
    },
  };
}
