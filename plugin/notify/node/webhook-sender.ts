import { WebhookAddressRefused, type WebhookNetwork, webhookNetworkFromEnv } from '../address-rules.ts';
import { type Lang, type MessageInput, renderMessage } from '../messages.ts';
import { prepareRequest, rejection, type WebhookTarget } from '../platform-requests.ts';
import { postJson } from './webhook-post.ts';

export interface SendResult {
  ok: boolean;
  /** Why the robot did not take the message. */
  error: string | null;
}

/**
 * Sends one message to one robot, once. Never throws: a failure is a result, worded here; the robot's
 * reply body never reaches the caller (a webhook to an internal service must not read it back).
 * Non-public targets are refused unless OKR_WEBHOOK_ALLOW_PRIVATE=1 (read per send).
 */
export async function sendToWebhook(
  target: WebhookTarget & { lang: Lang },
  message: MessageInput,
  now: Date,
  options: { baseUrl?: string; timeoutMs?: number; network?: WebhookNetwork } = {},
): Promise<SendResult> {
  const rendered = renderMessage(message, target.lang, options.baseUrl ?? '');
  const request = prepareRequest(target, rendered, now);
  const network: WebhookNetwork = options.network ?? webhookNetworkFromEnv(process.env);
  try {
    const res = await postJson(request.url, request.body, {
      timeoutMs: options.timeoutMs ?? 10_000,
      network,
    });
    const error = rejection(target.platform, res.status, res.bodyText);
    return { ok: error === null, error };
  } catch (err) {
    if (err instanceof WebhookAddressRefused) return { ok: false, error: err.message };
    return { ok: false, error: `could not reach the robot: ${(err as Error).message}` };
  }
}
