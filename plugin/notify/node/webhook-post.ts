import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkLiteral, type WebhookNetwork } from '../address-rules.ts';
import { pinnedLookup } from './address-lookup.ts';

/** The robots answer a few hundred bytes; more is not read (and never shown to anyone). */
const MAX_REPLY_BYTES = 64 * 1024;

export interface WebhookReply {
  status: number;
  /** The reply body, for the platform's accept/refuse code only. */
  bodyText: string;
}

/**
 * POSTs JSON to a robot with the connection pinned to checked addresses (see pinnedLookup), no
 * redirects followed (a 3xx is an answer, not a new target) and no pooled sockets.
 */
export function postJson(
  url: string,
  body: unknown,
  options: { timeoutMs: number; network: WebhookNetwork },
): Promise<WebhookReply> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    checkLiteral(target, options.network);
    const payload = Buffer.from(JSON.stringify(body), 'utf8');
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length },
        lookup: pinnedLookup(options.network),
        agent: false,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size >= MAX_REPLY_BYTES) return;
          chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            bodyText: Buffer.concat(chunks).subarray(0, MAX_REPLY_BYTES).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
