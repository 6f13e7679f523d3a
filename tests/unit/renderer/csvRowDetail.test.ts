import { describe, expect, it } from 'vitest';
import { csvRowDetail } from '../../../renderer/query/csvRowDetail';

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
        eventID: 'e-1',
      },
    });
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
