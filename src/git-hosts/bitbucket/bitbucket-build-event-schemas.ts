import { z } from 'zod';
import { httpUrl } from '../../urls/http-url-schema';
import { isoTime } from '../parse-time';

/**
 * Bitbucket Cloud's `repo:commit_status_created` / `repo:commit_status_updated` payloads (support.atlassian.com
 * "Event payloads": `actor`, `repository`, `commit_status`), whose `commit_status` is the commit status object
 * of the REST API (developer.atlassian.com/cloud/bitbucket/rest/api-group-commit-statuses, `commitstatus`).
 */
const repository = z.object({
  uuid: z.string().min(1).max(128),
  full_name: z.string().min(1).max(512),
  links: z.object({ html: z.object({ href: httpUrl }) }),
});

const text = z.string().max(65_536);

export const bitbucketCommitStatusSchema = z.object({
  repository,
  commit_status: z.object({
    key: text.min(1),
    name: text.nullish(),
    description: text.nullish(),
    state: z.string().max(32),
    /** The CI's page for the build: kept only when it is an http(s) URL (a URI template is not). */
    url: text.nullish().catch(null),
    /** The branch the status was reported for; Bitbucket shows it on that branch's pull requests. */
    refname: z.string().max(65_536).nullish(),
    type: z.string().max(32).nullish(),
    created_on: isoTime.nullish(),
    updated_on: isoTime.nullish(),
    /** The commit, in newer payloads; older ones name it only by `links.commit`. */
    commit: z
      .object({ hash: z.string().min(1).max(64) })
      .loose()
      .nullish(),
    links: z
      .object({
        commit: z
          .object({ href: z.string().max(2048) })
          .loose()
          .nullish(),
      })
      .loose()
      .nullish(),
  }),
});
