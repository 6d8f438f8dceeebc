// Imports the case-study demo through the plugin running at NOCOBASE_URL (`okrAlign:importSnapshot`, an
// action every plugin version has), as root: e2e.sh's upgrade check gives the version it upgrades from
// rows to carry over.   NOCOBASE_URL=http://127.0.0.1:13000 npx tsx adapters/nocobase/scripts/seed-demo.ts
import { demoSnapshot } from '../../../test/adapters/nocobase/demo.ts';

const base = process.env.NOCOBASE_URL;
if (!base) throw new Error('seed-demo: set NOCOBASE_URL');
const signIn = await fetch(`${base}/api/auth:signIn`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-authenticator': 'basic' },
  body: JSON.stringify({
    account: process.env.NOCOBASE_ACCOUNT ?? 'admin@nocobase.com',
    password: process.env.NOCOBASE_PASSWORD ?? 'admin123',
  }),
});
const token = ((await signIn.json()) as { data?: { token?: string } }).data?.token;
if (!token) throw new Error(`seed-demo: cannot sign in (HTTP ${signIn.status})`);
const r = await fetch(`${base}/api/okrAlign:importSnapshot`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ snapshot: demoSnapshot() }),
});
const text = await r.text();
if (r.status !== 200) throw new Error(`seed-demo: import answered ${r.status}: ${text.slice(0, 300)}`);
console.log(`seed-demo: ${text.slice(0, 200)}`);
