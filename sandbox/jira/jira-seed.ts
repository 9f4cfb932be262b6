import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

/** The editable seed, validated so that a typo in seed.json fails at start with the field it concerns. */
const seedSchema = z.object({
  site: z.object({
    cloudId: z.string(),
    baseUrl: z.string(),
    timeTracking: z.object({ workingHoursPerDay: z.number().positive(), workingDaysPerWeek: z.number().positive() }),
  }),
  groups: z.array(z.string()),
  users: z.array(
    z.object({
      accountId: z.string(),
      displayName: z.string(),
      emailAddress: z.string(),
      groups: z.array(z.string()),
      role: z.string(),
    }),
  ),
  globalPermissions: z.record(z.string(), z.array(z.string())),
  permissionSchemes: z.record(z.string(), z.record(z.string(), z.array(z.string()))),
  workflow: z.object({
    statuses: z.array(z.object({ id: z.string(), name: z.string(), category: z.enum(['new', 'indeterminate', 'done']) })),
    // `condition: "assignee"`: only the issue's assignee may take the transition (Jira's "Only Assignee Condition").
    transitions: z.array(z.object({ id: z.string(), name: z.string(), from: z.array(z.string()), to: z.string(), condition: z.enum(['assignee']).optional() })),
  }),
  projects: z.array(z.object({ id: z.string(), key: z.string(), name: z.string(), permissionScheme: z.string(), lead: z.string() })),
  issues: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      summary: z.string(),
      issueType: z.string(),
      status: z.string(),
      assignee: z.string().optional(),
    }),
  ),
});

export type JiraSeed = z.infer<typeof seedSchema>;
export type SeedUser = JiraSeed['users'][number];

/** Paths are relative to the project root, where `npm start` and `npm test` run. */
export const DEFAULT_SEED_FILE = resolve(process.env.SANDBOX_SEED ?? 'sandbox/jira/seed.json');

export function loadSeed(file: string = DEFAULT_SEED_FILE): JiraSeed {
  const parsed = seedSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`The sandbox seed ${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
