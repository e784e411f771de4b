/**
 * The player's integrity, as a Lit reactive controller (docs/integrity-provenance.md): follows the
 * integrity gate of whatever source the `<video>` plays (integrity/integrity-registry.ts), renders the
 * badge (a chunk loaded the first time there is something to show) and, when a check fails,
 * reports it once (the element fires `ine-integrity-error` and stops with the `Integrity` error).
 * A lazy chunk of its own (integrity-on-demand.ts), so it imports nothing of the element's chunk:
 * what it needs of it comes through the constructor.
 */
import { nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { watchIntegrity } from '../../integrity/integrity-registry.js';
import type { IntegrityState } from '../../integrity/integrity-plan.js';
import type { IntegrityFailureDetail } from '../../integrity/integrity-failure.js';

export interface IntegrityHost extends ReactiveControllerHost, HTMLElement {
  readonly video: HTMLVideoElement | null;
}

type Badge = typeof import('./integrity/integrity-badge.js');
let badgeModule: Promise<Badge> | undefined;

export class IntegrityController implements ReactiveController {
  state: IntegrityState = { status: 'off' };
  #watched?: HTMLVideoElement | null;
  #unwatch?: () => void;
  #badge?: Badge;

  constructor(
    private readonly host: IntegrityHost,
    private readonly failed: (failure: IntegrityFailureDetail) => void,
    /** The player's messages that are not in its first download (the badge's are among them). */
    private readonly loadStrings: () => Promise<unknown>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#watch();
  }

  hostUpdate(): void {
    this.#watch();
  }

  hostDisconnected(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
    this.#watched = undefined;
  }

  /** The badge for the current state (nothing while off, or until its chunk is here), in the player's language. */
  badge(i18n: { t(key: string): string; date(d: string, o: Intl.DateTimeFormatOptions): string }): TemplateResult | typeof nothing {
    if (!this.#badge) return nothing;
    return this.#badge.integrityBadge(this.state, {
      t: i18n.t,
      date: (iso) => (Number.isNaN(Date.parse(iso)) ? iso : i18n.date(iso, { dateStyle: 'medium', timeStyle: 'long' })),
    });
  }

  #watch(): void {
    const v = this.host.video;
    if (v === this.#watched || !v) return;
    this.#unwatch?.();
    this.#watched = v;
    this.#unwatch = watchIntegrity(v, (s) => this.#changed(s));
  }

  #changed(s: IntegrityState): void {
    const was = this.state.status;
    this.state = s;
    // The badge's chunk once there is an outcome to show (not for "verifying": the first frame comes first).
    if ((s.status === 'verified' || s.status === 'failed') && !this.#badge) {
      // With the player's messages that are not in its first download (the badge's are among them).
      void (badgeModule ??= Promise.all([import('./integrity/integrity-badge.js'), this.loadStrings()]).then(([m]) => m)).then(
        (m) => {
          this.#badge = m;
          this.host.requestUpdate();
        },
        () => (badgeModule = undefined), // Offline: tried again at the next change.
      );
    }
    this.host.requestUpdate();
    if (s.status === 'failed' && was !== 'failed') this.failed(s.failure);
  }
}
