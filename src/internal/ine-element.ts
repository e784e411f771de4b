import { LitElement, type PropertyDeclarations } from 'lit';
import '../i18n/common.js';
import { LocalizeController } from '../i18n/localize.js';
import { emit } from './events.js';
import type { IneErrorCode } from './error-codes.js';

/**
 * Base of every INE element: localization (own `lang`, else the document's), and `ine-` events
 * that bubble and are composed.
 */
export abstract class IneElement extends LitElement {
  // Without decorators: the player, whose first download this base is part of, uses none (Lit's
  // decorator code is then fetched only by the elements that use them).
  static override properties: PropertyDeclarations = { lang: { reflect: true } };

  /** Language of the element's UI (BCP 47). Empty: inherit from the nearest `[lang]` ancestor or `<html lang>`; es-MX when none says. */
  override lang = '';

  /** Translations of the element's namespace, plus `common` for shared messages. */
  protected abstract readonly i18n: LocalizeController;
  protected readonly common = new LocalizeController(this, 'common');

  /**
   * `updateComplete` also waits for the element's language when it is fetched on first use (then
   * for the update that shows it): "rendered" means rendered in the language asked for.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    await Promise.all([this.i18n.ready, this.common.ready]);
    if (this.isUpdatePending) done = await super.getUpdateComplete();
    return done;
  }

  /** Dispatch an `ine-*` event from this element. */
  protected emit<T>(name: `ine-${string}`, detail: T, options?: { cancelable?: boolean }): boolean {
    return emit(this, name, detail, options);
  }

  /** Translated message for an error code: the element's own `error.<code>`, else the common one. */
  protected errorMessage(code: IneErrorCode): string {
    const own = this.i18n.t(`error.${code}`);
    if (own !== `error.${code}`) return own;
    const shared = this.common.t(`error.${code}`);
    return shared !== `error.${code}` ? shared : this.common.t('error.Unknown');
  }
}
