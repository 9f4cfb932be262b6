import { z } from 'zod';
import { isoTime } from '../parse-time';
import { gitlabProjectSchema } from './gitlab-webhook-schemas';

/**
 * The parts of GitLab's pipeline and deployment webhook payloads the app reads (docs.gitlab.com "Webhook
 * events": "Pipeline events", "Deployment events"), validated at the edge. GitLab writes these times as
 * `2016-08-12 15:23:28 UTC` and `2021-04-28 21:50:00 +0200`, which Date.parse reads.
 */
const text = z.string().max(65_536);
const id = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const gitlabPipelineSchema = z.object({
  object_kind: z.literal('pipeline'),
  project: gitlabProjectSchema,
  object_attributes: z.object({
    id,
    /** The pipeline's number in its project; older servers do not send it. */
    iid: id.nullish(),
    /** `workflow:name`, since GitLab 16.1. */
    name: text.nullish(),
    ref: z.string().min(1).max(1024),
    tag: z.boolean().nullish(),
    sha: z.string().min(1).max(64),
    source: z.string().max(64).nullish(),
    status: z.string().max(64),
    created_at: isoTime.nullish(),
    finished_at: isoTime.nullish(),
    /** The pipeline's page; older servers do not send it. Kept only when it is an http(s) URL. */
    url: text.nullish(),
  }),
  merge_request: z.object({ iid: id }).loose().nullish(),
});

export const gitlabDeploymentSchema = z.object({
  object_kind: z.literal('deployment'),
  project: gitlabProjectSchema,
  status: z.string().max(64),
  status_changed_at: isoTime.nullish(),
  deployment_id: id,
  deployable_url: text.nullish(),
  environment: text.min(1),
  /** production, staging, testing, development or other (GitLab 16.1 and later). */
  environment_tier: z.string().max(64).nullish(),
  environment_external_url: text.nullish(),
  /** The payload names the commit only here (and by `short_sha`): the full sha ends this URL. */
  commit_url: text,
  commit_title: text.nullish(),
});
