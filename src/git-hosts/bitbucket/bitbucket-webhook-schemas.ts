import { z } from 'zod';
import { httpUrl } from '../../urls/http-url-schema';
import { isoTime } from '../parse-time';

/**
 * The parts of Bitbucket Cloud's webhook payloads the app reads (support.atlassian.com "Event payloads").
 * Every URL is http(s) (`httpUrl`): a payload that says otherwise is refused.
 */
const href = z.object({ href: httpUrl });

const bitbucketRepositorySchema = z.object({
  uuid: z.string().min(1).max(128),
  full_name: z.string().min(1).max(512),
  links: z.object({ html: href }),
});

const ref = z.object({
  type: z.string(),
  name: z.string().min(1).max(1024),
  target: z.object({ hash: z.string().min(1).max(64) }),
  // A branch's own link is optional: one that is not an http(s) URL (or is too long) is dropped, and the
  // normaliser builds the link from the repository's, rather than refusing the whole push.
  links: z
    .object({
      html: z
        .object({ href: httpUrl.optional().catch(undefined) })
        .optional()
        .catch(undefined),
    })
    .optional(),
});

export const bitbucketPushSchema = z.object({
  repository: bitbucketRepositorySchema,
  /** Who pushed: Bitbucket authenticated them. */
  actor: z
    .object({ uuid: z.string().max(128).optional() })
    .loose()
    .optional(),
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
                  user: z
                    .object({ display_name: z.string().optional(), uuid: z.string().max(128).optional() })
                    .loose()
                    .optional(),
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

/** A Bitbucket account: its UUID is what stays the same when the name changes. */
const account = z.object({ uuid: z.string().min(1).max(128), display_name: z.string().max(65_536).optional() }).loose();

/**
 * Everyone taking part in a pull request: `role` REVIEWER for those named as reviewers, and `approved` /
 * `state` (approved, changes_requested) for anyone's decision. A list that does not fit is dropped whole,
 * leaving the stored reviewers as they are, rather than refusing the event.
 */
export const bitbucketParticipants = z
  .array(
    z
      .object({
        user: account.nullish(),
        role: z.string().max(32),
        approved: z.boolean().optional(),
        state: z.string().max(32).nullish(),
        participated_on: isoTime.nullish(),
      })
      .loose(),
  )
  .max(5000)
  .optional()
  .catch(undefined);

/** What `pullrequest:approved` / `unapproved` (`approval`) and `changes_request_created` / `_removed` (`changes_request`) add. */
const decision = z.object({ date: isoTime, user: account }).loose().optional().catch(undefined);

export const bitbucketPullRequestSchema = z.object({
  repository: bitbucketRepositorySchema,
  pullrequest: z.object({
    id: z.number().int(),
    title: z.string().max(65_536),
    state: z.enum(['OPEN', 'MERGED', 'DECLINED', 'SUPERSEDED']),
    updated_on: isoTime,
    author: z.object({ display_name: z.string().optional() }).loose().nullish(),
    source: z.object({ branch: z.object({ name: z.string() }) }),
    destination: z.object({ branch: z.object({ name: z.string() }) }),
    links: z.object({ html: href }),
    participants: bitbucketParticipants,
  }),
  approval: decision,
  changes_request: decision,
});
