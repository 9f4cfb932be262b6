import fc from 'fast-check';
import { readSharedFixture } from '../../../test/support/shared-fixtures';
import { PayloadError } from '../payload-error';
import { normaliseBitbucketDelivery, parseRawAuthor } from './bitbucket-webhook-normaliser';

const fixture = (name: string) => JSON.parse(readSharedFixture('bitbucket', `${name}.json`));

describe('normaliseBitbucketDelivery on Bitbucket’s payloads', () => {
  it('splits a push with several changes into one event per branch, skipping tags', () => {
    const { events } = normaliseBitbucketDelivery('repo:push', fixture('push_multipleChangesPayload'));
    expect(events.map((event) => [event.kind, 'branch' in event ? event.branch : '', event.kind === 'push' ? event.commits.length : 0])).toEqual([
      ['push', 'main', 1],
      ['push', 'manchu', 5],
    ]);
    expect(events[1]).toMatchObject({ truncated: true, repository: { providerRepoId: '{708c9715-0ecc-4a5d-87ed-63c4ba48ea06}', fullName: 'cloudbeers/temp' } });
    expect(events[0]).toMatchObject({
      commits: [
        {
          sha: '325d37697849f4b1fe42cb19c20134af08e03a82',
          message: 'typo\n',
          authorName: 'Stephen Connolly',
          authorEmail: 'stephen.alan.connolly@gmail.com',
          authoredAt: Date.parse('2017-03-06T16:09:28+00:00'),
          url: 'https://bitbucket.org/cloudbeers/temp/commits/325d37697849f4b1fe42cb19c20134af08e03a82',
        },
      ],
    });
  });

  it('reads branch creation as a push of its commits and deletion as a branch event', () => {
    expect(normaliseBitbucketDelivery('repo:push', fixture('branch_created')).events[0]).toMatchObject({ kind: 'push', branch: 'feature/test' });
    expect(normaliseBitbucketDelivery('repo:push', fixture('branch_deleted')).events).toEqual([expect.objectContaining({ kind: 'branch-deleted', branch: 'feature/test' })]);
  });

  it.each(['commit_created', 'push_createPayload', 'signed_payload'])('accepts %s', (name) => {
    expect(normaliseBitbucketDelivery('repo:push', fixture(name)).events.length).toBeGreaterThan(0);
  });

  it.each([
    ['pullrequest:created', 'pullrequest_created'],
    ['pullrequest:updated', 'pullrequest_updated'],
    ['pullrequest:updated', 'pr_updatePayload_newCommit'],
    ['pullrequest:created', 'pr_createPayloadOrigin'],
    ['pullrequest:fulfilled', 'pr_fulfilledPayload'],
  ])('reads %s from %s', (eventKey, name) => {
    const payload = fixture(name);
    const [event] = normaliseBitbucketDelivery(eventKey, payload).events;
    expect(event).toMatchObject({
      kind: 'pull-request',
      pullRequest: { number: payload.pullrequest.id, title: payload.pullrequest.title, state: payload.pullrequest.state, url: payload.pullrequest.links.html.href },
    });
  });

  it('reads reviewers from participants: a real approval by someone not asked to review, and named reviewers', () => {
    const payload = fixture('pullrequest_updated');
    const [event] = normaliseBitbucketDelivery('pullrequest:updated', payload).events;
    expect(event?.kind === 'pull-request' && event.pullRequest.reviewers).toEqual({
      people: [
        {
          reviewerId: '{644c7fc2-b15a-4445-9f89-35390694fac9}',
          name: 'Former user',
          state: 'APPROVED',
          at: Date.parse('2022-02-10T16:10:55.478453+00:00'),
          requested: false,
        },
      ],
      complete: true,
    });
    const [approver] = payload.pullrequest.participants;
    payload.pullrequest.participants = [
      approver,
      { ...approver, user: { ...payload.actor }, role: 'REVIEWER', approved: false, state: 'changes_requested' },
      {
        ...approver,
        user: { ...payload.pullrequest.author, uuid: '{00000000-0000-4000-8000-000000000001}', display_name: 'Rita Reviewer' },
        role: 'REVIEWER',
        approved: false,
        state: null,
        participated_on: null,
      },
      // Took part only by commenting: not a reviewer.
      { ...approver, user: { ...approver.user, uuid: '{00000000-0000-4000-8000-000000000002}' }, role: 'PARTICIPANT', approved: false, state: null },
    ];
    const [again] = normaliseBitbucketDelivery('pullrequest:updated', payload).events;
    expect(again?.kind === 'pull-request' && again.pullRequest.reviewers?.people.map((person) => [person.name, person.state, person.requested, person.at > 0])).toEqual([
      ['Former user', 'APPROVED', false, true],
      ['Nikolas Falco', 'CHANGES_REQUESTED', true, true],
      ['Rita Reviewer', 'PENDING', true, false],
    ]);
  });

  it.each([
    ['pullrequest:approved', 'approval', 'APPROVED'],
    ['pullrequest:unapproved', 'approval', 'PENDING'],
    ['pullrequest:changes_request_created', 'changes_request', 'CHANGES_REQUESTED'],
    ['pullrequest:changes_request_removed', 'changes_request', 'PENDING'],
  ])('reads %s as the pull request and one review by who decided, when', (eventKey, field, state) => {
    // The documented shape: the pull request, and `approval` / `changes_request` with its date and user.
    const payload = { ...fixture('pullrequest_updated'), [field]: { date: '2026-07-30T02:00:00.000000+00:00', user: fixture('pullrequest_updated').actor } };
    const { events } = normaliseBitbucketDelivery(eventKey, payload);
    expect(events).toEqual([
      expect.objectContaining({ kind: 'pull-request', pullRequest: expect.objectContaining({ number: payload.pullrequest.id }) }),
      {
        kind: 'pull-request-reviews',
        repository: expect.objectContaining({ fullName: payload.repository.full_name }),
        number: payload.pullrequest.id,
        reviews: [{ reviewerId: '{7d3a178a-a087-4756-b2da-2f9eadf50ba8}', name: 'Nikolas Falco', state, at: Date.parse('2026-07-30T02:00:00Z') }],
      },
    ]);
    // Without the decision (an older or trimmed payload), the participants still say who stands where.
    expect(normaliseBitbucketDelivery(eventKey, fixture('pullrequest_updated')).events).toHaveLength(1);
  });

  it('leaves reviewers out, rather than refusing the event, when participants are not a list it can read', () => {
    const payload = fixture('pullrequest_updated');
    payload.pullrequest.participants = [{ role: 'REVIEWER', participated_on: 'last week' }];
    const [event] = normaliseBitbucketDelivery('pullrequest:updated', payload).events;
    expect(event).toMatchObject({ kind: 'pull-request' });
    expect(event).not.toHaveProperty('pullRequest.reviewers');
  });

  it('maps a declined or superseded pull request to DECLINED', () => {
    const payload = fixture('pullrequest_updated');
    payload.pullrequest.state = 'SUPERSEDED';
    expect(normaliseBitbucketDelivery('pullrequest:rejected', payload).events[0]).toMatchObject({ pullRequest: { state: 'DECLINED' } });
  });

  it('ignores other events and rejects malformed payloads', () => {
    expect(normaliseBitbucketDelivery('repo:fork', {}).ignored).toMatch(/not used/);
    expect(() => normaliseBitbucketDelivery('repo:push', { push: { changes: 'x' } })).toThrow(PayloadError);
  });

  it('parses Git author lines', () => {
    expect(parseRawAuthor('Jane Doe <jane@example.com>')).toEqual({ name: 'Jane Doe', email: 'jane@example.com' });
    expect(parseRawAuthor('jane')).toEqual({ name: 'jane', email: '' });
  });
});

