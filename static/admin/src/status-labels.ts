export const STATUS_LABELS: Record<string, { label: string; appearance: 'success' | 'moved' | 'removed' | 'inprogress' | 'default' }> = {
  connected: { label: 'Connected', appearance: 'success' },
  'needs-authorisation': { label: 'Needs authorisation', appearance: 'moved' },
  'invalid-credentials': { label: 'Invalid credentials', appearance: 'removed' },
  'rate-limited': { label: 'Rate limited', appearance: 'moved' },
  syncing: { label: 'Syncing', appearance: 'inprogress' },
};
