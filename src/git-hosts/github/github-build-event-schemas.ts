import { z } from 'zod';
import { httpUrl } from '../../urls/http-url-schema';
import { isoTime } from '../parse-time';

/**
 * The parts of GitHub's check, workflow, status and deployment webhooks the app reads (docs.github.com
 * "Webhook events and payloads"). Names and descriptions are only length-capped loosely: the normaliser cuts
 * them. Links the app shows are kept only when they are http(s) (`optionalUrl`), never refusing the event.
 */
const repository = z.object({
  id: z.number().int(),
  full_name: z.string().min(1).max(512),
  html_url: httpUrl,
});

const sha = z.string().min(1).max(64);
const text = z.string().max(65_536);
/** A link the payload may carry: dropped (not refused) when it is not an http(s) URL. */
const optionalUrl = z.string().max(65_536).nullish().catch(null);
/** The pull requests a check or run is for; a list that does not fit is dropped whole. */
const pullRequests = z
  .array(z.object({ number: z.number().int().positive() }).loose())
  .max(1000)
  .optional()
  .catch(undefined);
const app = z
  .object({ slug: z.string().max(255).nullish(), name: z.string().max(255).nullish() })
  .loose()
  .nullish();

const checkSuite = z.object({
  id: z.number().int(),
  head_branch: z.string().max(1024).nullish(),
  head_sha: sha,
  status: z.string().max(32).nullish(),
  conclusion: z.string().max(32).nullish(),
  pull_requests: pullRequests,
  app,
  updated_at: isoTime.nullish(),
  created_at: isoTime.nullish(),
});

export const githubCheckSuiteSchema = z.object({ action: z.string().max(64).optional(), repository, check_suite: checkSuite });

export const githubCheckRunSchema = z.object({
  action: z.string().max(64).optional(),
  repository,
  check_run: z.object({
    id: z.number().int(),
    name: text,
    head_sha: sha,
    status: z.string().max(32),
    conclusion: z.string().max(32).nullish(),
    html_url: optionalUrl,
    details_url: optionalUrl,
    started_at: isoTime.nullish(),
    completed_at: isoTime.nullish(),
    pull_requests: pullRequests,
    app,
    check_suite: z.object({ id: z.number().int(), head_branch: z.string().max(1024).nullish() }).loose(),
  }),
});

export const githubWorkflowRunSchema = z.object({
  action: z.string().max(64).optional(),
  repository,
  workflow: z.object({ id: z.number().int(), name: text }).loose().nullish(),
  workflow_run: z.object({
    id: z.number().int(),
    name: text.nullish(),
    workflow_id: z.number().int(),
    run_number: z.number().int(),
    head_branch: z.string().max(1024).nullish(),
    head_sha: sha,
    status: z.string().max(32).nullish(),
    conclusion: z.string().max(32).nullish(),
    html_url: optionalUrl,
    pull_requests: pullRequests,
    updated_at: isoTime,
  }),
});

export const githubStatusSchema = z.object({
  id: z.number().int(),
  sha,
  context: text,
  state: z.string().max(32),
  target_url: optionalUrl,
  description: text.nullish(),
  /** Branches whose head is the commit (GitHub lists at most 10). */
  branches: z
    .array(z.object({ name: z.string().max(1024) }).loose())
    .max(1000)
    .optional()
    .catch(undefined),
  updated_at: isoTime,
  repository,
});

const deployment = z.object({
  id: z.number().int(),
  sha,
  ref: z.string().max(1024),
  task: z.string().max(65_536).nullish(),
  environment: text,
  description: text.nullish(),
  created_at: isoTime,
  updated_at: isoTime,
});

export const githubDeploymentSchema = z.object({ action: z.string().max(64).optional(), repository, deployment });

export const githubDeploymentStatusSchema = z.object({
  action: z.string().max(64).optional(),
  repository,
  deployment,
  deployment_status: z.object({
    id: z.number().int(),
    state: z.string().max(32),
    environment: text.nullish(),
    description: text.nullish(),
    target_url: optionalUrl,
    environment_url: optionalUrl,
    log_url: optionalUrl,
    updated_at: isoTime,
  }),
});
