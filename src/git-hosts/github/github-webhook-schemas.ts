import { z } from 'zod';
import { httpUrl } from '../../urls/http-url-schema';
import { isoTime } from '../parse-time';

/**
 * The parts of GitHub's webhook payloads the app reads (docs.github.com "Webhook events and payloads"),
 * validated at the edge; everything else in the payload is ignored. Every URL is http(s) (`httpUrl`).
 */
const repository = z.object({
  id: z.number().int(),
  full_name: z.string().min(1).max(512),
  html_url: httpUrl,
});

// Free text is only length-checked loosely here: storing cuts it with an ellipsis, rather than refusing a real push.
const person = z.object({ name: z.string().max(65_536).nullish(), email: z.string().max(65_536).nullish(), username: z.string().max(255).nullish() });

export const githubPushSchema = z.object({
  ref: z.string().min(1).max(1024),
  before: z.string().max(64),
  after: z.string().max(64),
  created: z.boolean(),
  deleted: z.boolean(),
  forced: z.boolean().optional(),
  repository,
  commits: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        message: z.string(),
        timestamp: isoTime,
        url: httpUrl,
        author: person,
        added: z.array(z.string()).optional(),
        removed: z.array(z.string()).optional(),
        modified: z.array(z.string()).optional(),
      }),
    )
    .max(5000),
  /** Number of commits pushed; GitHub sends at most 2,048 in `commits`. */
  size: z.number().int().optional(),
  /** Who pushed: GitHub authenticated them; `name` is their login. */
  pusher: z
    .object({ name: z.string().max(255) })
    .loose()
    .nullish(),
});

export const githubRefSchema = z.object({
  ref: z.string().min(1).max(1024),
  ref_type: z.enum(['branch', 'tag']),
  repository,
});

/** A GitHub account as a reviewer: its numeric id is what stays the same when the login changes. */
const reviewer = z.object({ login: z.string().min(1).max(255), id: z.number().int() }).loose();

/**
 * The people asked to review (teams, in `requested_teams`, are not people and are not shown). A list that
 * does not fit is dropped whole, leaving the stored reviewers as they are, rather than refusing the event.
 */
const requestedReviewers = z.array(reviewer).max(1000).optional().catch(undefined);

const pullRequest = z.object({
  number: z.number().int(),
  title: z.string().max(65_536),
  state: z.enum(['open', 'closed']),
  merged: z.boolean().nullish(),
  merged_at: z.string().nullish(),
  updated_at: isoTime,
  html_url: httpUrl,
  user: z.object({ login: z.string() }).nullish(),
  head: z.object({ ref: z.string(), sha: z.string() }),
  base: z.object({ ref: z.string() }),
  requested_reviewers: requestedReviewers,
});

export const githubPullRequestSchema = z.object({
  action: z.string(),
  number: z.number().int(),
  repository,
  pull_request: pullRequest,
});

/** `pull_request_review` (submitted, edited, dismissed): one review, and the pull request as it now is. */
export const githubPullRequestReviewSchema = z.object({
  action: z.string(),
  repository,
  pull_request: pullRequest,
  review: z.object({
    // A review by an account since deleted has no user: nothing to show.
    user: reviewer.nullish(),
    state: z.string().max(64),
    submitted_at: isoTime.nullish(),
  }),
});
