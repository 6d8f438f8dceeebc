import { randomBytes } from 'node:crypto';
import { nonPublicRangeOf } from '../../plugin/notify/address-rules.ts';
import { sendToWebhook } from '../../plugin/notify/node/webhook-sender.ts';
import { SecretBox, SecretKeyMismatch } from '../../plugin/notify/secret-box.ts';
import { RobotReceiver } from '../server/notify-receiver.ts';

// The channel code both Node servers import (plugin/notify), used with no host code around it: what
// the NocoBase adapter gets. The robots are the stand-ins on 127.0.0.1.

const now = new Date('2026-06-15T08:00:00.000Z');
const message = { kind: 'channel.test', params: { name: '华东', at: '2026-06-15 08:00' } };

describe('plugin/notify without a host', () => {
  const receiver = new RobotReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  it('sends a signed message to a local robot only when private targets are allowed', async () => {
    const secret = 'SECshared-sender-secret';
    const target = {
      platform: 'dingtalk' as const,
      url: receiver.robot('dingtalk', 'shared', { secret }),
      secret,
      lang: 'zh-CN' as const,
    };
    const refused = await sendToWebhook(target, message, now, { network: { allowPrivate: false } });
    expect(refused).toEqual({ ok: false, error: expect.stringContaining('is a loopback address') });
    expect(receiver.callsTo('dingtalk', 'shared')).toBe(0);

    expect(await sendToWebhook(target, message, now, { network: { allowPrivate: true } })).toEqual({
      ok: true,
      error: null,
    });
    const [got] = receiver.received;
    expect(got?.problem).toBeNull();
    expect(got?.body.markdown?.title).toBe('OKR Align 测试消息');
  });

  it('names the range of a non-public address, and none for a public one', () => {
    expect(nonPublicRangeOf('::ffff:10.1.2.3')).toBe('private');
    expect(nonPublicRangeOf('100.64.0.1')).toBe('carrier-grade NAT');
    expect(nonPublicRangeOf('203.0.114.7')).toBeNull();
  });

  it('opens a sealed secret only with its key and in its own context', async () => {
    const box = new SecretBox(() => ({ key: randomBytes(32), source: 'test key' }));
    const sealed = await box.seal('https://oapi.dingtalk.com/robot/send?access_token=t', 'row-1:url');
    expect(await box.open(sealed, 'row-1:url', 'the address')).toContain('access_token=t');
    await expect(box.open(sealed, 'row-2:url', 'the address')).rejects.toBeInstanceOf(SecretKeyMismatch);
    const other = new SecretBox(() => ({ key: randomBytes(32), source: 'another key' }));
    await expect(other.open(sealed, 'row-1:url', 'the address')).rejects.toThrow(/another key/);
  });
});
