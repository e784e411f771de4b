/**
 * Limits on failed logins (wrong password, locked account, odd user name), checked before the
 * directory is asked, so the broker can neither be used to guess passwords fast nor to lock a
 * colleague out:
 *
 * - per client address, across every account: `maxFailuresPerClient` failures block that address
 *   (password spraying across many names);
 * - per (account, client): `maxFailures` failures block that account from that address only, so
 *   an attacker elsewhere cannot lock the user out of the client they use;
 * - per account, across clients: after `maxFailuresPerAccount` failures (a distributed guess),
 *   addresses the account has not logged in from recently are blocked for the rest of the window,
 *   while a client the account logged in from within `knownClientDays` is slowed to one attempt per
 *   `slowdownSeconds`, never blocked by others' failures.
 *
 * The directory's own lockout (ppolicy `pwdMaxFailure`) should stay above `maxFailuresPerAccount`,
 * so failures through the broker alone cannot lock the account in every INE system. Counts live in
 * a CounterStore shared by all broker instances; keys are hashes, never user names or addresses.
 */
import { createHash } from 'node:crypto';
import type { CounterStore } from './counter-store.ts';

export interface LoginLimits {
  /** Failures per (account, client) in the window before that pair is blocked. Default 5. */
  maxFailures: number;
  /** Failures per client address across accounts before the address is blocked. Default 50. */
  maxFailuresPerClient: number;
  /** Failures per account across clients before only known clients may try, slowly. Default 8. */
  maxFailuresPerAccount: number;
  windowSeconds: number;
  /** A client that logged in to the account successfully within this many days is "known". Default 30. */
  knownClientDays: number;
  /** A known client's pace while the account is over its ceiling: one attempt per this many seconds. Default 30. */
  slowdownSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  maxFailures: 5,
  maxFailuresPerClient: 50,
  maxFailuresPerAccount: 8,
  windowSeconds: 15 * 60,
  knownClientDays: 30,
  slowdownSeconds: 30,
};

/** Counter keys: hashed, so they have a fixed length and hold no user name or address. */
function counterKey(kind: 'client' | 'account' | 'pair' | 'known' | 'pace', ...parts: string[]): string {
  return `${kind}:${createHash('sha256').update(parts.join('\0')).digest('base64url')}`;
}

/** Stand-in for a missing address (a caller of `login()` that passes none): all such calls share it. */
const NO_ADDRESS = 'unknown-client';

export class LoginLimiter {
  constructor(
    private readonly store: CounterStore,
    private readonly limits: LoginLimits,
    private readonly now: () => number,
  ) {
    for (const [name, v] of Object.entries(limits)) {
      if (!Number.isInteger(v) || v < 1) throw new Error(`broker config: rateLimit.${name} must be a positive integer, got ${String(v)}`);
    }
  }

  private get windowMs(): number {
    return this.limits.windowSeconds * 1000;
  }

  /**
   * Seconds until this account may try from this client, or 0 if it may now. A known client's
   * paced attempt is counted here (one per `slowdownSeconds`, whatever the outcome).
   */
  async retryAfter(account: string, client = NO_ADDRESS): Promise<number> {
    const now = this.now();
    const wait = (endsAt: number) => Math.max(1, Math.ceil((endsAt - now) / 1000));
    const [byClient, byPair, byAccount] = await Promise.all([
      this.store.get(counterKey('client', client), now),
      this.store.get(counterKey('pair', account, client), now),
      this.store.get(counterKey('account', account), now),
    ]);
    if (byClient.count >= this.limits.maxFailuresPerClient) return wait(byClient.endsAt);
    if (byPair.count >= this.limits.maxFailures) return wait(byPair.endsAt);
    if (byAccount.count < this.limits.maxFailuresPerAccount) return 0;
    const known = await this.store.get(counterKey('known', account, client), now);
    if (known.count === 0) return wait(byAccount.endsAt);
    const pace = await this.store.increment(counterKey('pace', account, client), this.limits.slowdownSeconds * 1000, now);
    return pace.count > 1 ? wait(pace.endsAt) : 0;
  }

  async fail(account: string, client = NO_ADDRESS): Promise<void> {
    const now = this.now();
    await Promise.all([
      this.store.increment(counterKey('client', client), this.windowMs, now),
      this.store.increment(counterKey('pair', account, client), this.windowMs, now),
      this.store.increment(counterKey('account', account), this.windowMs, now),
    ]);
  }

  /**
   * The pair's failures are forgiven and the client becomes known for the account. The account's
   * and the client's counts only age out: one success must not reset a distributed guess or a spray.
   */
  async succeed(account: string, client = NO_ADDRESS): Promise<void> {
    const now = this.now();
    const knownKey = counterKey('known', account, client);
    await this.store.reset(counterKey('pair', account, client));
    // Known for knownClientDays from the first success of the period (a counter's window).
    if ((await this.store.get(knownKey, now)).count === 0) await this.store.increment(knownKey, this.limits.knownClientDays * 86_400_000, now);
  }
}
