/** The public URLs of the app's webtriggers, which admins paste into GitHub and Bitbucket. */
type WebtriggerKey = 'github-webhook' | 'bitbucket-webhook' | 'gitlab-webhook' | 'bitbucket-dc-webhook' | 'oauth-callback';

export interface WebtriggerUrls {
  urlFor(key: WebtriggerKey): Promise<string>;
}
