import { z } from 'zod';
import { isoTime } from '../parse-time';

/** The parts of Bitbucket Cloud's webhook payloads the app reads (support.atlassian.com "Event payloads"). */
const href = z.object({ href: z.string().url() });

export const bitbucketRepositorySchema = z.object({
  uuid: z.string().min(1).max(128),
  full_name: z.string().min(1).max(512),
  links: z.object({ html: href }),
});

const ref = z.object({
  type: z.string(),
  name: z.string().min(1).max(1024),
  target: z.object({ hash: z.string().min(1).max(64) }),
  links: z.object({ html: href }).partial().optional(),
});

export const bitbucketPushSchema = z.object({
  repository: bitbucketRepositorySchema,
  push: z.object({
    changes: z
      .array(
        z.object({
          new: ref.nullable(),
          old: ref.nullable(),
          created: z.boolean(),
          closed: z.boolean(),
          forced: z.boolean().optional(),
          truncated: z.boolean().optional(),
          commits: z
            .array(
              z.object({
                hash: z.string().min(1).max(64),
                message: z.string(),
                date: isoTime,
                author: z.object({
                  raw: z.string().max(65_536).optional(),
                  user: z.object({ display_name: z.string().optional() }).passthrough().optional(),
                }),
                links: z.object({ html: href }),
              }),
            )
            .max(5000)
            .optional(),
        }),
      )
      .max(1000),
  }),
});

export const bitbucketPullRequestSchema = z.object({
  repository: bitbucketRepositorySchema,
  pullrequest: z.object({
    id: z.number().int(),
    title: z.string().max(65_536),
    state: z.enum(['OPEN', 'MERGED', 'DECLINED', 'SUPERSEDED']),
    updated_on: isoTime,
    author: z.object({ display_name: z.string().optional() }).passthrough().nullish(),
    source: z.object({ branch: z.object({ name: z.string() }) }),
    destination: z.object({ branch: z.object({ name: z.string() }) }),
    links: z.object({ html: href }),
  }),
});
