import type { HttpFetch } from '../ports/http';
import { withEgressPolicy } from './egress-check';
import { gitlabHostClient } from './gitlab/gitlab-host-client';
import { checkEnterpriseHostUrl } from './host-url';
import { endpointsFor, isCustomerServer, PUBLIC_PROVIDER_HOSTS } from './provider-hosts';
import { providerRequest } from './provider-http';

/** A fetch that records what it was asked to send and answers like GitLab's `/user`. */
function recordingFetch() {
  const sent: string[] = [];
  const fetch: HttpFetch = async (url) => {
    sent.push(url);
    return { ok: true, status: 200, headers: { get: () => null }, text: async () => '{"username":"octo"}', json: async () => ({ username: 'octo' }) };
  };
  return { fetch, sent };
}

/**
 * With the manifest's wildcard egress, Forge lets the app call any host: these are the app's own limits. Each
 * account's requests go only to the host an admin linked it to, and a customer's server is checked as public
 * before every request, whatever kind of account it serves.
 */
describe('egress to a customer’s own server', () => {
  const hostUrl = 'https://gitlab.example.com';
  const endpoints = endpointsFor('gitlab', hostUrl, PUBLIC_PROVIDER_HOSTS);

  it('knows which accounts live on a customer’s server', () => {
    expect(isCustomerServer('gitlab', hostUrl, PUBLIC_PROVIDER_HOSTS)).toBe(true);
    expect(isCustomerServer('gitlab', 'https://gitlab.com', PUBLIC_PROVIDER_HOSTS)).toBe(false);
    expect(isCustomerServer('github-enterprise', 'https://github.example.com', PUBLIC_PROVIDER_HOSTS)).toBe(true);
    expect(isCustomerServer('bitbucket-cloud', 'https://bitbucket.org', PUBLIC_PROVIDER_HOSTS)).toBe(false);
    expect(endpoints).toEqual({ web: hostUrl, api: `${hostUrl}/api/v4` });
    expect(endpointsFor('gitlab', 'https://gitlab.com', PUBLIC_PROVIDER_HOSTS)).toEqual(PUBLIC_PROVIDER_HOSTS.gitlab);
  });

  it('keeps a Bitbucket Data Center server’s context path, and nothing that could leave it', () => {
    const dc = { allowContextPath: true, serverName: 'Bitbucket Data Center server' };
    expect(checkEnterpriseHostUrl('https://bitbucket.example.com/bitbucket/', dc)).toEqual({ ok: true, url: 'https://bitbucket.example.com/bitbucket' });
    expect(endpointsFor('bitbucket-data-center', 'https://bitbucket.example.com/bitbucket', PUBLIC_PROVIDER_HOSTS).api).toBe(
      'https://bitbucket.example.com/bitbucket/rest/api/1.0',
    );
    // The address is judged as the URL parser leaves it: dot segments are already resolved.
    expect(checkEnterpriseHostUrl('https://bitbucket.example.com/a/../bitbucket', dc)).toEqual({ ok: true, url: 'https://bitbucket.example.com/bitbucket' });
    for (const refused of [
      'https://bitbucket.example.com/bitbucket?x=1',
      'https://bitbucket.example.com/bit%20bucket',
      'https://bitbucket.example.com/a/b/c/d',
      'https://bitbucket.example.com/b#x',
    ]) {
      expect(checkEnterpriseHostUrl(refused, dc)).toMatchObject({ ok: false });
    }
    expect(checkEnterpriseHostUrl('https://gitlab.example.com/gitlab', { serverName: 'GitLab server' })).toMatchObject({ ok: false });
  });

  it('refuses, sending nothing, a request to any origin but the account’s own', async () => {
    const { fetch, sent } = recordingFetch();
    const policed = withEgressPolicy(fetch, { allowPrivateHosts: true }, { now: () => 0 }, { approvedOrigins: [hostUrl] });
    await expect(providerRequest(policed, 'GitLab', 'https://internal.example.com/api/v4/user')).rejects.toMatchObject({
      code: 'egress_not_allowed',
      message: expect.stringContaining('it only calls the Git host an admin linked this account to'),
    });
    await expect(providerRequest(policed, 'GitLab', 'http://gitlab.example.com/api/v4/user')).rejects.toMatchObject({ code: 'egress_not_allowed' });
    expect(sent).toEqual([]);
    await providerRequest(policed, 'GitLab', `${hostUrl}/api/v4/user`);
    expect(sent).toEqual([`${hostUrl}/api/v4/user`]);
  });

  it('checks a self-managed GitLab server’s address before every request, as GitHub Enterprise’s', async () => {
    const { fetch, sent } = recordingFetch();
    let answer = ['35.1.2.3'];
    const policed = withEgressPolicy(fetch, { allowPrivateHosts: false, resolveHost: async () => answer }, { now: () => 0 }, { customerServer: true, approvedOrigins: [hostUrl] });
    const client = gitlabHostClient(policed, { now: () => 0 }, endpoints);
    expect(await client.verify('token', 'octo')).toEqual({ identity: 'octo' });
    answer = ['10.0.0.7'];
    const later = withEgressPolicy(fetch, { allowPrivateHosts: false, resolveHost: async () => answer }, { now: () => 0 }, { customerServer: true, approvedOrigins: [hostUrl] });
    await expect(gitlabHostClient(later, { now: () => 0 }, endpoints).verify('token', 'octo')).rejects.toMatchObject({ code: 'egress_not_allowed' });
    expect(sent).toHaveLength(1);
  });

  it('names the host it could not reach: a self-managed GitLab server whose name stops resolving is GitLab', async () => {
    const { fetch, sent } = recordingFetch();
    const policed = withEgressPolicy(fetch, { allowPrivateHosts: false, resolveHost: async () => [] }, { now: () => 0 }, { customerServer: true, approvedOrigins: [hostUrl] });
    await expect(gitlabHostClient(policed, { now: () => 0 }, endpoints, 'GitLab').verify('token', 'octo')).rejects.toMatchObject({
      code: 'provider_unreachable',
      message: expect.stringMatching(/^GitLab could not be reached: gitlab\.example\.com does not resolve/),
    });
    expect(sent).toHaveLength(0);
  });
});
