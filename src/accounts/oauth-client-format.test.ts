import { oauthClientProblem, oauthKeyProblem, oauthSecretProblem } from './oauth-client-format';

describe('OAuth keys and secrets, checked for their host', () => {
  it.each([
    ['github', 'Ov23linvCi8kvFipqMHh'],
    ['github', 'Iv23liZofBDOUS5F5z2g'],
    ['github', 'Iv1.8a61f9b3a7aba766'],
    ['github', '0123456789abcdef0123'],
    ['github-enterprise', 'Iv1.8a61f9b3a7aba766'],
    ['bitbucket-cloud', 'a5Rf7kPq2LmN8xYz3W'],
    ['gitlab', 'a'.repeat(64)],
  ] as const)('accepts a %s key in its real form (%s)', (provider, key) => {
    expect(oauthKeyProblem(provider, key)).toBeNull();
  });

  it.each([
    ['github', 'javascript:alert(1)'],
    ['github', '<script>alert(1)</script>'],
    ['github', 'Ov23li 1234567890123'],
    ['github', '🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑'],
    ['github', 'short'],
    ['github', `Ov23li${'a'.repeat(200)}`],
    ['bitbucket-cloud', 'Iv1.8a61f9b3a7aba766'],
    ['bitbucket-cloud', 'stub-client-id'],
    ['gitlab', 'javascript:alert(1)'],
  ] as const)('refuses a %s key that cannot be one (%s), naming the field and where to copy it from', (provider, key) => {
    expect(oauthKeyProblem(provider, key)).toMatch(/^OAuth key \(client id\): copy it exactly from .+\. It is .+, 8 to 100 characters\.$/);
  });

  it('says where each host shows the key', () => {
    expect(oauthKeyProblem('bitbucket-cloud', 'bad key')).toContain("the OAuth consumer in Bitbucket's workspace settings (Key)");
    expect(oauthKeyProblem('github', 'bad key')).toContain("the OAuth app's page on GitHub (Client ID)");
  });

  it('takes a secret as opaque printable text without spaces', () => {
    expect(oauthSecretProblem('3c7f0a9e1b2d4c5f6a7b8c9d0e1f2a3b4c5d6e7f')).toBeNull();
    expect(oauthSecretProblem('has a space in it')).toMatch(/^OAuth secret: paste it exactly/);
    expect(oauthSecretProblem('🔑🔑🔑🔑🔑🔑🔑🔑')).not.toBeNull();
  });

  it('refuses a secret without a key, saved or stored, and points at the key', () => {
    expect(oauthClientProblem('github', { secret: 'a-secret-value' })).toEqual({
      field: 'oauthClientId',
      message: 'OAuth key (client id): enter the key that goes with the OAuth secret, or leave both empty to use an access token instead.',
    });
    expect(oauthClientProblem('github', { secret: 'a-secret-value', storedKey: 'Ov23linvCi8kvFipqMHh' })).toBeNull();
    expect(oauthClientProblem('github', { key: 'Ov23linvCi8kvFipqMHh', secret: 'a-secret-value' })).toBeNull();
    expect(oauthClientProblem('github', {})).toBeNull();
    expect(oauthClientProblem('bitbucket-cloud', { key: 'not-alphanumeric', secret: 'a-secret-value' })?.field).toBe('oauthClientId');
    expect(oauthClientProblem('github', { key: 'Ov23linvCi8kvFipqMHh', secret: 'two words' })?.field).toBe('oauthClientSecret');
  });
});
