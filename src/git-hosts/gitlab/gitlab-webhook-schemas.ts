import { z } from 'zod';
import { httpUrl } from '../../urls/http-url-schema';
import { isoTime } from '../parse-time';

/**
 * The parts of GitLab's webhook payloads the app reads (docs.gitlab.com "Webhook events": push, tag push and
 * merge request events), validated at the edge; everything else is ignored. Every URL is http(s).
 */
export const gitlabProjectSchema = z.object({
  id: z.number().int(),
  path_with_namespace: z.string().min(1).max(512),
  web_url: httpUrl,
});

// Free text is only length-checked loosely here: storing cuts it with an ellipsis, rather than refusing a real push.
const text = z.string().max(65_536);

export const gitlabPushSchema = z.object({
  object_kind: z.literal('push'),
  ref: z.string().min(1).max(1024),
  before: z.string().max(64),
  after: z.string().max(64),
  /** Who pushed, as GitLab signed them in, and their public email (`[REDACTED]` when it is not public). */
  user_username: z.string().max(255).nullish(),
  user_email: z.string().max(320).nullish(),
  project: gitlabProjectSchema,
  commits: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        message: text,
        timestamp: isoTime,
        url: httpUrl,
        author: z.object({ name: text.nullish(), email: text.nullish() }),
        added: z.array(z.string()).max(100_000).nullish(),
        modified: z.array(z.string()).max(100_000).nullish(),
        removed: z.array(z.string()).max(100_000).nullish(),
      }),
    )
    // GitLab lists at most 20 (the newest); more is not a GitLab delivery.
    .max(100),
  total_commits_count: z.number().int().min(0),
});

export const gitlabMergeRequestSchema = z.object({
  object_kind: z.literal('merge_request'),
  /** The user who acted: the author only for `open`. */
  user: z
    .object({ name: text.nullish(), username: z.string().max(255).nullish() })
    .loose()
    .nullish(),
  project: gitlabProjectSchema,
  object_attributes: z.object({
    iid: z.number().int().min(0),
    title: text,
    state: z.enum(['opened', 'closed', 'merged', 'locked']),
    source_branch: z.string().min(1).max(1024),
    target_branch: z.string().min(1).max(1024),
    updated_at: isoTime,
    url: httpUrl,
    action: z.string().max(64).nullish(),
  }),
});
