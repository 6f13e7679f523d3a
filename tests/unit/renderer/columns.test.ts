import { describe, expect, it } from 'vitest';
import { columnWidth, shortActor } from '../../../renderer/explorer/columns';

describe('listing columns', () => {
  it('shows an ARN of the event\'s own account from its resource on, and one of another account with its account', () => {
    expect(shortActor('arn:aws:iam::111111111111:user/alice', '111111111111')).toBe('user/alice');
    expect(shortActor('arn:aws:iam::999999999999:user/alice', '111111111111')).toBe('999999999999:user/alice');
    expect(shortActor('arn:aws-us-gov:sts::111111111111:assumed-role/R/a:b', '111111111111')).toBe('assumed-role/R/a:b');
    expect(shortActor('arn:aws:iam::111111111111:root', '111111111111')).toBe('root');
    // No account in the ARN, or no ARN at all: as it is, or from its resource on.
    expect(shortActor('arn:aws:s3:::bucket/key', '111111111111')).toBe('bucket/key');
    expect(shortActor('ec2.amazonaws.com', '111111111111')).toBe('ec2.amazonaws.com');
    expect(shortActor('AIDAEXAMPLE', '')).toBe('AIDAEXAMPLE');
  });

  it('widens the time column past milliseconds only', () => {
    expect([columnWidth('time', 0), columnWidth('time', 3), columnWidth('time', 6), columnWidth('time', 9), columnWidth('region', 9)]).toEqual(['186px', '186px', '209px', '232px', 'minmax(110px, 0.4fr)']);
  });
});
