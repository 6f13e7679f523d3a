import { describe, expect, it } from 'vitest';
import { eventOutcome } from '../../../renderer/explorer/outcome';
import { csvGap } from '../../../renderer/explorer/csvGap';
import { csvRowDetail } from '../../../renderer/query/csvRowDetail';
import { deniedDelete, failedLogin, goodLogin, insight, serviceEvent, stopLogging, vpceEvent } from '../../fixtures/generators/cliExports';

/** What the pane reads of a CSV row: its event, and why it lacks a key (see csvGap). */
const csvOutcome = (header: string, row: string) => {
  const detail = csvRowDetail(header, row)!;
  return eventOutcome(detail.event, (key) => csvGap(detail, key));
};

describe('eventOutcome', () => {
  it('says a call failed by its errorCode, with its errorMessage', () => {
    expect(eventOutcome(deniedDelete)).toEqual({ failed: true, summary: 'Failed: AccessDenied', details: [['Error message', 'User is not authorized to perform: cloudtrail:DeleteTrail']] });
    expect(eventOutcome(vpceEvent)).toEqual({ failed: true, summary: 'Failed: VpceAccessDenied', details: [['Error message', 'The request was denied by the VPC endpoint policy']] });
    expect(eventOutcome({ eventName: 'CreateUser', errorCode: 'EntityAlreadyExists' })).toEqual({ failed: true, summary: 'Failed: EntityAlreadyExists', details: [] });
    // The code's ends shown, as printableValue shows any value: the sentence's own space stays.
    expect(eventOutcome({ eventName: 'CreateUser', errorCode: ' AccessDenied\u202e' })?.summary).toBe('Failed: \\u0020AccessDenied\\u202e');
  });

  it('says a console sign-in failed though it has no errorCode: why, whether MFA was used, where it was signing in to', () => {
    expect(eventOutcome(failedLogin)).toEqual({
      failed: true,
      summary: 'Sign-in failed',
      details: [
        ['Error message', 'Failed authentication'],
        ['MFA used', 'No'],
        ['Signing in to', 'https://console.aws.amazon.com/'],
      ],
    });
    // IAM Identity Center's sign-ins say it in serviceEventDetails.
    expect(eventOutcome({ eventSource: 'signin.amazonaws.com', eventType: 'AwsServiceEvent', eventName: 'CredentialVerification', serviceEventDetails: { CredentialVerification: 'Failure' } })).toEqual({ failed: true, summary: 'Sign-in failed', details: [] });
    expect(eventOutcome(goodLogin)).toEqual({ failed: false, summary: 'Sign-in succeeded', details: [] });
  });

  it('says a call without an errorCode succeeded, quietly, and an Insights event or what is no event has no outcome', () => {
    expect(eventOutcome(stopLogging)).toEqual({ failed: false, summary: 'Succeeded (no error code)', details: [] });
    expect(eventOutcome(serviceEvent)).toEqual({ failed: false, summary: 'Succeeded (no error code)', details: [] });
    expect(eventOutcome(insight)).toBeUndefined();
    expect(eventOutcome({ insightDetails: { state: 'End' } })).toBeUndefined();
    expect(eventOutcome(['AccessDenied'])).toBeUndefined();
    expect(eventOutcome(undefined)).toBeUndefined();
  });

  it("says what a sign-in whose response gives no result does not say, and keeps its errorMessage", () => {
    expect(eventOutcome({ eventType: 'AwsConsoleSignIn', eventName: 'ConsoleLogin', errorMessage: 'Failed authentication', responseElements: null })).toEqual({
      failed: undefined,
      summary: 'Not said: a sign-in has no error code when it fails, and its responseElements give neither Success nor Failure',
      details: [['Error message', 'Failed authentication']],
    });
  });

  it("reads a CSV row as far as its columns go: Lake's errorcode and errormessage, the console's Error code, and nothing of success without them", () => {
    const lake = 'eventtime,eventname,eventsource,eventtype,errorcode,errormessage';
    expect(csvOutcome(lake, '2024-06-01 10:04:00.000,CreateUser,iam.amazonaws.com,AwsApiCall,AccessDenied,"User: arn:aws:iam::444455556666:user/bob is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::444455556666:user/eve"')).toEqual({
      failed: true,
      summary: 'Failed: AccessDenied',
      details: [['Error message', 'User: arn:aws:iam::444455556666:user/bob is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::444455556666:user/eve']],
    });
    expect(csvOutcome(lake, '2024-06-01 10:05:00.000,ListUsers,iam.amazonaws.com,AwsApiCall,,')).toEqual({ failed: false, summary: 'Succeeded (no error code)', details: [] });
    // A failed console sign-in in a Lake result: its errorcode empty, its result in responseelements.
    expect(csvOutcome(`${lake},responseelements`, '2024-06-01 09:58:12.000,ConsoleLogin,signin.amazonaws.com,AwsConsoleSignIn,,Failed authentication,{ConsoleLogin=Failure}')).toEqual({
      failed: true,
      summary: 'Sign-in failed',
      details: [['Error message', 'Failed authentication']],
    });
    expect(csvOutcome(lake, '2024-06-01 09:58:12.000,ConsoleLogin,signin.amazonaws.com,AwsConsoleSignIn,,Failed authentication')).toEqual({
      failed: undefined,
      summary: 'Not said: a sign-in has no error code when it fails, and the export’s columns do not include responseElements',
      details: [['Error message', 'Failed authentication']],
    });
    // Its responseelements cell empty: the export had the column, this row nothing in it.
    expect(csvOutcome(`${lake},responseelements`, '2024-06-01 09:58:12.000,ConsoleLogin,signin.amazonaws.com,AwsConsoleSignIn,,Failed authentication,')).toEqual({
      failed: undefined,
      summary: 'Not said: a sign-in has no error code when it fails, and the export’s responseelements column is empty',
      details: [['Error message', 'Failed authentication']],
    });
    const console = 'Event name,Event time,User name,Event source,Error code,Event ID';
    expect(csvOutcome(console, 'DeleteTrail,2024-06-01T10:04:00Z,alice,cloudtrail.amazonaws.com,AccessDenied,e-5')).toEqual({ failed: true, summary: 'Failed: AccessDenied', details: [] });
    expect(csvOutcome('eventtime,eventname,eventsource', '2024-06-01 10:05:00.000,ListUsers,iam.amazonaws.com')).toEqual({ failed: undefined, summary: 'Not said: the export’s columns do not include errorCode', details: [] });
    // A console row whose CloudTrail event cell is empty is read from its other columns: its Error code cell, empty, says the call succeeded.
    expect(csvOutcome('Event name,Event time,Error code,CloudTrail event', 'ListUsers,2024-06-01T10:05:00Z,,')).toEqual({ failed: false, summary: 'Succeeded (no error code)', details: [] });
    expect(csvOutcome('Event name,Event time,CloudTrail event', 'ListUsers,2024-06-01T10:05:00Z,')).toEqual({
      failed: undefined,
      summary: 'Not said: this row’s CloudTrail event cell is empty, and the export’s other columns do not include errorCode',
      details: [],
    });
  });
});
