import { join } from 'node:path';
import type { ChannelPorts } from '../../../plugin/notify/channels.ts';
import { nodeChannelPorts } from '../../../plugin/notify/node/channel-ports.ts';
import { loadSecretKey } from '../../../plugin/notify/node/secret-key-file.ts';
import { SecretBox } from '../../../plugin/notify/secret-box.ts';

/**
 * Group robots from NocoBase: the key is `OKR_SECRET_KEY` (set it when several instances serve one
 * database) or a key file in the app's `storage/` folder, loaded once.
 */
let ports: ChannelPorts | undefined;
export const nocobaseChannelPorts = async (): Promise<ChannelPorts> => {
  ports ??= nodeChannelPorts(
    new SecretBox(() => loadSecretKey({ env: process.env, dataDir: join(process.cwd(), 'storage') })),
  );
  return ports;
};
