import { describe, expect, it } from 'vitest';
import { csvGap, eventCellNote, gapText } from '../../../renderer/explorer/csvGap';
import { csvRowDetail } from '../../../renderer/query/csvRowDetail';

/** What the pane says in place of `key` for a row of an export with this header, '' when the row gives it. */
const said = (header: string, row: string, key: string): string => {
  const gap = csvGap(csvRowDetail(header, row)!, key);
  return gap ? gapText(gap) : '';
};

const LAKE = 'eventtime,eventname,useridentity,requestparameters,responseelements,resources,errorcode';
const CONSOLE = 'Event ID,Event time,User name,Event name,Resource type,Resource name,AWS access key,AWS region,Error code,Source IP address,Resources,CloudTrail event';

describe('what the pane says of a key a CSV row does not give', () => {
  it("tells a Lake row's empty cells (the event had none) from columns the export did not select (it says nothing)", () => {
    const row = '2024-06-01 10:05:00.000,GetCallerIdentity,,,,,';
    expect(['userIdentity', 'requestParameters', 'responseElements', 'resources'].map((key) => said(LAKE, row, key))).toEqual([
      'None in this row (the export’s useridentity column is empty)',
      'None in this row (the export’s requestparameters column is empty)',
      'None in this row (the export’s responseelements column is empty)',
      'None in this row (the export’s resources column is empty)',
    ]);
    expect(['userIdentity', 'requestParameters'].map((key) => said('eventtime,eventname', '2024-06-01 10:05:00.000,ListUsers', key))).toEqual([
      'Not in this export: its columns do not include userIdentity',
      'Not in this export: its columns do not include requestParameters',
    ]);
  });

  it('says nothing in place of what the row gives, and does not call a cell that reads as nothing empty', () => {
    expect(said(LAKE, '2024-06-01 10:05:00.000,GetObject,"{type=IAMUser, principalid=AIDAX, username=bob}","{bucketName=b}",,,', 'userIdentity')).toBe('');
    expect(said(LAKE, '2024-06-01 10:05:00.000,GetObject,,"{bucketName=b}",,,', 'requestParameters')).toBe('');
    expect(said(LAKE, '2024-06-01 10:05:00.000,GetObject,null,null,,,', 'userIdentity')).toBe('None read from this row (the export’s useridentity column holds no userIdentity that can be read)');
  });

  it('names every column of the console CSV that gives an identity, and an empty CloudTrail event cell where no other column gives the key', () => {
    const empty = 'c0ffee00-0000-4000-8000-000000000099,2024-06-01T10:05:00Z,,GetBucketAcl,,,,us-east-1,,198.51.100.23,,';
    expect(['userIdentity', 'requestParameters', 'resources'].map((key) => said(CONSOLE, empty, key))).toEqual([
      'None in this row (the export’s User name and AWS access key columns are empty)',
      'Not in this row: this row’s CloudTrail event cell is empty, and the export’s other columns do not include requestParameters',
      'None in this row (the export’s Resources column is empty)',
    ]);
    expect(eventCellNote(csvRowDetail(CONSOLE, empty)!)).toBe('This row’s CloudTrail event cell is empty: what is shown here is read from its other columns, which give only some of the event’s fields.');
    expect(eventCellNote(csvRowDetail(CONSOLE, empty.replace(/,$/, ',truncated…'))!)).toBe('This row’s CloudTrail event cell holds no event’s JSON: what is shown here is read from its other columns, which give only some of the event’s fields.');
    expect(eventCellNote(csvRowDetail('eventtime,eventname', '2024-06-01 10:05:00.000,ListUsers')!)).toBeUndefined();
  });
});
