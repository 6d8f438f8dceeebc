import type { RobotsPort } from '../../../host/web/pages/channels/RobotsPanel.tsx';
import type { VisibleSnapshot } from '../../../plugin/sdk/index.ts';
import { EDITOR_ACTIONS as A, packCaller, type RequestFn } from './editors-port.ts';

/** The robots panel's calls over NocoBase's `okrAlign:<action>` requests (the pack's channel commands). */
export function nocobaseRobotsPort(request: RequestFn): RobotsPort {
  const call = packCaller(request);
  return {
    list: () => call(A.channels),
    regions: async () => (await call<VisibleSnapshot>(A.snapshot)).regions,
    create: (input) => call(A.createChannel, { ...input }),
    update: (id, version, input) => call(A.updateChannel, { ...input, id, version }),
    remove: (id) => call(A.deleteChannel, { id }),
    test: (id) => call(A.testChannel, { id }),
  };
}
