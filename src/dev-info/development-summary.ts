/** The counts at the top of the Development panel. */
export interface DevelopmentSummary {
  commits: number;
  branches: number;
  pullRequests: { total: number; open: number; merged: number; declined: number };
  lastUpdated: number | null;
}
