import { webhookNetworkFromEnv } from '../address-rules.ts';
import type { ChannelPorts } from '../channels.ts';
import type { SecretBox } from '../secret-box.ts';
import { checkWebhookAddress } from './address-lookup.ts';
import { sendToWebhook } from './webhook-sender.ts';

/** Group robots from a Node server: `box` seals, DNS checks addresses, HTTP posts (both Node hosts). */
export const nodeChannelPorts = (box: SecretBox): ChannelPorts => ({
  box,
  checkAddress: (url) => checkWebhookAddress(url, webhookNetworkFromEnv(process.env)),
  send: (target, message, now) => sendToWebhook(target, message, now),
});
