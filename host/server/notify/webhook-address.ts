import { type LookupAddress, lookup } from 'node:dns';
import { lookup as lookupAsync } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Address ranges a webhook must not reach, by the name an error message gives them. */
const RANGES: [name: string, subnets: [network: string, prefix: number][]][] = [
  [
    'unspecified',
    [
      ['0.0.0.0', 8],
      ['::', 128],
    ],
  ],
  [
    'loopback',
    [
      ['127.0.0.0', 8],
      ['::1', 128],
    ],
  ],
  [
    'private',
    [
      ['10.0.0.0', 8],
      ['172.16.0.0', 12],
      ['192.168.0.0', 16],
    ],
  ],
  ['carrier-grade NAT', [['100.64.0.0', 10]]],
  [
    'link-local',
    [
      ['169.254.0.0', 16],
      ['fe80::', 10],
    ],
  ],
  [
    'unique local',
    [
      ['fc00::', 7],
      ['fec0::', 10],
    ],
  ],
  [
    'multicast',
    [
      ['224.0.0.0', 4],
      ['ff00::', 8],
    ],
  ],
  [
    'reserved',
    [
      ['192.0.0.0', 24],
      ['198.18.0.0', 15],
      ['240.0.0.0', 4],
    ],
  ],
];

// BlockList also matches IPv4-mapped IPv6 (::ffff:127.0.0.1) against the IPv4 rules.
const BLOCKS = RANGES.map(([name, subnets]) => {
  const list = new BlockList();
  for (const [network, prefix] of subnets)
    list.addSubnet(network, prefix, isIP(network) === 6 ? 'ipv6' : 'ipv4');
  return { name, list };
});

/** The name of the non-public range `address` is in, or null for a public address. */
export function nonPublicRangeOf(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return 'unparsable';
  return BLOCKS.find((b) => b.list.check(address, family === 6 ? 'ipv6' : 'ipv4'))?.name ?? null;
}

export interface WebhookNetwork {
  /** Allow loopback and private targets (a robot inside the company network, tests, the e2e receiver). */
  allowPrivate: boolean;
}

export const webhookNetworkFromEnv = (env: NodeJS.ProcessEnv): WebhookNetwork => ({
  allowPrivate: env.OKR_WEBHOOK_ALLOW_PRIVATE === '1',
});

export class WebhookAddressRefused extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(
      `the robot address ${host} ${host === address ? 'is' : `resolves to ${address}, which is`} a ${range} address; webhooks go to public addresses only (set OKR_WEBHOOK_ALLOW_PRIVATE=1 for a robot inside your network)`,
    );
    this.name = 'WebhookAddressRefused';
  }
}

const SAVE_LOOKUP_MS = 3000;

/** The host of a URL as DNS and isIP know it: `[::1]` → `::1`. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

function refusal(host: string, addresses: string[], network: WebhookNetwork): WebhookAddressRefused | null {
  if (network.allowPrivate) return null;
  for (const address of addresses) {
    const range = nonPublicRangeOf(address);
    if (range) return new WebhookAddressRefused(host, address, range);
  }
  return null;
}

/**
 * Checks where a webhook address points when it is saved. A name that does not resolve now passes:
 * the robot's DNS may not be reachable from here yet, and every send checks again (pinnedLookup).
 */
export async function checkWebhookAddress(url: URL, network: WebhookNetwork): Promise<void> {
  const host = hostOf(url);
  if (isIP(host)) {
    const refused = refusal(host, [host], network);
    if (refused) throw refused;
    return;
  }
  let addresses: LookupAddress[];
  try {
    // A slow resolver must not hold the admin's save: the send-time check still applies.
    addresses = await Promise.race([
      lookupAsync(host, { all: true, verbatim: true }),
      new Promise<never>((_, reject) => setTimeout(reject, SAVE_LOOKUP_MS).unref()),
    ]);
  } catch {
    return;
  }
  const refused = refusal(
    host,
    addresses.map((a) => a.address),
    network,
  );
  if (refused) throw refused;
}

/**
 * A `lookup` for http.request that resolves the name once and refuses the connection when any address
 * is not public: the socket connects to exactly the addresses checked, so a DNS answer that changes
 * between the check and the connection (rebinding) cannot point it elsewhere. IP literals never reach
 * a lookup; `checkLiteral` covers them.
 */
export function pinnedLookup(network: WebhookNetwork): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as LookupAddress[];
      const refused = refusal(
        hostname,
        list.map((a) => a.address),
        network,
      );
      if (refused) return callback(refused as NodeJS.ErrnoException, '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      const first = list[0];
      if (!first)
        return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

/** Refuses an IP-literal host up front (net.connect does not look literals up). */
export function checkLiteral(url: URL, network: WebhookNetwork): void {
  const host = hostOf(url);
  if (!isIP(host)) return;
  const refused = refusal(host, [host], network);
  if (refused) throw refused;
}
