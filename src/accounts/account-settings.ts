import { z } from 'zod';

/** Per-account options, stored as JSON in `account.settings`. */
export const accountSettingsSchema = z.object({
  autoLinkNewRepositories: z.boolean().default(true),
  smartCommits: z.boolean().default(true),
  /**
   * Smart commits act only when the person who pushed is the commit's author, as the Git host knows them.
   * On by default: a commit's author email is whatever its writer typed, the pusher is who the host signed in.
   */
  smartCommitsOnlyWhenAuthorPushes: z.boolean().default(true),
  /** Copy commits, branches and pull requests to Jira's own development information (Development field, `development[...]` JQL). */
  mirrorDevelopmentInfo: z.boolean().default(false),
  /** Let people who can see development tools create branches from an issue's panel. */
  allowBranchCreation: z.boolean().default(false),
});

export type AccountSettings = z.infer<typeof accountSettingsSchema>;

/** Reads stored settings; anything unreadable falls back to the defaults rather than failing a webhook. */
export function parseAccountSettings(json: string): AccountSettings {
  try {
    const parsed = accountSettingsSchema.safeParse(JSON.parse(json));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the defaults below
  }
  return accountSettingsSchema.parse({});
}
