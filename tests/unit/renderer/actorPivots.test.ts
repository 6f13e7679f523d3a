import { describe, expect, it } from 'vitest';
import { actorPivots } from '../../../renderer/explorer/actorPivots';
import type { Filter } from '../../../renderer/query/queryProtocol';

const ACCOUNT = '444455556666';
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const OPS_ALICE = `arn:aws:iam::${ACCOUNT}:user/ops/alice`;
/** A failed console sign-in's identity: no ARN. */
const failed = (more: Record<string, unknown> = {}) => ({ type: 'IAMUser', principalId: 'AIDAALICE0000000001', accountId: ACCOUNT, userName: 'alice', ...more });
const offered = (...args: Parameters<typeof actorPivots>) => actorPivots(...args).map(({ label, shown, whole }) => `${label}: ${shown} (${whole})`);
const sourceIp: Filter = { field: 'sourceIp', value: '198.51.100.23' };

describe('actorPivots', () => {
  it("offers, from an IAM user's event without an ARN, its actor in its account and the user whose ARN it names", () => {
    expect(offered('alice', ACCOUNT, failed(), [ALICE])).toEqual([`this actor in account ${ACCOUNT}: alice (alice)`, `this user: user/alice (${ALICE})`]);
    // The account, from the evidence, as the pane shows any value: its ends and hidden characters escaped.
    expect(offered('alice', ` ${ACCOUNT}\u202e`, failed({ accountId: ` ${ACCOUNT}\u202e` }), [])).toEqual([`this actor in account \\u0020${ACCOUNT}\\u202e: alice (alice)`]);
    expect(offered('AIDAALICE0000000001', ACCOUNT, failed({ userName: undefined }), [ALICE])).toEqual([
      `this actor in account ${ACCOUNT}: AIDAALICE0000000001 (AIDAALICE0000000001)`,
      `this user: user/alice (${ALICE})`,
    ]);
  });

  it('offers each user of that name under several IAM paths, and none when the case lists no ARN for it', () => {
    expect(offered('alice', ACCOUNT, failed(), [ALICE, OPS_ALICE])).toEqual([`this actor in account ${ACCOUNT}: alice (alice)`, `this user: user/alice (${ALICE})`, `this user: user/ops/alice (${OPS_ALICE})`]);
    expect(offered('HIDDEN_DUE_TO_SECURITY_REASONS', ACCOUNT, failed({ userName: 'HIDDEN_DUE_TO_SECURITY_REASONS' }), [])).toEqual([
      `this actor in account ${ACCOUNT}: HIDDEN_DUE_TO_SECURITY_REASONS (HIDDEN_DUE_TO_SECURITY_REASONS)`,
    ]);
  });

  it('offers the plain actor pivot for an event with an ARN, another type, an identity listed under another account, or a CSV row with only a user name', () => {
    expect(offered(ALICE, ACCOUNT, failed({ arn: ALICE }), [ALICE])).toEqual([`this actor: ${ALICE} (${ALICE})`]);
    expect(offered('alice', ACCOUNT, failed({ type: 'AssumedRole' }), [ALICE])).toEqual(['this actor: alice (alice)']);
    expect(offered('alice', '777788889999', failed(), [])).toEqual(['this actor: alice (alice)']);
    expect(offered('alice', '', { userName: 'alice' }, [ALICE])).toEqual(['this actor: alice (alice)']);
    expect(offered('', ACCOUNT, failed({ userName: '', principalId: '' }), [])).toEqual([]);
  });

  it("filters on the actor and the account together, and on the user's ARN without that account's filter, keeping the listing's other filters", () => {
    const [inAccount, user] = actorPivots('alice', ACCOUNT, failed(), [ALICE]);
    expect(inAccount!.filters([sourceIp, { field: 'actor', value: 'bob' }])).toEqual([sourceIp, { field: 'actor', value: 'alice' }, { field: 'account', value: ACCOUNT, withActor: true }]);
    expect(user!.filters([{ field: 'actor', value: 'alice' }, { field: 'account', value: ACCOUNT }, sourceIp])).toEqual([sourceIp, { field: 'actor', value: ALICE }]);
    // Another account's filter is the investigator's own condition: kept.
    expect(user!.filters([{ field: 'account', value: '777788889999' }])).toEqual([{ field: 'account', value: '777788889999' }, { field: 'actor', value: ALICE }]);
    const [plain] = actorPivots(ALICE, ACCOUNT, failed({ arn: ALICE }), []);
    expect(plain!.filters([{ field: 'account', value: ACCOUNT }])).toEqual([{ field: 'account', value: ACCOUNT }, { field: 'actor', value: ALICE }]);
  });

  it("takes the Account filter of `this actor in account` away with the next actor pivot, even once its Actor chip was removed; one set on its own stays", () => {
    const [inAccount] = actorPivots('alice', ACCOUNT, failed(), [ALICE]);
    const [plain] = actorPivots(ALICE, ACCOUNT, failed({ arn: ALICE }), []);
    const [otherAlice] = actorPivots('alice', '777788889999', failed({ accountId: '777788889999' }), []);
    const pivoted = inAccount!.filters([sourceIp]);
    expect(plain!.filters(pivoted)).toEqual([sourceIp, { field: 'actor', value: ALICE }]);
    expect(plain!.filters(pivoted.filter((filter) => filter !== pivoted[1]))).toEqual([sourceIp, { field: 'actor', value: ALICE }]);
    expect(otherAlice!.filters(pivoted)).toEqual([sourceIp, { field: 'actor', value: 'alice' }, { field: 'account', value: '777788889999', withActor: true }]);
    expect(plain!.filters([{ field: 'account', value: '777788889999' }, sourceIp])).toEqual([{ field: 'account', value: '777788889999' }, sourceIp, { field: 'actor', value: ALICE }]);
  });
});
