import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeIdentity } from '../../../renderer/explorer/identity';
import { CORPUS } from '../../fixtures/generators/trailBundle';

type Event = Record<string, unknown>;
const panther = (name: string) => join(CORPUS, 'panther-analysis', name);

describe('describeIdentity', () => {
  it('says why an event names no one: an Insights event by design, an API call unusually, any other record plainly', () => {
    expect(describeIdentity({ eventType: 'AwsCloudTrailInsight', eventCategory: 'Insight', insightDetails: { state: 'Start' } })).toEqual([['Identity', "none by design: an Insights event is CloudTrail's report of unusual activity (its top callers are under Insight)"]]);
    expect(describeIdentity({ eventType: 'AwsApiCall', eventName: 'RunInstances' })).toEqual([['Identity', "none: this API call's record has no userIdentity, which is unusual"]]);
    expect(describeIdentity({ eventType: 'AwsServiceEvent', eventName: 'ConsoleLogin' })).toEqual([['Identity', 'none: this record has no userIdentity']]);
    expect(describeIdentity({ eventName: 'GetObject', userIdentity: 'root' })).toEqual([['Identity', 'none: this record has no userIdentity']]);
    expect(describeIdentity(['AwsCloudTrailInsight'])).toEqual([['Identity', 'none: this record has no userIdentity']]);
  });

  it('says a console sign-in used no MFA, as the compromised root sign-in records it in additionalEventData', async () => {
    const events = (await readFile(panther('compromised-root-creds.attacker_cloudtrail.ndjson'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Event);
    const success = events.find((event) => event['eventName'] === 'ConsoleLogin' && (event['responseElements'] as Event)['ConsoleLogin'] === 'Success')!;
    expect(success['eventTime']).toBe('2020-11-01T08:29:10Z');
    expect(describeIdentity(success)).toEqual([
      ['Type', 'Root'],
      ['Principal', 'arn:aws:iam::493859302102:root'],
      ['User name', 'root'],
      ['Account', '493859302102'],
      ['Authenticated with MFA', 'no'],
    ]);
  });

  it('says a console sign-in used MFA, and with which device', async () => {
    const { Records } = JSON.parse(await readFile(panther('rule-test-events.json'), 'utf8')) as { Records: Event[] };
    const anaya = Records.find((event) => event['eventID'] === 'fed06f42-cb12-4764-8c69-121063dc79b9')!;
    expect(describeIdentity(anaya).filter(([label]) => label.includes('MFA'))).toEqual([
      ['Authenticated with MFA', 'yes'],
      ['MFA device', 'arn:aws:iam::111122223333:u2f/user/anaya/default-AAAAAAAABBBBBBBBCCCCCCCCDD'],
    ]);
  });

  it("takes a session's own MFA attribute first, and says nothing when neither is recorded", () => {
    const session = (mfaAuthenticated: string) => ({ type: 'AssumedRole', sessionContext: { attributes: { mfaAuthenticated } } });
    const mfa = (event: Event) => describeIdentity(event).find(([label]) => label === 'Authenticated with MFA')?.[1];
    expect(mfa({ userIdentity: session('true'), additionalEventData: { MFAUsed: 'No' } })).toBe('yes');
    expect(mfa({ userIdentity: session('false') })).toBe('no');
    expect(mfa({ userIdentity: { type: 'IAMUser' }, additionalEventData: { MFAUsed: 'Yes' } })).toBe('yes');
    expect(mfa({ userIdentity: { type: 'IAMUser' }, additionalEventData: { MFAUsed: 'maybe' } })).toBeUndefined();
    expect(mfa({ userIdentity: { type: 'IAMUser' }, additionalEventData: null })).toBeUndefined();
  });

  it("shows the ends of each value in one made of several, a key with what it is, an issuer's type with its ARN", () => {
    const session = { type: 'Role ', arn: 'arn:aws:iam::111111111111:role/ops ' };
    const pairs = describeIdentity({ userIdentity: { type: 'AssumedRole', accessKeyId: 'ASIAEXAMPLE ', sessionContext: { sessionIssuer: session } } });
    expect(pairs.filter(([label]) => label === 'Access key' || label === 'Session issuer')).toEqual([
      ['Access key', 'ASIAEXAMPLE\\u0020 (temporary: a session)'],
      ['Session issuer', 'Role\\u0020 arn:aws:iam::111111111111:role/ops\\u0020'],
    ]);
    expect(describeIdentity({ userIdentity: { type: 'AssumedRole', sessionContext: { sessionIssuer: { userName: 'ops' } } } }).find(([label]) => label === 'Session issuer')).toEqual(['Session issuer', 'ops']);
  });

  it("shows when a session was created as event times are shown, a trail's ISO time and Lake's zoneless UTC alike", () => {
    const created = (creationDate: string, zone?: 'utc' | 'local') =>
      describeIdentity({ userIdentity: { type: 'AssumedRole', sessionContext: { attributes: { creationDate } } } }, zone).find(([label]) => label === 'Session created')?.[1];
    expect(created('2024-05-01T10:02:00Z')).toBe('2024-05-01 10:02:00 UTC');
    expect(created('2024-05-01 10:02:00.000')).toBe('2024-05-01 10:02:00.000 UTC');
    expect(created('2024-05-01T12:02:00+02:00')).toBe('2024-05-01 10:02:00 UTC');
    expect(created('not a time')).toBe('not a time');
    // The tests run in America/New_York (vitest.config).
    expect(created('2024-05-01 10:02:00.000', 'local')).toBe('2024-05-01 06:02:00.000 UTC-04:00');
  });
});
