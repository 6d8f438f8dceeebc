import type { Lang, MessageInput } from './messages.ts';
import type { Platform } from './platform-requests.ts';

/** A region's group robot (HQ's when `regionId` is null) as stored: `url` and `secret` sealed once `sealed`. */
export interface ChannelRecord {
  id: string;
  regionId: string | null;
  platform: string;
  name: string;
  url: string;
  secret: string;
  lang: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** False for rows stored before sealing existed; sealed at start (`sealPlainChannels`). */
  sealed: boolean;
}

/** A robot as the admin sees it: address and secret masked. */
export interface ChannelView {
  id: string;
  regionId: string | null;
  platform: Platform;
  name: string;
  url: string;
  hasSecret: boolean;
  secret: string;
  lang: Lang;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** Set when the stored address and secret do not decrypt with the key in use; url and secret are then empty. */
  keyError?: string;
}

/** A robot with its address and secret decrypted, for sending only; never returned to a caller. */
export interface ChannelConfig extends Omit<ChannelView, 'hasSecret'> {}

export interface ChannelInput {
  regionId?: string | null;
  platform?: string;
  name?: string;
  url?: string;
  secret?: string;
  lang?: string;
  enabled?: boolean;
}

/** What sending needs from the host: its key, its network and its HTTP client (plugin/notify/node). */
export interface ChannelPorts {
  box: {
    seal(plain: string, context: string): Promise<string>;
    /** Throws `SecretKeyMismatch` (plugin/notify/secret-box.ts) when the key in use does not open it. */
    open(sealed: string, context: string, what: string): Promise<string>;
  };
  /** Refuses (`WebhookAddressRefused`) an address into a private network. */
  checkAddress(url: URL): Promise<void>;
  send(
    target: ChannelConfig,
    message: MessageInput,
    now: Date,
  ): Promise<{ ok: boolean; error: string | null }>;
}
