import type { Records } from '../app/ports.ts';
import { type ChannelPorts, channelConfig } from '../notify/channels.ts';
import type { MessageInput } from '../notify/messages.ts';
import { type NotifyAction, StepFailure } from './ports.ts';

/**
 * A step's message sent to a group robot now, for a host without a delivery queue (NocoBase): the
 * step's run key already makes it once, and a robot that did not take it is tried again by the executor.
 */
export async function sendStepToChannel(
  records: Records,
  ports: ChannelPorts,
  channelId: string,
  action: NotifyAction,
  now: Date,
): Promise<void> {
  const row = await records.get('channels', channelId);
  if (!row)
    throw new StepFailure(
      `automations: channel "${channelId}" does not exist; choose a channel in the step`,
      true,
    );
  const target = await channelConfig(ports, row);
  if (target.keyError) throw new StepFailure(target.keyError, true);
  if (!target.enabled)
    throw new StepFailure(`automations: channel "${target.name}" is turned off; turn it on and retry`, true);
  const sent = await ports.send(target, action.message as MessageInput, now);
  if (!sent.ok) throw new StepFailure(`automations: channel "${target.name}": ${sent.error}`, false);
}
