import { sandboxFixture } from '../../test/support/sandbox-fixture';
import { pruneDeliveryLog, recordDelivery } from './delivery-log';

describe('the delivery log', () => {
  it('forgets deliveries after a week, and keeps at most the newest N however many arrive', async () => {
    const fixture = await sandboxFixture();
    try {
      const day = 24 * 3600 * 1000;
      const now = Date.parse('2026-11-23T10:00:00Z');
      // Replays of one body under fresh delivery ids: 80 in the last hour, and 5 from last month.
      for (let n = 0; n < 80; n += 1) await recordDelivery(fixture.ports.database, { id: `fresh-${n}`, provider: 'github', repositoryId: 'repo_x', at: now - n * 1000 });
      for (let n = 0; n < 5; n += 1) await recordDelivery(fixture.ports.database, { id: `old-${n}`, provider: 'github', repositoryId: 'repo_x', at: now - 30 * day - n });
      expect(await pruneDeliveryLog(fixture.ports.database, now, 50)).toBe(35);
      const left = await fixture.ports.database.db.selectFrom('delivery').select(['delivery_id', 'received_at']).orderBy('received_at', 'desc').execute();
      expect(left).toHaveLength(50);
      expect(left.every((row) => row.delivery_id.startsWith('github:fresh-') && Number(row.received_at) > now - 50_000)).toBe(true);
    } finally {
      await fixture.close();
    }
  });
});
