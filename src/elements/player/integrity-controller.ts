/**
 * The player's integrity, as a Lit reactive controller (docs/integrity-provenance.md): follows the
 * integrity gate of whatever source the `<video>` plays (integrity/integrity-gate.ts), renders the
 * badge (a chunk loaded the first time there is something to show) and, when a check fails,
 * fires `ine-integrity-error` and has the element stop with the `Integrity` error.
 */
import { nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { emit } from '../../internal/events.js';
import { ensureTranslation, resolveLang } from '../../i18n/localize.js';
import { watchIntegrity, type IntegrityState } from '../../integrity/integrity-gate.js';
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
  #langs = new Set<string>();

  constructor(
    private readonly host: IntegrityHost,
    private readonly failed: (failure: IntegrityFailureDetail) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#watch();
  }

  hostUpdate(): void {
    this.#watch();
    if (!this.#badge) return;
    const lang = resolveLang(this.host);
    if (this.#langs.has(lang)) return;
    this.#langs.add(lang);
    void ensureTranslation('integrity', lang).then(
      () => this.host.requestUpdate(),
      () => this.#langs.delete(lang),
    );
  }

  hostDisconnected(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
    this.#watched = undefined;
  }

  /** The badge for the current state (nothing while off, or until its chunk is here). */
  badge(): TemplateResult | typeof nothing {
    if (!this.#badge) return nothing;
    const lang = resolveLang(this.host);
    const format = new Intl.DateTimeFormat(lang.toLowerCase().startsWith('en') ? 'en-US' : 'es-MX', { dateStyle: 'medium', timeStyle: 'long' });
    return this.#badge.integrityBadge(this.state, { lang, date: (iso) => (Number.isNaN(Date.parse(iso)) ? iso : format.format(new Date(iso))) });
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
      void (badgeModule ??= import('./integrity/integrity-badge.js')).then(
        (m) => {
          this.#badge = m;
          this.host.requestUpdate();
        },
        () => (badgeModule = undefined), // Offline: tried again at the next change.
      );
    }
    this.host.requestUpdate();
    if (s.status === 'failed' && was !== 'failed') {
      emit(this.host, 'ine-integrity-error', s.failure);
      this.failed(s.failure);
    }
  }
}
