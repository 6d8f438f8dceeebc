import type { MessageLang, Platform, WebhookInput, WebhookView } from '../api/notify-endpoints.ts';

/** Value of the region select that stands for "HQ" (a robot with no region). */
export const HQ_REGION = '__hq__';

/** What the channel form holds. `url` and `secret` start empty: the server only ever sends them masked. */
export interface ChannelFormValues {
  region: string;
  platform: Platform;
  name: string;
  url: string;
  secret: string;
  clearSecret: boolean;
  lang: MessageLang;
  enabled: boolean;
}

export function channelFormInitial(existing: WebhookView | null, lang: MessageLang): ChannelFormValues {
  return {
    region: existing?.regionId ?? HQ_REGION,
    platform: existing?.platform ?? 'dingtalk',
    name: existing?.name ?? '',
    url: '',
    secret: '',
    clearSecret: false,
    lang: existing?.lang ?? lang,
    enabled: existing?.enabled ?? true,
  };
}

/**
 * The body to send. On an edit an empty address or secret keeps the stored one (the form never
 * saw it in full), so it is left out; "remove secret" sends an empty secret.
 */
export function webhookInputFrom(values: ChannelFormValues, existing: WebhookView | null): WebhookInput {
  const input: WebhookInput = {
    regionId: values.region === HQ_REGION ? null : values.region,
    platform: values.platform,
    name: values.name.trim(),
    lang: values.lang,
    enabled: values.enabled,
  };
  const url = values.url.trim();
  const secret = values.secret.trim();
  if (url !== '' || existing === null) input.url = url;
  if (secret !== '') input.secret = secret;
  else if (existing !== null && values.clearSecret) input.secret = '';
  return input;
}
