import { describe, expect, it } from 'vitest';
import { latestOnly } from '../../../renderer/query/latestOnly';

describe('latestOnly', () => {
  it('runs the work for the last of the calls come meanwhile only, answering the others null', async () => {
    const ran: string[] = [];
    const search = latestOnly(async (text: string) => {
      ran.push(text);
      return text.toUpperCase();
    });
    expect(await Promise.all([search('s'), search('st'), search('sto')])).toEqual([null, null, 'STO']);
    expect(await search('stop')).toBe('STOP');
    expect(ran).toEqual(['sto', 'stop']);
  });
});
