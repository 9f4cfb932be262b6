import type { BuildSummary } from './build-reader';

/** The counts at the top of the Development panel; builds' and deployments' come from build-reader.ts. */
export interface DevelopmentSummary extends BuildSummary {
  commits: number;
  branches: number;
  pullRequests: { total: number; open: number; merged: number; declined: number };
  lastUpdated: number | null;
}
