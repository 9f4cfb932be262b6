import { createConsoleLogger, redact } from './console-logger';

describe('logging', () => {
  it('redacts secret-looking fields at any depth', () => {
    expect(redact({ account: 'a1', oauthSecret: 'x', nested: { accessToken: 'y', list: [{ password: 'z', ok: 1 }] } })).toEqual({
      account: 'a1',
      oauthSecret: '[redacted]',
      nested: { accessToken: '[redacted]', list: [{ password: '[redacted]', ok: 1 }] },
    });
  });

  it('writes one JSON line per entry, at the right level, without the secret', () => {
    const lines: Array<[string, string]> = [];
    const logger = createConsoleLogger({
      log: (line: string) => lines.push(['log', line]),
      warn: (line: string) => lines.push(['warn', line]),
      error: (line: string) => lines.push(['error', line]),
    });
    logger.error('token refresh failed', { accountId: 'a1', refreshToken: 'r-123' });
    expect(lines).toEqual([['error', JSON.stringify({ level: 'error', message: 'token refresh failed', accountId: 'a1', refreshToken: '[redacted]' })]]);
  });
});
