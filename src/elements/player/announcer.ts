import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A run of key presses (volume up, up, up) is one announcement: the last, once the keys rest this long. */
const QUIET_MS = 350;

/**
 * What the player's polite live region says: volume, mute, seeking, captions, a copied link. Every
 * message waits until the user pauses, and only the last one of a burst is spoken; the region is
 * emptied first, so the same message twice is announced twice.
 */
export class Announcer implements ReactiveController {
  /** The live region's text. */
  text = '';
  readonly #host: ReactiveControllerHost;
  #timer?: ReturnType<typeof setTimeout>;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  /** Announce what `message` gives (read when spoken, so a seek announces where it ended up). */
  say(message: () => string | Promise<string>, wait = QUIET_MS): void {
    clearTimeout(this.#timer);
    this.#set('');
    this.#timer = setTimeout(async () => this.#set(await message()), wait);
  }

  #set(text: string): void {
    this.text = text;
    this.#host.requestUpdate();
  }
}
