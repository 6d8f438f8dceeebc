import { createHmac } from 'node:crypto';

/** DingTalk robot signature: base64(HmacSHA256(key = secret, message = `${timestamp}\n${secret}`)), timestamp in ms. */
export function dingTalkSign(timestampMs: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** Feishu (Lark) robot signature: base64(HmacSHA256(key = `${timestamp}\n${secret}`, message = '')), timestamp in s. */
export function feishuSign(timestampSeconds: number, secret: string): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}
