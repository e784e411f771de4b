/**
 * hls.js' loader with the integrity gate in front (docs/integrity-provenance.md): every playlist
 * and segment hls.js loads is handed to it only after the gate has checked its bytes against the
 * signed manifest (SHA-256 in Web Crypto, off the main thread's parsing path). A failed check
 * never reaches hls.js: nothing of a tampered file is parsed or buffered, and the gate's state
 * says what failed. Part of the hls.js engine's chunk.
 */
import type { HlsConfig, Loader, LoaderCallbacks, LoaderConfiguration, LoaderContext } from 'hls.js';
import type { IntegrityGate } from '../../integrity/integrity-plan.js';

type LoaderClass = HlsConfig['loader'];

export function gatedLoader(Base: LoaderClass, gate: IntegrityGate): LoaderClass {
  return class GatedLoader implements Loader<LoaderContext> {
    readonly #inner: Loader<LoaderContext>;
    #aborted = false;

    constructor(config: HlsConfig) {
      this.#inner = new Base(config);
    }

    get context() {
      return this.#inner.context;
    }

    get stats() {
      return this.#inner.stats;
    }

    load(context: LoaderContext, config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      this.#aborted = false;
      this.#inner.load(context, config, {
        ...callbacks,
        onSuccess: (response, stats, ctx, details) => {
          void gate.check(ctx.url, response.data as ArrayBuffer | string).then((ok) => {
            if (ok && !this.#aborted) callbacks.onSuccess(response, stats, ctx, details);
          });
        },
      });
    }

    abort(): void {
      this.#aborted = true;
      this.#inner.abort();
    }

    destroy(): void {
      this.#aborted = true;
      this.#inner.destroy();
    }

    getCacheAge(): number | null {
      return this.#inner.getCacheAge?.() ?? null;
    }

    getResponseHeader(name: string): string | null {
      return this.#inner.getResponseHeader?.(name) ?? null;
    }
  } as unknown as LoaderClass;
}
