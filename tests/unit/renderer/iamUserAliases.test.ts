import { describe, expect, it } from 'vitest';
import { HIDDEN_USER_NAME, iamUserOfArn, identityOf, mayNameOnly, nameOnlyNote, namesOnly, principalIdUnder, usersNamedBy, withoutArn } from '../../../renderer/query/iamUserAliases';

const ACCOUNT = '111122223333';
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const alice = iamUserOfArn(ALICE)!;
/** A failed console sign-in's identity, as CloudTrail writes it: no ARN. */
const failed = (more: Record<string, unknown> = {}) => ({ type: 'IAMUser', principalId: 'AIDAALICE0000000001', accountId: ACCOUNT, accessKeyId: '', userName: 'alice', ...more });

describe('iamUserOfArn', () => {
  it("reads an IAM user's account and name from its ARN, with or without a path, in any partition", () => {
    expect(alice).toEqual({ arn: ALICE, account: ACCOUNT, name: 'alice' });
    expect(iamUserOfArn(`arn:aws:iam::${ACCOUNT}:user/ops/eu/bob.smith@corp`)).toEqual({ arn: `arn:aws:iam::${ACCOUNT}:user/ops/eu/bob.smith@corp`, account: ACCOUNT, name: 'bob.smith@corp' });
    expect(iamUserOfArn(`arn:aws-us-gov:iam::${ACCOUNT}:user/carol`)?.name).toBe('carol');
  });

  it('names no IAM user for a role, a session, root, a federated user, a name or an ARN of another service', () => {
    for (const actor of [
      `arn:aws:iam::${ACCOUNT}:role/alice`,
      `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/alice`,
      `arn:aws:sts::${ACCOUNT}:federated-user/alice`,
      `arn:aws:iam::${ACCOUNT}:root`,
      'alice',
      'AIDAALICE0000000001',
      `arn:aws:s3:::user/alice`,
      `arn:aws:iam::${ACCOUNT}:user/`,
    ]) expect(iamUserOfArn(actor)).toBeUndefined();
  });
});

describe('namesOnly', () => {
  it('takes an IAMUser identity without an ARN, of the same account, by its user name', () => {
    expect(namesOnly(failed(), alice)).toEqual({ by: 'name' });
    expect(namesOnly(failed({ principalId: undefined }), alice)).toEqual({ by: 'name' });
    expect(namesOnly(failed({ arn: '' }), alice)).toEqual({ by: 'name' });
  });

  it('takes one giving only a user principal ID as that ID, for an event under the ARN to vouch for', () => {
    expect(namesOnly(failed({ userName: undefined }), alice)).toEqual({ by: 'principal', principalId: 'AIDAALICE0000000001' });
    expect(namesOnly(failed({ userName: '', principalId: 'AROAADMIN000000001:alice' }), alice)).toBeUndefined();
  });

  it('never takes another account, another type, an identity with an ARN, another name, or the name CloudTrail hides a wrong user name behind', () => {
    expect(namesOnly(failed({ accountId: '999999999999' }), alice)).toBeUndefined();
    expect(namesOnly(failed({ accountId: undefined }), alice)).toBeUndefined();
    expect(namesOnly(failed({ type: 'AssumedRole' }), alice)).toBeUndefined();
    expect(namesOnly(failed({ type: undefined }), alice)).toBeUndefined();
    expect(namesOnly(failed({ arn: `arn:aws:iam::${ACCOUNT}:user/alice` }), alice)).toBeUndefined();
    expect(namesOnly(failed({ userName: 'Alice' }), alice)).toBeUndefined();
    expect(namesOnly(failed({ userName: HIDDEN_USER_NAME }), alice)).toBeUndefined();
    // Even for a real user of that name (a valid IAM user name): every failed sign-in with an unknown name says it.
    const hidden = iamUserOfArn(`arn:aws:iam::${ACCOUNT}:user/${HIDDEN_USER_NAME}`)!;
    expect(hidden.name).toBe(HIDDEN_USER_NAME);
    expect(namesOnly(failed({ userName: HIDDEN_USER_NAME, principalId: undefined }), hidden)).toBeUndefined();
    for (const nothing of [null, undefined, 'alice', ['alice'], {}]) expect(namesOnly(nothing, alice)).toBeUndefined();
  });
});

describe('withoutArn', () => {
  it("reads an IAM user's identity written without an ARN: its own account, user name and principal ID", () => {
    expect(withoutArn(failed())).toEqual({ account: ACCOUNT, name: 'alice', principalId: 'AIDAALICE0000000001' });
    expect(withoutArn(failed({ userName: undefined, arn: '' }))).toEqual({ account: ACCOUNT, name: '', principalId: 'AIDAALICE0000000001' });
  });

  it('is none for an identity with an ARN, of another type, or without an account', () => {
    for (const other of [failed({ arn: ALICE }), failed({ type: 'AssumedRole' }), failed({ type: undefined }), failed({ accountId: undefined }), failed({ accountId: '' }), { userName: 'alice' }, null, 'alice'])
      expect(withoutArn(other)).toBeUndefined();
  });
});

