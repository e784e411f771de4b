import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getConfig, mergeConfig, onConfigChange } from '../config/config.js';
import type { IneConfig, IneConfigInput } from '../config/types.js';

/**
 * Gives an element the effective configuration: the page-wide one (defaults < JSON blocks <
 * `configure()`), overridden by the element's own attributes, and re-renders it when the
 * page-wide configuration changes.
 */
export class ConfigController implements ReactiveController {
  private unsubscribe?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Reads the element's own overrides (undefined or empty values do not override). */
    private readonly overrides: () => IneConfigInput,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = onConfigChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
  }

  get value(): IneConfig {
    return mergeConfig(getConfig(), this.overrides());
  }
}
