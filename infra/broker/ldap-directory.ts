/**
 * LDAP side of the login: bind as the user with their own password (the directory, not the broker,
 * checks it), then read lock state and group membership. Errors are classified so the broker can
 * answer each case clearly: wrong password, locked, directory down.
 */
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { Client, Filter, InvalidCredentialsError, ResultCodeError } from 'ldapts';
import { BrokerError, type LdapSettings } from './types.ts';

export interface DirectoryUser {
  dn: string;
  groups: string[];
}

const DEFAULT_USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const DEFAULT_LOCKS: Array<{ attribute: string; value?: string }> = [{ attribute: 'pwdAccountLockedTime' }];
/** LDAP result codes that mean "this account may not log in now" rather than a wrong password. */
const ACCOUNT_UNUSABLE_CODES = new Set([53 /* unwillingToPerform (e.g. password expired, account disabled) */]);

/** RFC 4514 escaping of an attribute value inside a DN. */
export function escapeDnValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=#]/g, (c) => `\\${c}`)
    .replace(/^ /, '\\ ')
    .replace(/ $/, '\\ ')
    .replace(/\0/g, '\\00');
}

/** Compare DNs as directories do for our purposes: case-insensitive, no spaces around separators. */
export function normalizeDn(dn: string): string {
  return dn
    .trim()
    .toLowerCase()
    .replace(/\s*([,=+])\s*/g, '$1');
}

export class LdapDirectory {
  private readonly usernamePattern: RegExp;
  constructor(private readonly settings: LdapSettings) {
    this.usernamePattern = settings.usernamePattern ?? DEFAULT_USERNAME;
  }

  validUsername(username: string): boolean {
    return this.usernamePattern.test(username);
  }

  userDn(username: string): string {
    return this.settings.userDnTemplate.replaceAll('{username}', escapeDnValue(username));
  }

  private client(): Client {
    return new Client({
      url: this.settings.url,
      timeout: this.settings.timeoutMs ?? 5000,
      connectTimeout: this.settings.connectTimeoutMs ?? this.settings.timeoutMs ?? 5000,
      // ldapts opens TLS at once whenever it is given TLS options, even for ldap://: with StartTLS
      // they go to startTLS() instead, after the plain connection is made.
      tlsOptions: this.settings.startTls ? undefined : this.settings.tlsOptions,
      strictDN: true,
    });
  }

  /**
   * TLS options for StartTLS: ldapts upgrades the plain socket without telling TLS which host it is,
   * so Node would check the certificate against "localhost"; the URL's host is passed (and as SNI
   * when it is a name). A fresh object each time: ldapts stores the socket in the options it gets.
   */
  private startTlsOptions(): ConnectionOptions {
    const host = new URL(this.settings.url).hostname.replace(/^\[(.*)\]$/, '$1');
    return { host, ...(isIP(host) ? {} : { servername: host }), ...this.settings.tlsOptions };
  }

  /**
   * Bind as the user and read their groups. Throws BrokerError: InvalidCredentials, AccountLocked,
   * DirectoryUnavailable.
   */
  async authenticate(username: string, password: string): Promise<DirectoryUser> {
    const dn = this.userDn(username);
    const client = this.client();
    try {
      if (this.settings.startTls) await client.startTLS(this.startTlsOptions());
      try {
        await client.bind(dn, password);
      } catch (e) {
        if (e instanceof InvalidCredentialsError) {
          // Wrong password, unknown user, or (ppolicy) a locked account: only a reader can tell.
          if (await this.isLockedPerServiceAccount(dn)) throw new BrokerError('AccountLocked', 'The account is locked in the directory');
          throw new BrokerError('InvalidCredentials', 'Wrong user name or password', undefined, { cause: e });
        }
        if (e instanceof ResultCodeError && ACCOUNT_UNUSABLE_CODES.has(e.code)) {
          throw new BrokerError('AccountLocked', `The directory refused the account (${e.message})`, undefined, { cause: e });
        }
        throw e;
      }
      // Bound: some lock markers (e.g. nsAccountLock) do not stop a bind, so check them too.
      const entry = await this.readEntry(client, dn);
      if (this.lockedIn(entry)) throw new BrokerError('AccountLocked', 'The account is locked in the directory');
      const groups = await this.groupsOf(client, dn, entry);
      return { dn, groups };
    } catch (e) {
      throw classify(e);
    } finally {
      await client.unbind().catch(() => {});
    }
  }

  private lockAttributes() {
    return this.settings.lockAttributes ?? DEFAULT_LOCKS;
  }

  private async readEntry(client: Client, dn: string): Promise<Record<string, unknown>> {
    const groupAttr = this.settings.groups.kind === 'memberOf' ? [this.settings.groups.attribute ?? 'memberOf'] : [];
    const { searchEntries } = await client.search(dn, {
      scope: 'base',
      filter: '(objectClass=*)',
      attributes: [...groupAttr, ...this.lockAttributes().map((l) => l.attribute)],
    });
    return (searchEntries[0] ?? {}) as Record<string, unknown>;
  }

  private lockedIn(entry: Record<string, unknown>): boolean {
    return this.lockAttributes().some(({ attribute, value }) => {
      const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
      const values = key ? [entry[key]].flat().map(String).filter(Boolean) : [];
      if (!values.length) return false;
      return value === undefined || values.some((v) => v.toLowerCase() === value.toLowerCase());
    });
  }

  private async isLockedPerServiceAccount(dn: string): Promise<boolean> {
    const account = this.settings.serviceAccount;
    if (!account) return false;
    const client = this.client();
    try {
      if (this.settings.startTls) await client.startTLS(this.startTlsOptions());
      await client.bind(account.dn, account.password);
      return this.lockedIn(await this.readEntry(client, dn));
    } catch (e) {
      if (e instanceof ResultCodeError && e.code === 32 /* noSuchObject: unknown user */) return false;
      throw e;
    } finally {
      await client.unbind().catch(() => {});
    }
  }

  private async groupsOf(client: Client, dn: string, entry: Record<string, unknown>): Promise<string[]> {
    const g = this.settings.groups;
    if (g.kind === 'memberOf') {
      const attr = g.attribute ?? 'memberOf';
      const key = Object.keys(entry).find((k) => k.toLowerCase() === attr.toLowerCase());
      return key ? [entry[key]].flat().map(String) : [];
    }
    const filter = (g.filter ?? '(&(objectClass=groupOfNames)(member={dn}))').replaceAll('{dn}', Filter.escape(dn));
    const { searchEntries } = await client.search(g.base, { scope: 'sub', filter, attributes: ['dn'] });
    return searchEntries.map((e) => e.dn);
  }
}

/** Anything that is not an LDAP answer (refused, reset, timeout, TLS) means the directory is down. */
function classify(e: unknown): BrokerError {
  if (e instanceof BrokerError) return e;
  if (e instanceof ResultCodeError) {
    // The directory answered, but not as expected (e.g. busy, unavailable, ACL): not the user's fault.
    const busy = e.code === 51 || e.code === 52;
    return new BrokerError('DirectoryUnavailable', `The directory answered ${e.code} (${e.message})`, busy ? 30 : 10, { cause: e });
  }
  return new BrokerError('DirectoryUnavailable', `The directory is unreachable: ${(e as Error)?.message ?? String(e)}`, 30, { cause: e });
}
