import type { NotifyServices } from '../../host/server/schedules/notify-services.ts';
import { sqlUnitOfWork } from '../../host/server/storage/app-records.ts';
import type { Db } from '../../host/server/storage/queries.ts';
import { runCommand } from '../../plugin/app/command.ts';
import { createChannel, updateChannel } from '../../plugin/app/commands/channels.ts';
import type { AppPorts } from '../../plugin/app/ports.ts';
import { SYSTEM_USER } from '../../plugin/app/system-user.ts';
import type { ChannelInput } from '../../plugin/notify/channels.ts';

/** The admin's robot commands (the pack's, audited) over a test's database and notify services. */
export function robotCommands(db: Db, services: NotifyServices, now: () => Date) {
  const ports: AppPorts = {
    uow: sqlUnitOfWork(db),
    data: { snapshot: () => Promise.reject(new Error('robot commands read no snapshot')) },
    now,
    publish: () => undefined,
    rulesChanged: () => undefined,
    notify: async () => 0,
    channels: async () => services.webhooks.ports,
  };
  return {
    create: (input: ChannelInput) => runCommand(ports, SYSTEM_USER, createChannel, input),
    update: (id: string, version: number, input: ChannelInput) =>
      runCommand(ports, SYSTEM_USER, updateChannel, { id, version, ...input }),
  };
}
