import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

// Addresses a webhook must not reach unless the admin allows it (SSRF): this host, private networks, link-local
// (cloud metadata 169.254.169.254 / fd00:ec2::254), carrier-grade NAT, benchmarking, multicast and reserved ranges.
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32]] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv6');
}

const BLOCKED_NAMES = /^(localhost|.*\.localhost|metadata|metadata\.google\.internal|.*\.internal)$/i;

/** Whether an IP address is loopback, private, link-local, metadata or otherwise not a public destination. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family !== 6) return true;
  const lower = address.toLowerCase();
  // IPv4-mapped and IPv4-compatible forms reach the IPv4 address.
  const mapped = /^::(ffff:)?(\d+\.\d+\.\d+\.\d+)$/.exec(lower) ?? /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (mapped) {
    const v4 = mapped[2]?.includes('.') ? mapped[2] : hexPairToIpv4(mapped[1], mapped[2]);
    return BLOCKED.check(v4, 'ipv4');
  }
  return BLOCKED.check(address, 'ipv6');
}

function hexPairToIpv4(hi: string, lo: string): string {
  const a = parseInt(hi, 16);
  const b = parseInt(lo, 16);
  return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
}

export type ResolveAll = (hostname: string) => Promise<string[]>;

export const resolveAll: ResolveAll = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses.map((a) => a.address))));
  });

export type WebhookTargetCheck = { ok: true } | { ok: false; reason: 'protocol' | 'private' | 'unresolved' };

/**
 * Whether a webhook URL may be posted to: http(s) only, and unless `allowPrivate`, a host that is not (and does not
 * resolve to) a loopback, private, link-local or metadata address. With `resolve: null` only the literal host is
 * checked (no DNS).
 */
export async function checkWebhookTarget(url: string, options: { allowPrivate: boolean; resolve: ResolveAll | null }): Promise<WebhookTargetCheck> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'protocol' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false, reason: 'protocol' };
  if (options.allowPrivate) return { ok: true };
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return isBlockedAddress(host) ? { ok: false, reason: 'private' } : { ok: true };
  if (BLOCKED_NAMES.test(host.replace(/\.$/, ''))) return { ok: false, reason: 'private' };
  if (!options.resolve) return { ok: true };
  let addresses: string[];
  try {
    addresses = await options.resolve(host);
  } catch {
    return { ok: false, reason: 'unresolved' };
  }
  if (addresses.length === 0) return { ok: false, reason: 'unresolved' };
  return addresses.some(isBlockedAddress) ? { ok: false, reason: 'private' } : { ok: true };
}

/** A `lookup` for sockets that refuses blocked addresses when the connection is made (defeats DNS rebinding). */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true } as LookupAllOptions, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 4);
      const usable = allowPrivate ? addresses : addresses.filter((a) => !isBlockedAddress(a.address));
      if (usable.length === 0) {
        const refused = Object.assign(new Error(`webhook host resolves to a private address`), { code: 'WEBHOOK_PRIVATE_ADDRESS' });
        return callback(refused, '', 4);
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      callback(null, usable[0].address, usable[0].family);
    });
  };
}

/**
 * POSTs with node:http(s), resolving the host through {@link guardedLookup} on every connection; a fetch-shaped
 * function so delivery code and tests share one signature. Redirects are not followed.
 */
export function guardedFetch(allowPrivate: boolean): typeof fetch {
  const lookup = guardedLookup(allowPrivate);
  return ((input: string | URL, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(String(input));
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const signal = init.signal ?? undefined;
      const req = send(url, { method: init.method ?? 'GET', headers: init.headers as Record<string, string>, lookup, signal }, (res: IncomingMessage) => {
        res.resume();
        resolve(new Response(null, { status: res.statusCode && res.statusCode >= 200 && res.statusCode <= 599 ? res.statusCode : 599 }));
      });
      req.on('error', (err: Error & { code?: string }) => {
        if (signal?.aborted) return reject(signal.reason);
        reject(new TypeError('fetch failed', { cause: err }));
      });
      req.end(typeof init.body === 'string' ? init.body : undefined);
    })) as typeof fetch;
}
