import { twinOrigin } from './app-origin';

describe('the apps’ own origin', () => {
  it('is the other loopback name on the same port, both ways, as Jira serves Custom UI from a site of its own', () => {
    expect(twinOrigin('localhost:8080')).toBe('http://127.0.0.1:8080');
    expect(twinOrigin('127.0.0.1:43121')).toBe('http://localhost:43121');
    expect(twinOrigin('LOCALHOST')).toBe('http://127.0.0.1');
  });

  it('is the page’s own under any other name, which the sandbox cannot know a twin for', () => {
    for (const host of ['dvcs.example.test:8080', '192.168.1.20:8080', 'localhost.evil.test:8080', 'localhost:8080/x', '', undefined]) expect(twinOrigin(host)).toBeNull();
  });
});
