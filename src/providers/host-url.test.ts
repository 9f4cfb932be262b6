import { checkEnterpriseHostUrl } from './host-url';

describe('checkEnterpriseHostUrl', () => {
  it.each([
    ['https://github.example.com', 'https://github.example.com'],
    ['https://GitHub.Example.com/', 'https://github.example.com'],
    ['github.example.com', 'https://github.example.com'],
    ['https://github.example.com:8443', 'https://github.example.com:8443'],
  ])('accepts and normalises %s', (input, url) => {
    expect(checkEnterpriseHostUrl(input)).toEqual({ ok: true, url });
  });

  it.each([
    ['http://github.example.com', /https:\/\//],
    ['https://github.example.com/api/v3', /without a path/],
    ['https://github.example.com/?x=1', /without a path/],
    ['https://user:pw@github.example.com', /user name and password/],
    ['https://github.com', /choose "GitHub"/],
    ['https://acme.atlassian.net', /Jira address/],
    ['https://localhost', /private network/],
    ['https://127.0.0.1', /private network/],
    ['https://10.1.2.3', /private network/],
    ['https://172.20.0.1', /private network/],
    ['https://192.168.1.10', /private network/],
    ['https://169.254.169.254', /private network/],
    ['https://[::1]', /private network/],
    ['https://git.corp.internal', /private network/],
    ['not a url at all', /Enter the address/],
  ])('rejects %s', (input, message) => {
    const result = checkEnterpriseHostUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('allows a local stub only when the sandbox asks for it, and still not github.com', () => {
    expect(checkEnterpriseHostUrl('http://127.0.0.1:9999', { allowPrivateHosts: true })).toEqual({ ok: true, url: 'http://127.0.0.1:9999' });
    expect(checkEnterpriseHostUrl('http://github.example.com', { allowPrivateHosts: true }).ok).toBe(false);
  });
});
