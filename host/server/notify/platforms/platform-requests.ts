import type { RenderedMessage } from '../messages.ts';
import { dingTalkSign, feishuSign } from './sign.ts';

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

/**
 * Null when the robot accepted the message, else why not. The robots answer HTTP 200 with an error
 * code in the body (DingTalk and WeCom `errcode`, Feishu `code`), so the status alone proves nothing.
 */
export function rejection(platform: Platform, status: number, bodyText: string): string | null {
  if (status < 200 || status >= 300) return `HTTP ${status}: ${bodyText.slice(0, 200)}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(bodyText) as Record<string, unknown>;
  } catch {
    return `reply is not JSON: ${bodyText.slice(0, 200)}`;
  }
  const code = platform === 'feishu' ? (body.code ?? body.StatusCode) : body.errcode;
  if (code === 0) return null;
  const why = platform === 'feishu' ? (body.msg ?? body.StatusMessage) : body.errmsg;
  return `robot refused: code ${String(code)} ${String(why ?? '')}`.trim();
}
