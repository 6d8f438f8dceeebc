import type { RenderedMessage } from './messages.ts';
import { dingTalkSign, feishuSign } from './platform-sign.ts';

export type Platform = 'dingtalk' | 'feishu' | 'wecom';
export const PLATFORMS: readonly Platform[] = ['dingtalk', 'feishu', 'wecom'];

export interface WebhookTarget {
  platform: Platform;
  url: string;
  /** Signing secret; empty when the robot uses keywords or IP allow-lists instead. */
  secret: string;
}

export interface PreparedRequest {
  url: string;
  body: unknown;
}

const withLink = (m: RenderedMessage, format: (label: string, link: string) => string) =>
  m.link ? `\n\n${format(m.linkLabel, m.link)}` : '';

/** The HTTP request a group robot of `target.platform` expects for `message`, signed at `now` when a secret is set. */
export function prepareRequest(target: WebhookTarget, message: RenderedMessage, now: Date): PreparedRequest {
  switch (target.platform) {
    case 'dingtalk': {
      const body = {
        msgtype: 'markdown',
        markdown: {
          title: message.title,
          text: `### ${message.title}\n\n${message.text}${withLink(message, (l, u) => `[${l}](${u})`)}`,
        },
      };
      if (!target.secret) return { url: target.url, body };
      const timestamp = now.getTime();
      const sign = encodeURIComponent(dingTalkSign(timestamp, target.secret));
      const joiner = target.url.includes('?') ? '&' : '?';
      return { url: `${target.url}${joiner}timestamp=${timestamp}&sign=${sign}`, body };
    }
    case 'feishu': {
      const content = {
        text: `${message.title}\n${message.text}${message.link ? `\n${message.linkLabel}: ${message.link}` : ''}`,
      };
      if (!target.secret) return { url: target.url, body: { msg_type: 'text', content } };
      const timestamp = Math.floor(now.getTime() / 1000);
      return {
        url: target.url,
        body: {
          timestamp: String(timestamp),
          sign: feishuSign(timestamp, target.secret),
          msg_type: 'text',
          content,
        },
      };
    }
    case 'wecom':
      return {
        url: target.url,
        body: {
          msgtype: 'markdown',
          markdown: {
            content: `**${message.title}**\n${message.text}${withLink(message, (l, u) => `[${l}](${u})`)}`,
          },
        },
      };
  }
}

/** What the platforms' documented refusal codes mean, in our words. */
const KNOWN_CODES: Record<Platform, Record<string, string>> = {
  dingtalk: { '310000': 'the signature, a required keyword or the IP allow-list did not match' },
  feishu: {
    '19021': 'the signature did not match or the timestamp was too old',
    '19022': 'this server is not on the IP allow-list',
    '19024': 'the message has none of the required keywords',
  },
  wecom: { '93000': 'the webhook key is not valid', '45009': 'too many messages in a short time' },
};

/** A platform's error code as a short token, or '' when it is something else (text is never passed on). */
const codeToken = (code: unknown) =>
  typeof code === 'number' || (typeof code === 'string' && /^[\w.-]{1,24}$/.test(code)) ? String(code) : '';

/**
 * Null when the robot accepted the message, else why not, in our words: the status and the
 * platform's error code, never the reply's text (it may come from a service that is not a robot).
 * The robots answer HTTP 200 with an error code in the body (DingTalk and WeCom `errcode`, Feishu
 * `code`), so the status alone proves nothing.
 */
export function rejection(platform: Platform, status: number, bodyText: string): string | null {
  if (status >= 300 && status < 400) return `the robot answered HTTP ${status} (a redirect, not followed)`;
  if (status < 200 || status >= 300) return `the robot answered HTTP ${status}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(bodyText) as Record<string, unknown>;
  } catch {
    return `the robot answered HTTP ${status} with a reply that is not a robot's JSON`;
  }
  if (body === null || typeof body !== 'object')
    return `the robot answered HTTP ${status} with a reply that is not a robot's JSON`;
  const code = platform === 'feishu' ? (body.code ?? body.StatusCode) : body.errcode;
  if (code === 0) return null;
  const token = codeToken(code);
  const meaning = KNOWN_CODES[platform][token] ?? 'check its address, secret and keywords';
  return token
    ? `the robot refused the message (error code ${token}): ${meaning}`
    : `the robot answered HTTP ${status} without a success code`;
}
