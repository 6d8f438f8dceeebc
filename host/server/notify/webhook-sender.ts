import { type Lang, type MessageInput, renderMessage } from './messages.ts';
import { prepareRequest, rejection, type WebhookTarget } from './platforms/platform-requests.ts';

export interface SendResult {
  ok: boolean;
  /** Why the robot did not take the message. */
  error: string | null;
}

/** Sends one message to one robot, once. Never throws: a failure is a result. */
export async function sendToWebhook(
  target: WebhookTarget & { lang: Lang },
  message: MessageInput,
  now: Date,
  options: { baseUrl?: string; timeoutMs?: number } = {},
): Promise<SendResult> {
  const rendered = renderMessage(message, target.lang, options.baseUrl ?? '');
  const request = prepareRequest(target, rendered, now);
  try {
    const res = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(request.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    const error = rejection(target.platform, res.status, await res.text());
    return { ok: error === null, error };
  } catch (err) {
    return { ok: false, error: `could not reach the robot: ${(err as Error).message}` };
  }
}
