import { getFileNameLowLevel } from 'yauzl';

/**
 * A zip entry's name as the archive writes it, and whether it names a directory. Backslashes,
 * which some Windows tools write as separators (`AWSLogs\123456789012\CloudTrail\…`), are kept:
 * the file's record shows the name as written, for provenance, while its S3 key and the unsafe
 * name check read either separator. A name ending in either names a directory.
 */
export function zipEntryName(flags: number, raw: Buffer, extraFields: { id: number; data: Buffer }[]): { name: string; directory: boolean } {
  const name = getFileNameLowLevel(flags, raw, extraFields, true);
  return { name, directory: name.endsWith('/') || name.endsWith('\\') };
}