describe('usersNamedBy', () => {
  const user = (resource: string, account = ACCOUNT) => iamUserOfArn(`arn:aws:iam::${account}:user/${resource}`)!;
  const users = [user('alice'), user('ops/alice'), user('bob'), user('alice', '999999999999'), user(HIDDEN_USER_NAME)];

  it('names the users of its account with its user name, each IAM path of it', () => {
    expect(usersNamedBy(failed(), users)).toEqual({ named: [user('alice'), user('ops/alice')] });
    expect(usersNamedBy(failed({ userName: 'bob' }), users)).toEqual({ named: [user('bob')] });
    expect(usersNamedBy(failed({ accountId: '999999999999' }), users)).toEqual({ named: [user('alice', '999999999999')] });
  });

  it('names none for a name no user of its account has, the hidden name, another type, or an identity with an ARN', () => {
    for (const identity of [failed({ userName: 'carol' }), failed({ userName: HIDDEN_USER_NAME }), failed({ type: 'AssumedRole' }), failed({ arn: ALICE }), failed({ accountId: '000000000000' }), undefined])
      expect(usersNamedBy(identity, users)).toEqual({ named: [] });
  });

  it("gives, for a principal ID alone, every user of its account as a candidate for an event under the ARN to vouch for", () => {
    expect(usersNamedBy(failed({ userName: undefined }), users)).toEqual({ principalId: 'AIDAALICE0000000001', candidates: [user('alice'), user('ops/alice'), user('bob'), user(HIDDEN_USER_NAME)] });
    expect(usersNamedBy(failed({ userName: undefined, principalId: 'AROAADMIN000000001:alice' }), users)).toEqual({ named: [] });
  });
});

describe('mayNameOnly', () => {
  it("picks, by the actor column, the user's name and user principal IDs only", () => {
    expect(['alice', 'AIDAALICE0000000001', 'Alice', ALICE, 'AROAADMIN000000001:alice', HIDDEN_USER_NAME, 'AIDA'].filter((actor) => mayNameOnly(actor, alice))).toEqual(['alice', 'AIDAALICE0000000001']);
  });
});

describe('principalIdUnder', () => {
  it("gives the principal ID of an event under the user's own ARN only", () => {
    expect(principalIdUnder(failed({ arn: ALICE }), alice)).toBe('AIDAALICE0000000001');
    expect(principalIdUnder(failed({ arn: `arn:aws:iam::999999999999:user/alice` }), alice)).toBe('');
    expect(principalIdUnder(failed(), alice)).toBe('');
  });
});

describe('identityOf', () => {
  it("reads the userIdentity of an event's JSON, and of a CSV row with its header (a Lake useridentity struct)", () => {
    expect(identityOf(JSON.stringify({ eventName: 'ConsoleLogin', userIdentity: failed() }))).toEqual(failed());
    const header = 'eventname,useridentity';
    const row = `ConsoleLogin,"{type=IAMUser, principalid=AIDAALICE0000000001, arn=null, accountid=${ACCOUNT}, accesskeyid=, username=alice}"`;
    expect(namesOnly(identityOf(row, header), alice)).toEqual({ by: 'name' });
  });

  it('gives no identity type or account for a console Event history row, which has only a user name: it names no IAM user', () => {
    const header = 'Event ID,Event time,User name,Event name,Resource type,Resource name,AWS access key,Event source';
    const row = 'e1,2024-05-01T09:55:00Z,alice,ConsoleLogin,,,,signin.amazonaws.com';
    expect(identityOf(row, header)).toEqual({ userName: 'alice' });
    expect(namesOnly(identityOf(row, header), alice)).toBeUndefined();
    expect(identityOf('not json')).toBeUndefined();
  });
});

describe('nameOnlyNote', () => {
  it('says what the pivot took in, by name and by principal ID, with type and account', () => {
    expect(nameOnlyNote({ user: alice, byName: 3, byPrincipal: 0, principalIds: [] })).toBe(`with 3 events naming only alice (IAMUser, account ${ACCOUNT}, no ARN)`);
    expect(nameOnlyNote({ user: alice, byName: 1, byPrincipal: 1, principalIds: ['AIDAALICE0000000001'] })).toBe(
      `with 1 event naming only alice and 1 event naming only its principal ID AIDAALICE0000000001 (IAMUser, account ${ACCOUNT}, no ARN)`,
    );
    expect(nameOnlyNote({ user: alice, byName: 0, byPrincipal: 0, principalIds: [] })).toBe('');
  });
});
