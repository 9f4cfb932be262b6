import { webTrigger } from '@forge/api';
import type { WebtriggerUrls } from '../ports/webtrigger-urls';

export const forgeWebtriggerUrls: WebtriggerUrls = {
  urlFor: (key) => webTrigger.getUrl(key),
};
