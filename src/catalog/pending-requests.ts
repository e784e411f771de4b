/**
 * The pending publication requests an admin list shows (sensitive periods, docs/integrity-embargo.md),
 * as a small DOM-free store: load, approve or reject one (naming the version read, so a decision
 * never lands on a request that changed), and the outcome of the last decision. The server enforces
 * every rule (a different admin, once); this only reports what it answered.
 */
import type { IneErrorCode } from '../internal/error-codes.js';
import { IneError } from '../internal/errors.js';
import { ApiError, type ApiClient, type PendingRequest } from './api-client.js';

export type Decision = 'approve' | 'reject';

export interface PendingState {
  phase: 'idle' | 'loading' | 'ready' | 'error';
  items: PendingRequest[];
  /** The request a decision is being sent for. */
  busyId?: string;
  /** What the last action came to: a message key of the element, or an error code. */
  outcome?: { kind: 'done'; key: 'approved' | 'rejected'; title: string } | { kind: 'error'; code: IneErrorCode; problem?: string };
}

export interface PendingRequests {
  readonly state: PendingState;
  load(): Promise<void>;
  decide(id: string, decision: Decision): Promise<void>;
  subscribe(fn: () => void): () => void;
}

const failure = (e: unknown): PendingState['outcome'] => ({
  kind: 'error',
  code: e instanceof IneError ? e.code : 'Unknown',
  ...(e instanceof ApiError && e.problem.code ? { problem: e.problem.code } : {}),
});

export function createPendingRequests(api: () => Promise<ApiClient>): PendingRequests {
  const listeners = new Set<() => void>();
  const state: PendingState = { phase: 'idle', items: [] };
  const changed = () => listeners.forEach((fn) => fn());
  const set = (patch: Partial<PendingState>) => {
    Object.assign(state, patch);
    changed();
  };
  async function load(): Promise<void> {
    set({ phase: 'loading' });
    try {
      set({ phase: 'ready', items: await (await api()).listPublicationRequests() });
    } catch (e) {
      set({ phase: 'error', outcome: failure(e) });
    }
  }
  return {
    state,
    load,
    async decide(id, decision) {
      const item = state.items.find((i) => i.request.id === id);
      if (!item || state.busyId) return;
      set({ busyId: id, outcome: undefined });
      try {
        await (await api()).decidePublicationRequest(id, item.etag, decision);
        set({ outcome: { kind: 'done', key: decision === 'approve' ? 'approved' : 'rejected', title: item.request.clipTitle } });
      } catch (e) {
        set({ outcome: failure(e) });
      } finally {
        set({ busyId: undefined });
      }
      // Decided or not, the list as the server has it now (another admin may have decided first).
      const outcome = state.outcome;
      await load();
      if (state.phase === 'ready') set({ outcome });
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
