import { type LookupAddress, lookup } from 'node:dns';
import { lookup as lookupAsync } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { hostOf, refusal, type WebhookNetwork } from '../address-rules.ts';

const SAVE_LOOKUP_MS = 3000;

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
