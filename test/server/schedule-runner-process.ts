// One "server process" for the idempotency test: ticks the schedules once at a given instant, sends
// what it claimed, prints a JSON summary.
// Run: node --import tsx schedule-runner-process.ts <dataDir> <nowIso> [<databaseUrl> <pgSchema>]
import { createNotifyServices } from '../../host/server/schedules/notify-services.ts';
import { StoredNotifications } from '../../host/server/services/notifications.ts';
import { openStorage } from '../../host/server/storage/database.ts';

const [dataDir, nowIso, databaseUrl, pgSchema] = process.argv.slice(2);
if (!dataDir || !nowIso) throw new Error('schedule-runner-process: give <dataDir> <nowIso>');
const now = () => new Date(nowIso);
const storage = await openStorage({ dataDir, databaseUrl, pgSchema });
const log = { warn() {}, error: (err: unknown) => process.stderr.write(`${String(err)}\n`) };
const services = await createNotifyServices({
  db: storage.db,
  dialect: storage.dialect,
  dataDir,
  now,
  notifications: new StoredNotifications(storage.db, now),
  log,
});
const runs = await services.runner.tick();
await services.worker.idle();
const sent = await services.worker.runDue();
await services.worker.idle();
await storage.close();
process.stdout.write(JSON.stringify({ runs, sent }));
