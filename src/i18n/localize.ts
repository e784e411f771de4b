/**
 * Localization shared by every element: es-MX by default, English available, more by
 * `registerTranslation()`. Each element owns its message namespace (one file per locale,
 * as media-chrome does in `lang/`), so elements load only their own strings.
 *
 * Language resolution for an element: its own `lang` attribute, else the nearest ancestor's
 * `lang`, else `<html lang>`, else the configured `lang`, else es-MX. A language is matched by
 * exact tag, then by its primary subtag (`es-ES` uses `es` if registered, then `es-MX`), then es-MX.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getConfig } from '../config/config.js';

export type MessageValue = string | ((...args: never[]) => string);
export type Messages = Record<string, MessageValue>;

/**
 * Another language's messages for a namespace whose source language is `Source` (es-MX): the same
 * keys, no more and no fewer, each with the same parameters. A translation missing a key, or
 * carrying one the source no longer has, fails the type check instead of falling back at run time.
 */
export type Translation<Source extends Messages> = {
  [K in keyof Source]: Source[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};

export const DEFAULT_LANG = 'es-MX';

const REGISTRY_KEY = Symbol.for('ine-video-elements.i18n');
type Registry = Map<string, Map<string, Messages>>; // namespace -> lang -> messages

function registry(): Registry {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (g[REGISTRY_KEY] ??= new Map());
}

/** Add or extend a namespace's messages for a language (`registerTranslation('player', 'fr', {...})`). */
export function registerTranslation(namespace: string, lang: string, messages: Messages): void {
  const ns = registry().get(namespace) ?? new Map<string, Messages>();
  ns.set(lang.toLowerCase(), { ...(ns.get(lang.toLowerCase()) ?? {}), ...messages });
  registry().set(namespace, ns);
  for (const c of liveControllers) c.host.requestUpdate();
}

type TranslationLoader = () => Promise<{ default: Messages }>;
const LOADERS_KEY = Symbol.for('ine-video-elements.i18n-loaders');
const loading = new Map<string, Promise<void>>();

function loaders(): Map<string, Map<string, TranslationLoader>> {
  const g = globalThis as unknown as Record<symbol, Map<string, Map<string, TranslationLoader>> | undefined>;
  return (g[LOADERS_KEY] ??= new Map());
}

/**
 * A language of a namespace that is fetched the first time an element speaks it (`() => import('./en.js')`),
 * so that pages in Spanish never download English strings. Until it arrives the element speaks es-MX;
 * its `updateComplete` waits for it.
 */
export function registerTranslationLoader(namespace: string, lang: string, loader: TranslationLoader): void {
  const ns = loaders().get(namespace) ?? new Map<string, TranslationLoader>();
  ns.set(lang.toLowerCase(), loader);
  loaders().set(namespace, ns);
}

/** Fetch and register the namespace's translation for `requested` if one is registered to load lazily. */
export function ensureTranslation(namespace: string, requested: string | undefined | null): Promise<void> {
  const available = loaders().get(namespace);
  if (!available) return Promise.resolve();
  const lang = closestLang(available, requested);
  if (!lang || registry().get(namespace)?.has(lang)) return Promise.resolve();
  const id = `${namespace}|${lang}`;
  let p = loading.get(id);
  if (!p) {
    p = available.get(lang)!().then(
      (m) => registerTranslation(namespace, lang, m.default),
      (e) => {
        loading.delete(id); // Offline now: try again on the next update.
        throw e;
      },
    );
    loading.set(id, p);
  }
  return p;
}

/** Of `langs` (lower-case tags), the requested tag, else its primary subtag, else one sharing that subtag. */
function closestLang(langs: Map<string, unknown>, requested: string | undefined | null): string | undefined {
  const want = (requested || DEFAULT_LANG).toLowerCase();
  if (langs.has(want)) return want;
  const primary = want.split('-')[0];
  if (langs.has(primary)) return primary;
  return [...langs.keys()].find((k) => k.split('-')[0] === primary);
}

/** Pick the best registered language of a namespace for a requested BCP 47 tag. */
export function matchLang(namespace: string, requested: string | undefined | null): string {
  const ns = registry().get(namespace);
  if (!ns) return DEFAULT_LANG;
  return closestLang(ns, requested) ?? DEFAULT_LANG.toLowerCase();
}

/** Translate `key` of `namespace` into `lang`, falling back to es-MX, then to the key itself. */
export function translate(namespace: string, lang: string | undefined, key: string, ...args: unknown[]): string {
  const ns = registry().get(namespace);
  const chosen = matchLang(namespace, lang);
  const value = ns?.get(chosen)?.[key] ?? ns?.get(DEFAULT_LANG.toLowerCase())?.[key];
  if (value === undefined) return key;
  return typeof value === 'function' ? (value as (...a: unknown[]) => string)(...args) : value;
}

/** The language an element should speak (see module comment). */
export function resolveLang(el: Element | undefined): string {
  // The element's own `lang` property first: Lit renders before it reflects a changed property to
  // the attribute, so reading only attributes would render one update late.
  const own = (el as { lang?: unknown } | undefined)?.lang;
  if (typeof own === 'string' && own) return own;
  const fromTree = el?.closest?.('[lang]')?.getAttribute('lang');
  if (fromTree) return fromTree;
  const doc = typeof document !== 'undefined' ? document.documentElement?.getAttribute?.('lang') : null;
  return doc || getConfig().lang || DEFAULT_LANG;
}

const liveControllers = new Set<LocalizeController>();
let docObserver: MutationObserver | undefined;

function watchDocumentLang(): void {
  if (docObserver || typeof MutationObserver === 'undefined' || typeof document === 'undefined') return;
  // One observer for the page: a change of <html lang> re-renders every element.
  docObserver = new MutationObserver(() => {
    for (const c of liveControllers) c.host.requestUpdate();
  });
  docObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}

/**
 * Reactive controller giving an element `t(key, ...args)` in its resolved language and
 * re-rendering it when `<html lang>` changes. The element's own `lang` is a normal attribute,
 * so changing it already re-renders when the element declares it as a property.
 */
export class LocalizeController implements ReactiveController {
  constructor(
    readonly host: ReactiveControllerHost & HTMLElement,
    readonly namespace: string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    liveControllers.add(this);
    watchDocumentLang();
    this.load();
  }

  hostDisconnected(): void {
    liveControllers.delete(this);
  }

  /** Resolved once per update: a render asks for dozens of strings, and `closest('[lang]')` is not free. */
  private langThisUpdate?: string;

  hostUpdate(): void {
    this.langThisUpdate = resolveLang(this.host);
    this.load();
  }

  /** Settles when the strings of the language in use are there (a lazily loaded one may take a moment). */
  ready: Promise<void> = Promise.resolve();

  private load(): void {
    // A failed fetch leaves the element in es-MX; it is tried again on the next update.
    this.ready = ensureTranslation(this.namespace, this.lang).catch(() => {});
  }

  hostUpdated(): void {
    this.langThisUpdate = undefined;
  }

  /** BCP 47 tag in use, e.g. `es-MX`. */
  get lang(): string {
    return this.langThisUpdate ?? resolveLang(this.host);
  }

  t = (key: string, ...args: unknown[]): string => translate(this.namespace, this.lang, key, ...args);

  /** Locale-aware number formatting (`1 234,5` vs `1,234.5`). */
  number(n: number, options?: Intl.NumberFormatOptions): string {
    return new Intl.NumberFormat(this.locale(), options).format(n);
  }

  date(d: Date | string | number, options?: Intl.DateTimeFormatOptions): string {
    return new Intl.DateTimeFormat(this.locale(), options).format(new Date(d));
  }

  /** Human-readable byte count (`1.5 GB`), in the element's language. */
  bytes(n: number): string {
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let i = 0;
    let v = n;
    while (v >= 1000 && i < units.length - 1) {
      v /= 1000;
      i++;
    }
    return `${this.number(v, { maximumFractionDigits: i === 0 ? 0 : 1 })} ${units[i]}`;
  }

  private locale(): string {
    const l = matchLang(this.namespace, this.lang);
    return l === 'en' ? 'en-US' : l === 'es-mx' ? 'es-MX' : l;
  }
}
