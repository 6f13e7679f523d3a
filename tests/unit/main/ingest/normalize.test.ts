import { describe, expect, it } from 'vitest';
import { normalizeEvent as normalizeWithOrigin } from '../../../../main/ingest/normalize';

const ORIGIN = { file: 3, index: 7, flags: 0, text: '{}' };
const normalizeEvent = (raw: unknown) => normalizeWithOrigin(raw, ORIGIN);

describe('normalizeEvent', () => {
  it('extracts the investigation fields of an IAM user call', () => {
    expect(
      normalizeEvent({
        eventTime: '2014-03-06T21:22:54Z',
        eventName: 'StartInstances',
        eventSource: 'ec2.amazonaws.com',
        awsRegion: 'us-east-2',
        sourceIPAddress: '205.251.233.176',
        userAgent: 'ec2-api-tools 1.6.12.2',
        userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/Alice', accountId: '123456789012', accessKeyId: 'AKIDEXAMPLE', userName: 'Alice' },
        readOnly: false,
        eventType: 'AwsApiCall',
      }),
    ).toEqual({
      time: Date.UTC(2014, 2, 6, 21, 22, 54),
      timeFraction: 0,
      eventName: 'StartInstances',
      eventSource: 'ec2.amazonaws.com',
      actor: 'arn:aws:iam::123456789012:user/Alice',
      actorType: 'IAMUser',
      sourceIp: '205.251.233.176',
      region: 'us-east-2',
      account: '123456789012',
      errorCode: '',
      accessKey: 'AKIDEXAMPLE',
      eventType: 'AwsApiCall',
      userAgent: 'ec2-api-tools 1.6.12.2',
      readOnly: 0,
      file: 3,
      index: 7,
      flags: 0,
      text: '{}',
    });
  });

  it('keeps how the time was written below the second', () => {
    expect(normalizeEvent({ eventTime: '2025-01-21 17:49:47.000000000' })).toMatchObject({ time: Date.UTC(2025, 0, 21, 17, 49, 47), timeFraction: 9 });
    expect(normalizeEvent({ eventTime: '2021-04-22T23:20:10.123456Z' })).toMatchObject({ time: Date.UTC(2021, 3, 22, 23, 20, 10, 123), timeFraction: 6 + 16 * 456_000 });
  });

  it('takes a failed console sign-in as an error: why it failed, as CloudTrail gives no errorCode there', () => {
    const signIn = { eventType: 'AwsConsoleSignIn', eventName: 'ConsoleLogin', responseElements: { ConsoleLogin: 'Failure' } };
    expect(normalizeEvent(signIn).errorCode).toBe('Failure');
    expect(normalizeEvent({ ...signIn, errorMessage: 'Failed authentication' }).errorCode).toBe('Failed authentication');
    expect(normalizeEvent({ ...signIn, eventName: 'CheckMfa', responseElements: { CheckMfa: 'Failure' } }).errorCode).toBe('Failure');
    expect(normalizeEvent({ ...signIn, responseElements: { ConsoleLogin: 'Success' } }).errorCode).toBe('');
    // Only sign-ins: an API call's response is its own business.
    expect(normalizeEvent({ ...signIn, eventType: 'AwsApiCall' }).errorCode).toBe('');
    expect(normalizeEvent({ ...signIn, responseElements: null }).errorCode).toBe('');
    // IAM Identity Center's sign-ins are service events, their outcome in serviceEventDetails.
    const center = { eventType: 'AwsServiceEvent', eventSource: 'signin.amazonaws.com', eventName: 'CredentialVerification', serviceEventDetails: { CredentialVerification: 'Failure' } };
    expect(normalizeEvent(center).errorCode).toBe('Failure');
    expect(normalizeEvent({ ...center, serviceEventDetails: { CredentialVerification: 'Success' } }).errorCode).toBe('');
    expect(normalizeEvent({ ...center, eventSource: 'sso.amazonaws.com' }).errorCode).toBe('');
  });

  it('falls back from ARN to user name, principal id, then invoking service', () => {
    expect(normalizeEvent({ userIdentity: { userName: 'bob', principalId: 'P1' } }).actor).toBe('bob');
    expect(normalizeEvent({ userIdentity: { principalId: 'P1', invokedBy: 'x.amazonaws.com' } }).actor).toBe('P1');
    expect(normalizeEvent({ userIdentity: { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' } }).actor).toBe('lambda.amazonaws.com');
  });

  it('takes another account that made the request as the actor when its identity names nothing else (a VPC endpoint event, denied or not)', () => {
    const vpce = { eventType: 'AwsVpceEvent', recipientAccountId: '444455556666', userIdentity: { type: 'AWSAccount', principalId: '', accountId: '777788889999' } };
    expect([normalizeEvent(vpce).actor, normalizeEvent(vpce).account]).toEqual(['777788889999', '444455556666']);
    // A principal it names comes first, after its account: the ID alone would not say whose. An account of another type is no actor (a service acted there).
    expect(normalizeEvent({ userIdentity: { type: 'AWSAccount', principalId: 'AIDAEXTERNAL0000001', accountId: '777788889999' } }).actor).toBe('777788889999:AIDAEXTERNAL0000001');
    expect(normalizeEvent({ userIdentity: { type: 'AWSAccount', principalId: 'AROAEXTERNAL0000001:session', accountId: '777788889999' } }).actor).toBe('777788889999:AROAEXTERNAL0000001:session');
    expect(normalizeEvent({ userIdentity: { type: 'AWSAccount', principalId: 'AIDAEXTERNAL0000001' } }).actor).toBe('AIDAEXTERNAL0000001');
    expect(normalizeEvent({ userIdentity: { accountId: '444455556666', invokedBy: 'AWS Internal' } }).actor).toBe('AWS Internal');
    expect(normalizeEvent({ userIdentity: { type: 'AWSService', accountId: '444455556666' } }).actor).toBe('');
  });

  it('prefers the recipient account and reads errors and readOnly', () => {
    const fields = normalizeEvent({ recipientAccountId: '222', userIdentity: { accountId: '111' }, errorCode: 'AccessDenied', readOnly: 'true' });
    expect([fields.account, fields.errorCode, fields.readOnly]).toEqual(['222', 'AccessDenied', 1]);
  });

  it('keeps Insights events (no userIdentity) with empty actor fields', () => {
    const fields = normalizeEvent({ eventType: 'AwsCloudTrailInsight', eventTime: '2019-11-14T00:51:00Z', awsRegion: 'us-east-1' });
    expect([fields.actor, fields.actorType, fields.readOnly, fields.eventType]).toEqual(['', '', -1, 'AwsCloudTrailInsight']);
  });

  it('names an Insights event after the API in its insightDetails, and only when it has no name of its own', () => {
    const details = { state: 'End', eventSource: 'iam.amazonaws.com', eventName: 'CreateAccessKey', insightType: 'ApiErrorRateInsight', errorCode: 'AccessDenied' };
    const insight = normalizeEvent({ eventType: 'AwsCloudTrailInsight', eventCategory: 'Insight', insightDetails: details });
    expect([insight.eventName, insight.eventSource, insight.eventType, insight.errorCode, insight.actor]).toEqual(['CreateAccessKey', 'iam.amazonaws.com', 'AwsCloudTrailInsight', '', '']);
    const named = normalizeEvent({ eventName: 'GetObject', eventSource: 's3.amazonaws.com', insightDetails: details });
    expect([named.eventName, named.eventSource]).toEqual(['GetObject', 's3.amazonaws.com']);
    const hostile = normalizeEvent({ eventType: 'AwsCloudTrailInsight', insightDetails: [{ eventName: 'X' }] });
    expect([hostile.eventName, hostile.eventSource]).toEqual(['', '']);
    const proto = normalizeEvent(JSON.parse('{"insightDetails": {"__proto__": {"eventName": "Injected"}}}'));
    expect(proto.eventName).toBe('');
  });

  it('treats hostile shapes as data: arrays, nulls, objects in string fields, __proto__ keys', () => {
    expect(normalizeEvent(null).eventName).toBe('');
    expect(normalizeEvent([1, 2]).eventName).toBe('');
    expect(normalizeEvent({ eventName: { $gt: '' }, userIdentity: 'root' }).actor).toBe('');
    const polluted = normalizeEvent(JSON.parse('{"__proto__": {"eventName": "Injected"}, "userIdentity": {"__proto__": {"arn": "x"}}}'));
    expect([polluted.eventName, polluted.actor]).toEqual(['', '']);
    expect(({} as Record<string, unknown>)['eventName']).toBeUndefined();
  });
});
