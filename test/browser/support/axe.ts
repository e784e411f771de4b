/** axe-core, loaded into the test page once and shared by every element's accessibility checks. */
export interface AxeResult {
  violations: Array<{ id: string; nodes: Array<{ target: unknown }> }>;
}
interface AxeApi {
  run(context: Element, options: object): Promise<AxeResult>;
}

let loaded: Promise<AxeApi> | undefined;

export function loadAxe(): Promise<AxeApi> {
  loaded ??= new Promise<AxeApi>((resolve, reject) => {
    const s = document.createElement('script');
    s.src = new URL('../../../node_modules/axe-core/axe.min.js', import.meta.url).href;
    s.onload = () => resolve((window as unknown as { axe: AxeApi }).axe);
    s.onerror = reject;
    document.head.append(s);
  });
  return loaded;
}

/** WCAG 2.x A/AA and best-practice violations inside `el` (its shadow root included), one line each. */
export async function axeViolations(el: Element, options: { preload?: boolean } = {}): Promise<string[]> {
  const axe = await loadAxe();
  const r = await axe.run(el, {
    ...(options.preload === undefined ? {} : { preload: options.preload }),
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  });
  return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}
