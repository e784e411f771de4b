/**
 * Which URLs webhooks may be sent to (docs/webhooks.md "Targets"): http or https only, no user
 * name or password in the URL, no fragment. Private-network targets (loopback, RFC 1918, link-local
 * — the cloud metadata address among them —, unique-local IPv6, …) are refused on AWS, so a
 * subscription cannot make the service call into its own network; they are allowed when
 * `allowPrivate` is set, as the stand-in does for the on-premises system and the tests. The check
 * runs twice: on the URL when a subscription is created, and on every address the name resolves
 * to when a delivery connects (`guardedLookup`), so a name that later resolves privately is
 * refused too.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv6');

/** True for an IP address in a private, loopback, link-local or otherwise non-public range. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return PRIVATE.check(mapped[1], 'ipv4');
  const family = isIP(bare);
  if (family === 4) return PRIVATE.check(bare, 'ipv4');
  if (family === 6) return PRIVATE.check(bare, 'ipv6');
  return false;
}

/** Why `raw` cannot be a webhook target, or undefined when it can. */
export function targetUrlProblem(raw: string, allowPrivate: boolean, maxLength: number): string | undefined {
  if (raw.length > maxLength) return `must be at most ${maxLength} characters.`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not an absolute URL.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must use http or https, not ${url.protocol.replace(/:$/, '')}.`;
  if (url.username || url.password) return 'must not contain a user name or password.';
  if (url.hash) return 'must not contain a fragment (#…).';
  if (!allowPrivate) {
    const host = url.hostname.toLowerCase().replace(/\.$/, '');
    if (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host))
      return 'points at a private network address; only public targets are allowed here.';
  }
  return undefined;
}

/** Raised when a target's name resolves to a private address (the delivery attempt fails with it). */
export class PrivateTargetError extends Error {
  override readonly name = 'PrivateTargetError';
}

/**
 * A `lookup` for http.request that resolves as usual but refuses private addresses unless allowed:
 * the connection goes to the address checked, so a name cannot pass the check and then resolve
 * elsewhere.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const bad = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (bad) return callback(new PrivateTargetError(`${hostname} resolves to the private address ${bad.address}`), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
