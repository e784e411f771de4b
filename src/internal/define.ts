/**
 * Register a custom element once, and only where a registry exists. Safe to import during
 * server-side rendering (Lit's Node build shims `customElements`) and when two copies of the
 * library meet on one page (the first definition wins instead of throwing).
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
  if (!registry || registry.get(tag)) return;
  registry.define(tag, ctor);
}
