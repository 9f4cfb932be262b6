import type { Ports } from '../ports/ports';

/**
 * The hourly reconciliation and the backfill consumer. The sync engine fills these in; the foundation only
 * proves the wiring, logging each call so a deployed app shows it is being invoked.
 */
export function syncHandlers(ports: Ports) {
  return {
    async reconcile(): Promise<{ repositoriesChecked: number }> {
      const linked = await ports.database.db
        .selectFrom('repository')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('linked', '=', 1)
        .executeTakeFirst();
      const repositoriesChecked = Number(linked?.n ?? 0);
      ports.log.info('reconciliation ran', { repositoriesChecked });
      return { repositoriesChecked };
    },
    async runBackfillJob(body: Record<string, unknown>): Promise<void> {
      ports.log.info('backfill job received', { jobId: typeof body.jobId === 'string' ? body.jobId : undefined });
    },
  };
}
