import { readSharedFixture } from '../../test/support/shared-fixtures';
import { sha256Signature, verifySha256Signature } from './signature';

describe('webhook signatures', () => {
  it("passes GitHub's documented test vector", () => {
    // docs.github.com, "Validating webhook deliveries": secret and payload below give this signature.
    const header = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(verifySha256Signature("It's a Secret to Everybody", 'Hello, World!', header)).toBe(true);
    expect(sha256Signature("It's a Secret to Everybody", 'Hello, World!')).toBe(header);
  });

  it('passes the Bitbucket vector over the exact bytes of the shared payload', () => {
    const body = readSharedFixture('bitbucket', 'signed_payload.json');
    const header = 'sha256=f205c729821c6954aff2afe72b965c34015b4baf96ea8ddc2cc44999c014a035';
    expect(verifySha256Signature('Gkvl$k$wyNpQAF42', body, header)).toBe(true);
    expect(verifySha256Signature('Gkvl$k$wyNpQAF42', body.replace('webhook', 'webhooK'), header)).toBe(false);
  });

  it.each([
    ['no header', undefined],
    ['another algorithm', 'sha1=757107ea0eb2509fc211221cce984b8a37570b6d'],
    ['a short digest', 'sha256=757107ea'],
    ['not hex', `sha256=${'z'.repeat(64)}`],
    ['a wrong digest', `sha256=${'0'.repeat(64)}`],
  ])('refuses %s', (_what, header) => {
    expect(verifySha256Signature("It's a Secret to Everybody", 'Hello, World!', header)).toBe(false);
  });
});
