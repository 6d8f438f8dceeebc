import {
  type ChannelConfig,
  type ChannelPorts,
  getChannelConfig,
  listChannelConfigs,
  sealPlainChannels,
} from '../../../plugin/notify/channels.ts';
import type { NotifyDb } from '../schedules/notify-tables.ts';
import { sqlRecords } from '../storage/app-records.ts';
import type { Db } from '../storage/queries.ts';

/** A stored robot with its secrets decrypted, for sending only; never returned by an endpoint. */
export type WebhookConfig = ChannelConfig;

/**
 * The group robots as the sending side reads them (the pack's `channels` records). They are written
 * only by the pack's channel commands, which audit every change.
 */
export class WebhookStore {
  constructor(
    private readonly db: NotifyDb,
    readonly ports: ChannelPorts,
  ) {}

  private get records() {
    return sqlRecords(this.db as unknown as Db);
  }

  /** Seals the rows stored in plain text before encryption existed; run once at start. */
  sealPlainRows(): Promise<number> {
    return sealPlainChannels(this.records, this.ports);
  }

  list(): Promise<WebhookConfig[]> {
    return listChannelConfigs(this.records, this.ports);
  }

  get(id: string): Promise<WebhookConfig> {
    return getChannelConfig(this.records, this.ports, id);
  }
}
