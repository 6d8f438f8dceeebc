import { BlockList, isIP } from 'node:net';

// The SSRF rules of outgoing channels, without I/O: which addresses a robot may not be, and the
// refusal's words. node/address-lookup.ts applies them to DNS answers.

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

export const webhookNetworkFromEnv = (env: Readonly<Record<string, string | undefined>>): WebhookNetwork => ({
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

/** The host of a URL as DNS and isIP know it: `[::1]` → `::1`. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** The refusal for the first non-public address of `host`, or null when all are public or private ones are allowed. */
export function refusal(
  host: string,
  addresses: string[],
  network: WebhookNetwork,
): WebhookAddressRefused | null {
  if (network.allowPrivate) return null;
  for (const address of addresses) {
    const range = nonPublicRangeOf(address);
    if (range) return new WebhookAddressRefused(host, address, range);
  }
  return null;
}

/** Refuses an IP-literal host up front (net.connect does not look literals up). */
export function checkLiteral(url: URL, network: WebhookNetwork): void {
  const host = hostOf(url);
  if (!isIP(host)) return;
  const refused = refusal(host, [host], network);
  if (refused) throw refused;
}
