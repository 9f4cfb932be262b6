import { token } from '@atlaskit/tokens';

/** Simple marks for each host; they inherit the text colour so they follow the theme. */
export function ProviderIcon({ provider }: { provider: string }) {
  const label =
    provider === 'bitbucket-cloud'
      ? 'Bitbucket Cloud'
      : provider === 'github-enterprise'
        ? 'GitHub Enterprise'
        : provider === 'gitlab'
          ? 'GitLab'
          : provider === 'bitbucket-data-center'
            ? 'Bitbucket Data Center'
            : 'GitHub';
  return (
    <svg role="img" aria-label={label} width="16" height="16" viewBox="0 0 16 16" style={{ verticalAlign: 'middle', color: token('color.icon') }}>
      {provider === 'gitlab' ? (
        <path fill="currentColor" d="M8 15 .6 9.6a.6.6 0 0 1-.2-.7L2.6 2.2a.3.3 0 0 1 .6 0L5 7.4h6l1.8-5.2a.3.3 0 0 1 .6 0l2.2 6.7a.6.6 0 0 1-.2.7L8 15Z" />
      ) : provider === 'bitbucket-cloud' || provider === 'bitbucket-data-center' ? (
        <path fill="currentColor" d="M1.3 1.5a.5.5 0 0 0-.5.6l2 12.2c.05.3.3.5.6.5h9.3c.2 0 .4-.2.5-.4l2-12.3a.5.5 0 0 0-.5-.6H1.3Zm8.5 8.8H6.3L5.4 5.7h5.2l-.8 4.6Z" />
      ) : (
        <path
          fill="currentColor"
          d="M8 .2a8 8 0 0 0-2.5 15.6c.4 0 .5-.2.5-.4v-1.5c-2.2.5-2.7-1-2.7-1-.4-.9-.9-1.2-.9-1.2-.7-.5.1-.5.1-.5.8.1 1.2.8 1.2.8.7 1.3 1.9.9 2.3.7.1-.5.3-.9.5-1.1-1.8-.2-3.6-.9-3.6-4 0-.9.3-1.6.8-2.1-.1-.2-.4-1 .1-2.1 0 0 .7-.2 2.2.8a7.5 7.5 0 0 1 4 0c1.5-1 2.2-.8 2.2-.8.4 1.1.2 1.9.1 2.1.5.6.8 1.3.8 2.1 0 3.1-1.9 3.7-3.6 3.9.3.3.5.8.5 1.5v2.2c0 .2.1.5.6.4A8 8 0 0 0 8 .2Z"
        />
      )}
    </svg>
  );
}
