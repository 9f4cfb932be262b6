import { countOf, nounFor } from './plural';

describe('counts in sentences', () => {
  it('uses the singular for one only, as English does', () => {
    expect(countOf(1, 'delivery', 'deliveries', 'en')).toBe('1 delivery');
    expect(countOf(0, 'delivery', 'deliveries', 'en')).toBe('0 deliveries');
    expect(countOf(2, 'repository', 'repositories', 'en')).toBe('2 repositories');
    expect(nounFor(1, 'webhook', 'webhooks')).toBe('webhook');
    expect(nounFor(35, 'webhook', 'webhooks')).toBe('webhooks');
  });

  it('follows English plural rules for English words whatever the locale, and writes the number in the locale', () => {
    // French counts 0 and 1 as singular; the sentence is English, so 0 stays plural.
    expect(countOf(0, 'commit', 'commits', 'fr')).toBe('0 commits');
    expect(countOf(1200, 'commit', 'commits', 'de')).toBe('1.200 commits');
    expect(countOf(1200, 'commit', 'commits', 'en-US')).toBe('1,200 commits');
  });
});
