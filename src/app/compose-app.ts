import { RepositoryDirectory } from '../accounts/repository-directory';
import { hostOwnershipCheck } from '../accounts/repository-ownership';
import { ProjectKeyDirectory } from '../issue-keys/project-key-directory';
import { JiraCopyKick } from '../jira-copy/jira-copy-job';
import type { Ports } from '../ports/ports';
import { resolverDefinitions } from '../resolvers/resolver-definitions';
import { WebhookIngestion } from '../webhook-deliveries/webhook-ingestion';
import { webtriggerHandlers } from '../webtrigger-endpoints/webtrigger-handlers';
import { jobHandlers } from './job-handlers';

/**
 * The composition root: every long-lived service is built here, once per container (Forge) or process
 * (sandbox), and handed to what needs it, so the project-key and repository caches outlive one request.
 */
export function composeApp(ports: Ports) {
  const projectKeys = new ProjectKeyDirectory(() => ports.jira.asApp(), ports.clock);
  const jiraCopy = new JiraCopyKick(ports);
  const repositories = new RepositoryDirectory(ports.database, ports.clock, hostOwnershipCheck(ports));
  const ingestion = new WebhookIngestion(ports, { repositories, projectKeys, jiraCopy });
  return {
    resolvers: resolverDefinitions(ports, { projectKeys }),
    webtriggers: webtriggerHandlers(ports, ingestion),
    jobs: jobHandlers(ports, { projectKeys, jiraCopy }),
  };
}

export type App = ReturnType<typeof composeApp>;
