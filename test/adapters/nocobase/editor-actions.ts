import type { EditorRequest } from '../../../adapters/nocobase/client/editors-port.ts';
import { nocobaseAppPorts, runAction } from '../../../adapters/nocobase/server/command-actions.ts';
import { createDataPort } from '../../../adapters/nocobase/server/data-port.ts';
import { errorResponse } from '../../../adapters/nocobase/server/error-response.ts';
import { importSnapshot } from '../../../adapters/nocobase/server/import-snapshot.ts';
import { ensureInitialSettings } from '../../../adapters/nocobase/server/settings-store.ts';
import { commandOf } from '../../../plugin/app/catalogue.ts';
import type { HostUser } from '../../../plugin/sdk/index.ts';
import { demoSnapshot } from './demo.ts';
import { memoryTables } from './memory-tables.ts';

export const demo = demoSnapshot();
export const userOf = (personId: string): HostUser => {
  const p = demo.people.find((x) => x.id === personId)!;
  return {
    userId: `u-${p.id}`,
    personId: p.id,
    name: p.name,
    role: p.role,
    regionId: p.regionId,
    scope: null,
  };
};

/**
 * NocoBase's `okrAlign:<action>` answered in process by the adapter's own action runner over its
 * tables, with errors in the shape its API client throws (`response.status`, `response.data`).
 */
export async function nocobaseServer(user: HostUser) {
  const tables = memoryTables();
  await importSnapshot(tables, demoSnapshot());
  await ensureInitialSettings(tables, '2026-03-01T00:00:00Z');
  const clock = { now: () => '2026-06-15T08:00:00.000Z', today: () => '2026-06-15' };
  const ports = nocobaseAppPorts(tables, clock, undefined, undefined);
  const sent: EditorRequest[] = [];
  const request = async ({ skipNotify, ...r }: EditorRequest & { skipNotify: true }) => {
    if (skipNotify !== true)
      throw new Error("editors port: a pack action must skip NocoBase's own error toast");
    sent.push(r);
    const name = r.url.slice('okrAlign:'.length);
    try {
      if (name === 'snapshot') return { data: { data: await createDataPort(tables, clock).snapshot() } };
      if (!commandOf(name)) throw Object.assign(new Error('404'), { response: { status: 404, data: {} } });
      return { data: { data: await runAction(ports, user, name, r.data) } };
    } catch (error) {
      const response = errorResponse(error);
      throw response
        ? Object.assign(new Error('refused'), { response: { status: response.status, data: response.body } })
        : error;
    }
  };
  return { request, sent, tables };
}
