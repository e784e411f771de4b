/**
 * The broker sends every user's password to the directory in a simple bind, so the connection must
 * be encrypted and the directory's certificate checked: `ldaps://`, or `ldap://` with StartTLS, and
 * never `rejectUnauthorized: false`. Anything else is refused when the broker is configured, not
 * at the first login, unless the operator sets the insecure flag below on purpose (a test directory
 * on localhost, never production).
 */
import type { LdapSettings } from './types.ts';

/** Environment variable that allows clear-text LDAP or unchecked certificates. */
export const INSECURE_LDAP_ENV = 'INE_BROKER_INSECURE_LDAP';
/** The only value that sets it: a flag nobody sets by accident or copies without reading. */
export const INSECURE_LDAP_CONSENT = 'i-understand-this-sends-passwords-in-clear';

/** Why the configured transport is insecure, one reason each; empty if it is sound. Throws for a URL that is not LDAP at all. */
export function insecureLdapTransport(
  settings: Pick<LdapSettings, 'url' | 'startTls' | 'tlsOptions'>,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const reasons: string[] = [];
  const scheme = /^([a-z]+):\/\//i.exec(settings.url)?.[1]?.toLowerCase();
  if (scheme !== 'ldaps' && scheme !== 'ldap')
    throw new Error(`broker config: ldap.url must start with ldaps:// or ldap:// (got ${JSON.stringify(settings.url)})`);
  if (scheme === 'ldap' && settings.startTls !== true)
    reasons.push('ldap.url is ldap:// without "startTls": true, so passwords would cross the network in clear; use ldaps:// or set "startTls": true');
  if (settings.tlsOptions?.rejectUnauthorized === false)
    reasons.push(
      "ldap.tlsOptions.rejectUnauthorized is false, so any certificate (a man in the middle) would be accepted; give the directory's CA in tlsOptions.ca instead",
    );
  // Node's global switch turns off every certificate check in the process, this one included.
  if (env.NODE_TLS_REJECT_UNAUTHORIZED === '0') reasons.push('NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks for the whole process');
  return reasons;
}

/**
 * Throws a clear error for an insecure transport unless the insecure flag is set; returns the
 * reasons it let through (so the caller can log them loudly), or none.
 */
export function checkLdapTransport(settings: Pick<LdapSettings, 'url' | 'startTls' | 'tlsOptions'>, env: NodeJS.ProcessEnv = process.env): string[] {
  const reasons = insecureLdapTransport(settings, env);
  if (!reasons.length) return [];
  if (env[INSECURE_LDAP_ENV] === INSECURE_LDAP_CONSENT) return reasons;
  throw new Error(
    `broker config: insecure LDAP transport refused: ${reasons.join('; ')}. ` +
      `Only for a test directory: ${INSECURE_LDAP_ENV}=${INSECURE_LDAP_CONSENT} allows it (docs/deploy.md).`,
  );
}
