/** Compression and archive formats met in the wild that Cairn does not read, by their first bytes, with what opens them. */
const UNREAD: { magic: Buffer; format: string; what: string; then: string }[] = [
  // bzip2: 'BZh', a block size digit, then a block's magic (the digits of pi) or, empty, the end of stream's (of the square root of pi).
  { magic: Buffer.from('BZh'), format: 'bzip2', what: 'bzip2-compressed data', then: 'decompress it (bunzip2, 7-Zip) and open the result' },
  { magic: Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), format: 'xz', what: 'xz-compressed data', then: 'decompress it (unxz, 7-Zip) and open the result' },
  { magic: Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), format: 'zstd', what: 'Zstandard-compressed data', then: 'decompress it (unzstd, 7-Zip) and open the result' },
  { magic: Buffer.from([0x04, 0x22, 0x4d, 0x18]), format: 'lz4', what: 'LZ4-compressed data', then: 'decompress it (unlz4) and open the result' },
  { magic: Buffer.from([0x1f, 0x9d]), format: 'compress', what: 'data compressed by Unix compress (.Z)', then: 'decompress it (uncompress, gzip -d) and open the result' },
  { magic: Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), format: '7z', what: 'a 7-Zip archive', then: 'extract it with 7-Zip and open the files' },
  { magic: Buffer.from('Rar!\x1a\x07', 'latin1'), format: 'rar', what: 'a RAR archive', then: 'extract it (unrar, 7-Zip) and open the files' },
];
const BZIP2_BLOCKS = [Buffer.from([0x31, 0x41, 0x59, 0x26, 0x53, 0x59]), Buffer.from([0x17, 0x72, 0x45, 0x38, 0x50, 0x90])];

/**
 * A format Cairn does not read, told by its first bytes (`head`), with the file's error: a
 * CloudTrail export compressed with bzip2, xz or Zstandard, or put in a 7-Zip or RAR archive, is
 * named as such rather than called 'not a CloudTrail export'. Undefined for anything else.
 */
export function unreadFormat(head: Buffer): { format: string; message: string } | undefined {
  const found = UNREAD.find(({ magic }) => head.subarray(0, magic.length).equals(magic));
  if (!found) return undefined;
  if (found.format === 'bzip2' && !(head[3]! >= 0x31 && head[3]! <= 0x39 && BZIP2_BLOCKS.some((block) => head.subarray(4, 10).equals(block)))) return undefined;
  return { format: found.format, message: `${found.what}: Cairn reads gzip, zip and tar only, so its events are not read; ${found.then}` };
}
