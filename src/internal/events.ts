/**
 * Every public event is `ine-`-prefixed, bubbles, crosses shadow roots (composed) and
 * carries its data in `detail` (custom-elements.json lists each element's events).
 */
export function emit<T>(target: EventTarget, name: `ine-${string}`, detail: T, options: { cancelable?: boolean } = {}): boolean {
  return target.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }));
}
