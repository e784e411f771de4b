/**
 * A clip's history as the admin UI shows it: the audit entries the Web API answers
 * (`GET /v1/clips/{id}/history`, oldest first) turned into who did what when, and for each change the
 * fields that differ, before → after. DOM-free: src/elements/catalog/render-history.ts draws it.
 */
import { CLIP_FIELDS } from '../contract/clip-fields.js';
import { IneError } from '../internal/errors.js';

/** What the API answers per entry (schemas/openapi.json, AuditEntry): only what is shown is read. */
export interface HistoryEntry {
  seq: number;
  at: string;
  actor: { sub: string; role: string; clientId?: string };
  action: string;
  before: unknown;
  after: unknown;
  recovered?: { intendedAt: string; confirmed: boolean };
}

export interface FieldChange {
  /** A clip field's name (CLIP_FIELDS), or `published` / `status`. */
  field: string;
  before: unknown;
  after: unknown;
}

export interface HistoryRow {
  seq: number;
  at: string;
  actor: HistoryEntry['actor'];
  action: string;
  changes: FieldChange[];
  recovered?: HistoryEntry['recovered'];
}

/** Record members shown besides the metadata fields, in this order. */
const RECORD_FIELDS = ['status', 'published'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const member = (o: unknown, k: string): unknown => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined);

/** The fields that differ between two versions of a record (either may be null: created or deleted). */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of CLIP_FIELDS) {
    const b = member(member(before, 'metadata'), f.name);
    const a = member(member(after, 'metadata'), f.name);
    if (!same(b, a)) out.push({ field: f.name, before: b, after: a });
  }
  for (const k of RECORD_FIELDS) {
    const b = member(before, k);
    const a = member(after, k);
    if (!same(b, a)) out.push({ field: k, before: b, after: a });
  }
  return out;
}

/** Newest first, as an admin reads a history. */
export function historyRows(entries: readonly HistoryEntry[]): HistoryRow[] {
  return [...entries]
    .sort((x, y) => y.seq - x.seq)
    .map((e) => ({
      seq: e.seq,
      at: e.at,
      actor: e.actor,
      action: e.action,
      changes: fieldChanges(e.before, e.after),
      ...(e.recovered ? { recovered: e.recovered } : {}),
    }));
}

/** How many entries one history shows at most (the API pages by 100). */
export const HISTORY_LIMIT = 100;

/** Reads a clip's history through the Web API with the admin's access token. */
export async function loadClipHistory(
  apiUrl: string,
  accessToken: (force?: boolean) => Promise<string>,
  id: string,
  doFetch: typeof fetch = (...a) => fetch(...a),
): Promise<HistoryEntry[]> {
  const url = `${apiUrl.replace(/\/+$/, '')}/clips/${encodeURIComponent(id)}/history?limit=${HISTORY_LIMIT}`;
  const get = async (force: boolean): Promise<Response> => {
    try {
      return await doFetch(url, { headers: { authorization: `Bearer ${await accessToken(force)}` }, credentials: 'omit', cache: 'no-store' });
    } catch (e) {
      throw new IneError('Network', String(e), e);
    }
  };
  let res = await get(false);
  if (res.status === 401) res = await get(true);
  const body = (await res.json().catch(() => undefined)) as { items?: HistoryEntry[]; code?: string; detail?: string } | undefined;
  if (!res.ok || !Array.isArray(body?.items)) {
    const code = res.status === 403 ? 'AccessDenied' : res.status === 401 ? 'ExpiredCredentials' : res.status >= 500 ? 'ServerError' : 'Unknown';
    throw new IneError(code, body?.detail ?? `The clip's history could not be read (HTTP ${res.status})`);
  }
  return body.items;
}
