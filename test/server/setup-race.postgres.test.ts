import { startServer } from './helpers.ts';

const url = process.env.DATABASE_URL;
const FIRST = { companyName: 'ACME', adminName: '周磊', login: 'zhoulei', password: 'Kaishi2026go' };

// Two instances on one PostgreSQL database, both on their first-run page: one setup wins.
describe.skipIf(!url)('first run on PostgreSQL', () => {
  it('answers one success and one 409 to setups racing on one database', async () => {
    const server = await startServer({ seed: false, databaseUrl: url });
    try {
      const replies = await Promise.all(
        ['a', 'b', 'c'].map((s) => server.anonymous().post('/api/setup', { ...FIRST, login: `admin-${s}` })),
      );
      expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      expect(await server.storage.db.selectFrom('users').select('id').execute()).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
