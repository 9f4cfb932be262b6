import { countOf, englishNumber, nounFor } from './plural';

describe('counts in sentences', () => {
  it('uses the singular for one only, as English does', () => {
    expect(countOf(1, 'delivery', 'deliveries')).toBe('1 delivery');
    // French counts 0 as singular; the sentence is English, so 0 stays plural.
    expect(countOf(0, 'delivery', 'deliveries')).toBe('0 deliveries');
    expect(countOf(2, 'repository', 'repositories')).toBe('2 repositories');
    expect(nounFor(1, 'webhook', 'webhooks')).toBe('webhook');
    expect(nounFor(35, 'webhook', 'webhooks')).toBe('webhooks');
  });

  it('writes every number as Intl writes it in English ("1,200", never the reader’s "1.200"), below 1,000 without Intl', () => {
    const intl = new Intl.NumberFormat('en');
    const values = [...Array.from({ length: 2001 }, (_, index) => index - 1000), 1200, 65_536, 1_000_000, -1_234_567, 0.5, 2.75];
    for (const value of values) expect(englishNumber(value)).toBe(intl.format(value));
    expect(countOf(1200, 'commit', 'commits')).toBe('1,200 commits');
  });
});
