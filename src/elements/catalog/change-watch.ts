/**
 * Keeps an admin's list current: every few seconds, while the page is visible, reads the private
 * index's root (one small object) and reloads the list when its generation moved, i.e. when the
 * indexer committed a change (a clip finished processing, another admin published…). A controller
 * of `<ine-catalog admin>`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How often the root is read; the indexer commits within about a second of a change. */
export const WATCH_INTERVAL_MS = 5000;

export class ChangeWatch implements ReactiveController {
  private timer?: ReturnType<typeof setTimeout>;
  /** The generation the list shows (undefined: no index yet), once a load has told it. */
  private shown?: { generation: number | undefined };
  private running = false;

  constructor(
    host: ReactiveControllerHost,
    /** The index root's generation (undefined: no index yet). */
    private readonly generation: () => Promise<number | undefined>,
    private readonly changed: () => void,
    private readonly active: () => boolean,
    private readonly intervalMs = WATCH_INTERVAL_MS,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.running = true;
    this.schedule();
  }

  hostDisconnected(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  /** The generation of the root a load just opened: what the list shows from now on. */
  loaded(generation: number | undefined): void {
    this.shown = { generation };
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.running) this.timer = setTimeout(() => void this.tick(), this.intervalMs);
  }

  private async tick(): Promise<void> {
    try {
      if (this.active() && (typeof document === 'undefined' || document.visibilityState === 'visible')) {
        const shown = this.shown;
        if (shown && (await this.generation()) !== shown.generation) {
          // Until the reload has opened the new root, nothing more to compare with.
          this.shown = undefined;
          this.changed();
        }
      }
    } catch {
      // A failed read is tried again next time; the list keeps what it shows.
    }
    this.schedule();
  }
}
