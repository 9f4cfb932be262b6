import { z } from 'zod';
import { httpUrl } from '../../urls/http-url-schema';

/**
 * The parts of Bitbucket Data Center's webhook payloads the app reads ("Event payload" in Atlassian's
 * Bitbucket Data Center documentation; samples in ../shared/fixtures/bitbucket-server/), validated at the
 * edge. Every URL is http(s).
 */
const selfLinks = z.object({
  self: z
    .array(z.object({ href: httpUrl }))
    .min(1)
    .max(10),
});

/** Epoch milliseconds from either form the server uses: ISO text in webhooks, a number in REST answers. */
const dcTime = z.union([z.number().int().min(0), z.string().max(64)]).transform((value, context) => {
  const time = typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(time)) {
    context.addIssue({ code: 'custom', message: `not a date: ${String(value).slice(0, 40)}` });
    return z.NEVER;
  }
  return time;
});

const dcRepositorySchema = z.object({
  id: z.number().int(),
  slug: z.string().min(1).max(255),
  project: z.object({ key: z.string().min(1).max(128) }),
  links: selfLinks,
});

const person = z.object({
  name: z.string().max(255).nullish(),
  displayName: z.string().max(65_536).nullish(),
  emailAddress: z.string().max(320).nullish(),
  slug: z.string().max(255).nullish(),
});

export const dcRefsChangedSchema = z.object({
  actor: z
    .object({ slug: z.string().max(255).nullish() })
    .loose()
    .nullish(),
  repository: dcRepositorySchema,
  changes: z
    .array(
      z.object({
        ref: z.object({ id: z.string().min(1).max(1024), displayId: z.string().min(1).max(1024), type: z.string().max(32) }),
        fromHash: z.string().max(64),
        toHash: z.string().max(64),
        type: z.enum(['ADD', 'UPDATE', 'DELETE']),
      }),
    )
    .max(1000),
  /** Listed by recent servers; the pushed range is read through the API all the same. */
  commits: z
    .array(z.object({ id: z.string().min(1).max(64), message: z.string().max(1_000_000), authorTimestamp: dcTime, author: person }))
    .max(1000)
    .optional(),
});

export const dcPullRequestSchema = z.object({
  pullRequest: z.object({
    id: z.number().int().min(0),
    title: z.string().max(65_536),
    state: z.enum(['OPEN', 'MERGED', 'DECLINED']),
    updatedDate: dcTime,
    author: z.object({ user: person }).nullish(),
    fromRef: z.object({ displayId: z.string().min(1).max(1024) }),
    toRef: z.object({ displayId: z.string().min(1).max(1024), repository: dcRepositorySchema }),
    links: selfLinks,
  }),
});
