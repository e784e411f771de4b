/**
 * The life of one file in the upload queue, as an explicit state machine: every change of state
 * goes through `transition`, so the UI, the events and the driver never disagree about what is
 * possible (a cancelled upload cannot be resumed, a complete one cannot be cancelled, ...).
 *
 *   invalid                      (validation failed; nothing was sent)
 *   ready ──start──▶ queued ──run──▶ starting ──begin──▶ uploading ──finish──▶ completing ──done──▶ complete
 *                      │                 │                  │  ▲ │                  │
 *                      │                 │           pause/ │  │ │ wait (offline,   │
 *                      │                 │          offline ▼  │ ▼  backoff)        │
 *                      │                 │               paused / waiting            │
 *                      └── fail ─────────┴──────────▶ error ◀───────────────────────┘
 *   cancel from any non-final state ─▶ cancelled;  retry from error ─▶ queued
 */

export type UploadState =
  'invalid' | 'ready' | 'queued' | 'starting' | 'uploading' | 'waiting' | 'paused' | 'completing' | 'complete' | 'error' | 'cancelled';

export type UploadEvent =
  | 'start' // the user (or `auto`) asked for the upload
  | 'run' // the queue gave it a slot
  | 'begin' // multipart upload created or resumed, parts are flowing
  | 'wait' // offline, or backing off before a retry
  | 'continue' // back from waiting
  | 'pause'
  | 'resume'
  | 'finish' // every part is sent; completing
  | 'done'
  | 'fail'
  | 'retry'
  | 'cancel';

const TABLE: Record<UploadState, Partial<Record<UploadEvent, UploadState>>> = {
  invalid: {},
  ready: { start: 'queued', pause: 'paused', cancel: 'cancelled' },
  queued: { run: 'starting', pause: 'paused', cancel: 'cancelled', fail: 'error' },
  starting: { begin: 'uploading', wait: 'waiting', pause: 'paused', fail: 'error', cancel: 'cancelled' },
  uploading: { wait: 'waiting', pause: 'paused', finish: 'completing', fail: 'error', cancel: 'cancelled' },
  waiting: { continue: 'uploading', begin: 'uploading', resume: 'queued', pause: 'paused', fail: 'error', cancel: 'cancelled' },
  paused: { resume: 'queued', cancel: 'cancelled' },
  completing: { done: 'complete', fail: 'error' },
  complete: {},
  error: { retry: 'queued', cancel: 'cancelled' },
  cancelled: {},
};

/** The next state, or `undefined` when `event` is not allowed in `state`. */
export function transition(state: UploadState, event: UploadEvent): UploadState | undefined {
  return TABLE[state][event];
}

export function can(state: UploadState, event: UploadEvent): boolean {
  return transition(state, event) !== undefined;
}

/** States in which bytes may be moving (the queue counts them against its slots). */
export const ACTIVE_STATES: ReadonlySet<UploadState> = new Set(['starting', 'uploading', 'waiting', 'completing']);

/** States that never change again. */
export const FINAL_STATES: ReadonlySet<UploadState> = new Set(['invalid', 'complete', 'cancelled']);