/** The regex parseRawAuthor replaced: cubic on a run of spaces (5-13 s on 3,200 of them). */
function oldParseRawAuthor(raw: string | undefined): { name: string; email: string } {
  const match = /^\s*(.*?)\s*<([^>]*)>\s*$/.exec(raw ?? '');
  return match ? { name: match[1] ?? '', email: match[2] ?? '' } : { name: (raw ?? '').trim(), email: '' };
}

describe('parseRawAuthor reads what the regex it replaced read', () => {
  it('on the authors of a real history (Apache Commons Lang), as Git writes them', () => {
    const authors = readSharedFixture('history', 'apache-commons-lang.jsonl')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { author: { name: string; email: string } }).author)
      .map((author) => `${author.name} <${author.email}>`);
    expect(authors.length).toBeGreaterThan(9000);
    expect(authors.filter((raw) => JSON.stringify(parseRawAuthor(raw)) !== JSON.stringify(oldParseRawAuthor(raw)))).toEqual([]);
  });

  it('on generated lines of spaces, line breaks, angle brackets and text', () => {
    const piece = fc.constantFrom(' ', '\t', '\n', '\r', '\u2028', '\u2029', '\u00a0', '\ufeff', 'a', 'Jane Doe', '<', '>', '<', '>', '@', 'x@example.com');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
        const raw = pieces.join('');
        expect(parseRawAuthor(raw)).toEqual(oldParseRawAuthor(raw));
      }),
      { numRuns: 20_000 },
    );
    expect(parseRawAuthor(undefined)).toEqual(oldParseRawAuthor(undefined));
  });
});
