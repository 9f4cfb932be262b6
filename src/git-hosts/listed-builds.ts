import type { BuildData } from './build-event';
import type { NormalisedDelivery } from './dev-event';
import { PayloadError } from './payload-error';

/**
 * The builds among the items a host lists for a commit, each read as the host's own delivery of it would be (or
 * straight to a build). An item in a form that is not a build is left out; any other failure is the caller's.
 */
export function listedBuilds<T>(items: readonly T[], read: (item: T) => NormalisedDelivery | BuildData | null): BuildData[] {
  const builds: BuildData[] = [];
  for (const item of items) {
    try {
      const result = read(item);
      if (result && 'events' in result) {
        for (const event of result.events) if (event.kind === 'build') builds.push(event.build);
      } else if (result) builds.push(result);
    } catch (error) {
      if (!(error instanceof PayloadError)) throw error;
    }
  }
  return builds;
}
