import { describe, expect, it } from 'vitest';
import { isSignIn, signInResult } from '../../../shared/signIn';

describe('signInResult', () => {
  it("reads a sign-in's result from its responseElements or serviceEventDetails, under its eventName", () => {
    expect(signInResult({ eventType: 'AwsConsoleSignIn', eventName: 'ConsoleLogin', responseElements: { ConsoleLogin: 'Failure' } })).toBe('Failure');
    expect(signInResult({ eventType: 'AwsConsoleSignIn', eventName: 'SwitchRole', responseElements: { SwitchRole: 'Success' } })).toBe('Success');
    expect(signInResult({ eventSource: 'signin.amazonaws.com', eventType: 'AwsServiceEvent', eventName: 'UserAuthentication', serviceEventDetails: { UserAuthentication: 'Failure' } })).toBe('Failure');
  });

  it('gives nothing for a sign-in that says neither, or for any other event', () => {
    expect(signInResult({ eventType: 'AwsConsoleSignIn', eventName: 'ConsoleLogin', responseElements: null })).toBeUndefined();
    expect(signInResult({ eventType: 'AwsConsoleSignIn', eventName: 'ConsoleLogin', responseElements: { CheckMfa: 'Failure' } })).toBeUndefined();
    expect(signInResult({ eventType: 'AwsConsoleSignIn', responseElements: { undefined: 'Failure' } })).toBeUndefined();
    expect(signInResult({ eventType: 'AwsApiCall', eventName: 'ConsoleLogin', eventSource: 'iam.amazonaws.com', responseElements: { ConsoleLogin: 'Failure' } })).toBeUndefined();
    expect(isSignIn({ eventSource: 'signin.amazonaws.com' })).toBe(true);
    expect(isSignIn({ eventType: 'AwsApiCall' })).toBe(false);
  });
});
