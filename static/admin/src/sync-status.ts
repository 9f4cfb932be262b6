export const SYNC_LABELS: Record<string, string> = {
  queued: 'History queued',
  syncing: 'Syncing',
  synced: 'Synced',
  'rate-limited': 'Rate limited, continuing after the reset',
  failed: 'Failed',
  webhook: 'Webhooks only',
};

/** While a repository is in one of these, its history is still being read. */
export const IN_PROGRESS = new Set(['queued', 'syncing', 'rate-limited']);
