import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { JobTotals } from '../../../../../main/ingest/jobTotals';
import { DEFAULT_LIMITS } from '../../../../../main/ingest/limits';
import { gunzipWhole } from '../../../../../main/ingest/readers/gunzip';

const content = Buffer.from('{"Records":[' + '{"eventName":"GetObject"},'.repeat(40) + '{}]}');
const member = gzipSync(content);

/** The member with optional header fields (flags byte 3): extra, name, comment and header CRC. */
function withHeaderFields(): Buffer {
  const header = Buffer.from(member.subarray(0, 10));
  header[3] = 2 | 4 | 8 | 16;
  const extra = Buffer.from([3, 0, 0xaa, 0xbb, 0xcc]);
  return Buffer.concat([header, extra, Buffer.from('name.json\0comment\0'), Buffer.from([0x12, 0x34]), member.subarray(10)]);
}

describe('gunzipWhole', () => {
  it('gunzips one sound member at once, header fields and all, and counts its output in the job total', () => {
    const totals = new JobTotals();
    expect(gunzipWhole(member, DEFAULT_LIMITS, totals)).toEqual(content);
    expect(gunzipWhole(withHeaderFields(), DEFAULT_LIMITS, totals)).toEqual(content);
    expect(totals.bytes).toBe(2 * content.length);
  });

  it('leaves anything else to the streaming reader, counting nothing', () => {
    const totals = new JobTotals();
    const badSize = Buffer.from(member);
    badSize.writeUInt32LE(content.length + 1, badSize.length - 4);
    const badCrc = Buffer.from(member);
    badCrc.writeUInt32LE((badCrc.readUInt32LE(badCrc.length - 8) + 1) % 2 ** 32, badCrc.length - 8);
    const cases = {
      'two members': Buffer.concat([member, member]),
      'bytes after the member': Buffer.concat([member, Buffer.from('junk')]),
      'zero padding after the member': Buffer.concat([member, Buffer.alloc(16)]),
      truncated: member.subarray(0, member.length - 12),
      'trailer missing': member.subarray(0, member.length - 8),
      'size in the trailer wrong': badSize,
      'CRC-32 in the trailer wrong': badCrc,
      'corrupt data': Buffer.concat([member.subarray(0, 12), Buffer.alloc(20, 0xff), member.subarray(32)]),
      'header truncated': withHeaderFields().subarray(0, 14),
      'not deflate': Buffer.concat([member.subarray(0, 2), Buffer.from([7]), member.subarray(3)]),
    };
    for (const [name, bytes] of Object.entries(cases)) expect(gunzipWhole(bytes, DEFAULT_LIMITS, totals), name).toBeUndefined();
    expect(totals.bytes).toBe(0);
  });

  it('leaves a possible bomb, or output past the job total, to the streaming reader that reports it', () => {
    const bomb = gzipSync(Buffer.alloc(4 * 2 ** 20));
    const totals = new JobTotals();
    expect(gunzipWhole(bomb, { ...DEFAULT_LIMITS, ratioGraceBytes: 1024 }, totals)).toBeUndefined();
    expect(gunzipWhole(bomb, { ...DEFAULT_LIMITS, maxTotalBytes: 4 * 2 ** 20 - 1 }, totals)).toBeUndefined();
    expect(totals.bytes).toBe(0);
    expect(gunzipWhole(bomb, { ...DEFAULT_LIMITS, maxTotalBytes: 4 * 2 ** 20 }, totals)?.length).toBe(4 * 2 ** 20);
  });
});
