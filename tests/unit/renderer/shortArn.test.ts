import { describe, expect, it } from 'vitest';
import { shortArn } from '../../../renderer/explorer/shortArn';

describe('shortArn', () => {
  it('shows an ARN of the event\'s own account from its resource on, and one of another account with its account', () => {
    expect(shortArn('arn:aws:iam::111111111111:user/alice', '111111111111')).toBe('user/alice');
    expect(shortArn('arn:aws:iam::999999999999:user/alice', '111111111111')).toBe('999999999999:user/alice');
    expect(shortArn('arn:aws-us-gov:sts::111111111111:assumed-role/R/a:b', '111111111111')).toBe('assumed-role/R/a:b');
    expect(shortArn('arn:aws:iam::111111111111:root', '111111111111')).toBe('root');
    // No account in the ARN, or no ARN at all: as it is, or from its resource on.
    expect(shortArn('arn:aws:s3:::bucket/key', '111111111111')).toBe('bucket/key');
    expect(shortArn('ec2.amazonaws.com', '111111111111')).toBe('ec2.amazonaws.com');
    expect(shortArn('AIDAEXAMPLE', '')).toBe('AIDAEXAMPLE');
  });
});
