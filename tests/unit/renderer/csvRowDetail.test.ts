import { describe, expect, it } from 'vitest';
import { csvRowDetail } from '../../../renderer/query/csvRowDetail';
import { LAKE_CSV, LAKE_ROWS } from '../../fixtures/generators/csvExports';

describe('csvRowDetail', () => {
  it("reads a Lake row again with its file's header: every column by name, and the event its columns stand for", () => {
    const header = 'eventtime,useridentity,eventname,requestparameters,eventid';
    const row = '2024-05-01 10:00:00.000,"{type=IAMUser, principalid=AIDAX, arn=arn:aws:iam::111122223333:user/alice, accountid=111122223333, accesskeyid=AKIAX, username=alice, sessioncontext=null, invokedby=null}",GetObject,"{bucketName=evidence, key=""a,b.pdf""}",e-1';
    expect(csvRowDetail(header, row)).toEqual({
      columns: [
        { name: 'eventtime', value: '2024-05-01 10:00:00.000' },
        { name: 'useridentity', value: '{type=IAMUser, principalid=AIDAX, arn=arn:aws:iam::111122223333:user/alice, accountid=111122223333, accesskeyid=AKIAX, username=alice, sessioncontext=null, invokedby=null}' },
        { name: 'eventname', value: 'GetObject' },
        { name: 'requestparameters', value: '{bucketName=evidence, key="a,b.pdf"}' },
        { name: 'eventid', value: 'e-1' },
      ],
      event: {
        userIdentity: { type: 'IAMUser', principalId: 'AIDAX', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', accessKeyId: 'AKIAX', userName: 'alice' },
        eventTime: '2024-05-01 10:00:00.000',
        eventName: 'GetObject',
        requestParameters: { bucketName: 'evidence', key: '"a,b.pdf"' },
        eventID: 'e-1',
      },
    });
  });

  it("reads a Lake row of SELECT * as the event it stands for: its maps, structs and other fields", () => {
    const [header] = LAKE_CSV.split('\n');
    const signIn = LAKE_ROWS.at(-1)!;
    expect(csvRowDetail(header!, signIn)?.event).toEqual({
      eventVersion: '1.09',
      userIdentity: { type: 'IAMUser', principalId: 'AIDAALICE00000000001', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', userName: 'alice' },
      eventTime: '2024-05-01 10:00:12.000',
      eventSource: 'signin.amazonaws.com',
      eventName: 'ConsoleLogin',
      awsRegion: 'us-east-1',
      sourceIPAddress: '198.51.100.23',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
      errorMessage: 'Failed authentication',
      responseElements: { ConsoleLogin: 'Failure' },
      additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: 'No' },
      eventID: 'a1b2c3d4-0000-4000-8000-000000000001',
      readOnly: 'false',
      eventType: 'AwsConsoleSignIn',
      managementEvent: 'true',
      recipientAccountId: '111122223333',
      eventCategory: 'Management',
    });
    const assumeRole = csvRowDetail(header!, LAKE_ROWS.at(-3)!)?.event;
    expect([assumeRole?.['responseElements'], assumeRole?.['resources'], (assumeRole?.['userIdentity'] as Record<string, unknown>)['sessionContext']]).toEqual([
      {
        credentials: { accessKeyId: 'ASIAADMINSESSION0001', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE', expiration: 'May 1, 2024, 11:02:00 AM' },
        assumedRoleUser: { assumedRoleId: 'AROAADMIN0000000001:alice-admin', arn: 'arn:aws:sts::111122223333:assumed-role/Admin/alice-admin' },
      },
      [{ accountId: '111122223333', type: 'AWS::IAM::Role', ARN: 'arn:aws:iam::111122223333:role/Admin' }],
      { attributes: { creationDate: '2024-05-01 10:01:30.000', mfaAuthenticated: 'true' } },
    ]);
  });

  it('takes the separator the header uses, names a cell past the last column by its place, keeps a line break inside a cell', () => {
    expect(csvRowDetail('Event name;User name', 'ConsoleLogin;"bob\nsmith";extra')?.columns).toEqual([
      { name: 'Event name', value: 'ConsoleLogin' },
      { name: 'User name', value: 'bob\nsmith' },
      { name: 'column 3', value: 'extra' },
    ]);
  });

  it('is undefined for text that does not read as one row', () => {
    expect([csvRowDetail('a,b', 'x,"open'), csvRowDetail('a,b', 'x\ny')]).toEqual([undefined, undefined]);
  });
});
