/**
 * The player's integrity view (integrity-controller.ts: badge, `ine-integrity-error`, stopping a
 * failed source), fetched only once a source's checks have an outcome to show (verified or failed),
 * not with the player's first download: a clip without a provenance manifest never has one, and
 * the checks start with the engine anyway. Until then nothing shows (the controller itself shows
 * nothing while verifying), so waiting changes nothing on screen; what a failed check must hold
 * back, the gate holds back itself (the engine gets no unchecked segment).
 */
import type { ReactiveController } from 'lit';
import { emit } from '../../internal/events.js';
import { watchIntegrity } from '../../integrity/integrity-registry.js';
import type { IntegrityFailureDetail } from '../../integrity/integrity-failure.js';
import { loadPlayerMore } from './lang/index.js';
import type { IntegrityController, IntegrityHost } from './integrity-controller.js';

export class IntegrityOnDemand implements ReactiveController {
  #controller?: IntegrityController;
  #watching = false;
  #loading?: Promise<unknown>;
  readonly #host: IntegrityHost;
  readonly #failed: (failure: IntegrityFailureDetail) => void;

  constructor(host: IntegrityHost, failed: (failure: IntegrityFailureDetail) => void) {
    this.#host = host;
    this.#failed = failed;
    host.addController(this);
  }

  hostConnected(): void {
    const v = this.#host.video;
    // Once per player (its `<video>` never changes); from then on the controller follows the gates.
    if (!v || this.#watching) return;
    this.#watching = true;
    watchIntegrity(v, (s) => (s.status === 'verified' || s.status === 'failed') && this.#load());
  }

  /** The badge (nothing until the controller is here; see IntegrityController.badge). */
  badge(i18n: Parameters<IntegrityController['badge']>[0]): ReturnType<IntegrityController['badge']> | undefined {
    return this.#controller?.badge(i18n);
  }

  #load(): void {
    if (this.#loading) return;
    this.#loading = import('./integrity-controller.js').then(
      // Added to a connected host, it follows the gate at once, from its current state.
      ({ IntegrityController: Controller }) => {
        this.#controller = new Controller(
          this.#host,
          (f) => {
            emit(this.#host, 'ine-integrity-error', f);
            this.#failed(f);
          },
          loadPlayerMore,
        );
        this.#host.requestUpdate();
      },
      // Offline: tried again at the next outcome.
      () => (this.#loading = undefined),
    );
  }
}
