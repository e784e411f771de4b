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
  private seen?: number;
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
    this.seen = undefined;
    this.schedule();
  }

  hostDisconnected(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  /** Forget the generation seen (after a reload the element started itself). */
  reset(): void {
    this.seen = undefined;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.running) this.timer = setTimeout(() => void this.tick(), this.intervalMs);
  }

  private async tick(): Promise<void> {
    try {
      if (this.active() && (typeof document === 'undefined' || document.visibilityState === 'visible')) {
        const g = await this.generation();
        if (this.seen !== undefined && g !== this.seen) this.changed();
        this.seen = g;
      }
    } catch {
      // A failed read is tried again next time; the list keeps what it shows.
    }
    this.schedule();
  }
}
