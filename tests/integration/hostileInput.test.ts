import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { constants, gunzipSync, gzipSync, inflateRawSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asV7Tar, markEncrypted, overlappingZip, renameInZip, selfExtracting, streamedZipOf, tarOf, withTypeFlag, zipOf } from '../fixtures/generators/archives';
import { CORPUS } from '../fixtures/generators/trailBundle';
import { packTexts } from '../../main/ingest/packTexts';
import { unpackTexts } from '../../shared/packedTexts';
import { missingHash, printable } from '../../shared/printable';
import { EVENT_FLAGS, type EvidenceFile } from '../../shared/event';
import { eventJson, folder, placeIn, records, scan } from './scan';

const summary = (files: { path: string; container: string[]; format: string; events: number; issues: { severity: string; message: string; location: string }[] }[], dir: string) =>
  files.map((f) => ({ path: [...f.container, f.path].join(' › ').replaceAll(dir + '/', ''), format: f.format, events: f.events, issues: f.issues.map((i) => `${i.severity}: ${i.message}${i.location ? ` @ ${i.location}` : ''}`) }));

describe('archives, read in memory', () => {
  it('opens zip, tar and tar.gz, archives inside archives, and names each entry by its chain', async () => {
    const inner = gzipSync(await tarOf([{ name: 'AWSLogs/1/CloudTrail/us-east-1/2024/03/01/t.json.gz', content: gzipSync(records([eventJson(1)])) }]));
    const zip = await zipOf({ 'export/inner.tar.gz': inner, 'export/plain.json': records([eventJson(2), eventJson(3)]) });
    const tar = await tarOf([{ name: 'a.ndjson', content: `${eventJson(4)}\n${eventJson(5)}\n` }, { name: 'dir/', type: 'directory' }]);
    const dir = await folder({ 'bundle.zip': zip, 'bundle.tar': tar });
    const { files, events } = await scan([dir]);
    expect(summary(files, dir)).toEqual([
      { path: 'bundle.tar', format: 'tar', events: 0, issues: [] },
      { path: 'bundle.tar › a.ndjson', format: 'ndjson', events: 2, issues: [] },
      { path: 'bundle.zip', format: 'zip', events: 0, issues: [] },
      { path: 'bundle.zip › export/inner.tar.gz', format: 'tar', events: 0, issues: [] },
      { path: 'bundle.zip › export/inner.tar.gz › AWSLogs/1/CloudTrail/us-east-1/2024/03/01/t.json.gz', format: 'cloudtrail-records', events: 1, issues: [] },
      { path: 'bundle.zip › export/plain.json', format: 'cloudtrail-records', events: 2, issues: [] },
    ]);
    expect(events.map((e) => e.text)).toEqual([eventJson(4), eventJson(5), eventJson(1), eventJson(2), eventJson(3)]);
    expect(files[4]!.s3Key).toBe('AWSLogs/1/CloudTrail/us-east-1/2024/03/01/t.json.gz');
    expect(files[3]!.contentSha256).not.toBe(files[3]!.sha256);
  });

  it("names macOS metadata (Finder's __MACOSX/._ AppleDouble files, bsdtar's ._ entries, .DS_Store) as such: a warning, never an error", async () => {
    const key = 'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01/t.json.gz';
    // AppleDouble: magic, version, filler, one entry (extended attributes) holding com.apple.quarantine.
    const appleDouble = Buffer.concat([Buffer.from('0005160700020000', 'hex'), Buffer.from('Mac OS X        '), Buffer.from('00010000000900000032000000200000', 'hex'), Buffer.alloc(32), Buffer.from('com.apple.quarantine\u00000081;65a;Safari;')]);
    const dsStore = Buffer.concat([Buffer.from('00000001', 'hex'), Buffer.from('Bud1'), Buffer.alloc(64)]);
    const zip = await zipOf({ [key]: gzipSync(records([eventJson(1)])), [`__MACOSX/${key.replace('t.json.gz', '._t.json.gz')}`]: appleDouble, '.DS_Store': dsStore });
    const tar = await tarOf([{ name: 'logs/._e.json', content: appleDouble }, { name: 'logs/e.json', content: records([eventJson(2)]) }]);
    const dir = await folder({ 'finder.zip': zip, 'bsdtar.tar': tar, '.DS_Store': dsStore });
    const { files, progress } = await scan([dir]);
    const appleDoubleWarning = 'warning: AppleDouble file (the extended attributes and resource fork macOS keeps of another file): macOS metadata, not a log: no events';
    const dsStoreWarning = "warning: .DS_Store file (Finder's folder view settings): macOS metadata, not a log: no events";
    expect(summary(files, dir)).toEqual([
      { path: '.DS_Store', format: 'macos-metadata', events: 0, issues: [dsStoreWarning] },
      { path: 'bsdtar.tar', format: 'tar', events: 0, issues: [] },
      { path: 'bsdtar.tar › logs/._e.json', format: 'macos-metadata', events: 0, issues: [appleDoubleWarning] },
      { path: 'bsdtar.tar › logs/e.json', format: 'cloudtrail-records', events: 1, issues: [] },
      { path: 'finder.zip', format: 'zip', events: 0, issues: [] },
      { path: `finder.zip › ${key}`, format: 'cloudtrail-records', events: 1, issues: [] },
      { path: `finder.zip › __MACOSX/${key.replace('t.json.gz', '._t.json.gz')}`, format: 'macos-metadata', events: 0, issues: [appleDoubleWarning] },
      { path: 'finder.zip › .DS_Store', format: 'macos-metadata', events: 0, issues: [dsStoreWarning] },
    ]);
    expect(files[0]!.sha256).toBe(createHash('sha256').update(dsStore).digest('hex'));
    // The metadata's path mirrors the log's, but only the log has its S3 key.
    expect(files.map((file) => file.s3Key).filter(Boolean)).toEqual([key]);
    expect(progress).toMatchObject({ events: 2, errors: 0 });
  });

  it('an entry compressed with a method Cairn does not read (Deflate64, as Windows Explorer writes large files) is named by its method, the other entries read', async () => {
    const zip = await zipOf({ 'big.json': { content: records([eventJson(1)]), compress: false }, 'small.json': { content: records([eventJson(2)]), compress: false } });
    // The first entry's method, in its local header and in the central directory, set to 9 (Deflate64).
    zip.writeUInt16LE(9, 8);
    zip.writeUInt16LE(9, zip.indexOf(Buffer.from('504b0102', 'hex')) + 10);
    const dir = await folder({ 'explorer.zip': zip });
    const { files, progress } = await scan([dir]);
    expect(summary(files, dir)).toEqual([
      { path: 'explorer.zip', format: 'zip', events: 0, issues: [] },
      {
        path: 'explorer.zip › big.json', format: 'unreadable', events: 0,
        issues: ["error: cannot read entry: compression method 9 (Deflate64, which Windows Explorer's Send to Compressed folder uses for large files and 7-Zip on request) is not supported, only stored and Deflate entries are read; extract the archive with a tool that reads it (7-Zip) and open the files, or re-compress it with Deflate"],
      },
      { path: 'explorer.zip › small.json', format: 'cloudtrail-records', events: 1, issues: [] },
    ]);
    expect(progress).toMatchObject({ events: 1, errors: 1 });
    // It was never opened: none of it was read.
    expect(files.map((file) => file.unread)).toEqual([undefined, true, undefined]);
  });

  it('hashes each entry by its bytes as read and as decompressed', async () => {
    const content = records([eventJson(1)]);
    const gz = gzipSync(content);
    const dir = await folder({ 'x.tar': await tarOf([{ name: 'e.json.gz', content: gz }]) });
    const { files } = await scan([dir]);
    const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
    expect(files[1]).toMatchObject({ size: gz.length, sha256: sha(gz), contentSha256: sha(content) });
  });

  it('keeps zip entry names written with backslashes (Windows tools) as written, their S3 keys derived and their .. seen, whether read from the central directory or the local headers', async () => {
    const key = 'AWSLogs/123456789012/CloudTrail/us-east-1/2024/03/01/123456789012_CloudTrail_us-east-1_20240301T0000Z_a1.json.gz';
    const written = key.replaceAll('/', '\\');
    const zip = renameInZip(await zipOf({ [key]: gzipSync(records([eventJson(1)])), 'up/up/evil.json': records([eventJson(2)]), 'logs': '' }), {
      [key]: written,
      'up/up/': '..\\..\\',
      // An empty file named like a directory: a Windows tool's directory entry.
      logs: 'log\\',
    });
    const cut = zip.subarray(0, zip.indexOf(Buffer.from('PK\u0001\u0002', 'latin1')));
    const dir = await folder({ 'a.zip': zip, 'b.tar': await tarOf([{ name: 'in.zip', content: zip }]), 'c-cut.zip': cut });
    const { files, events } = await scan([dir]);
    const unsafe = 'warning: unsafe entry name (absolute or with ..): read in memory only, nothing is extracted';
    const cutShort = `error: zip central directory is missing (the archive is cut short?): its entries were read from their local headers, up to the end of its data @ byte ${cut.length}`;
    expect(summary(files, dir)).toEqual([
      { path: 'a.zip', format: 'zip', events: 0, issues: [] },
      { path: `a.zip › ${written}`, format: 'cloudtrail-records', events: 1, issues: [] },
      { path: 'a.zip › ..\\..\\evil.json', format: 'cloudtrail-records', events: 1, issues: [unsafe] },
      { path: 'b.tar', format: 'tar', events: 0, issues: [] },
      { path: 'b.tar › in.zip', format: 'zip', events: 0, issues: [] },
      { path: `b.tar › in.zip › ${written}`, format: 'cloudtrail-records', events: 0, issues: [] },
      { path: 'b.tar › in.zip › ..\\..\\evil.json', format: 'cloudtrail-records', events: 0, issues: [unsafe] },
      { path: 'c-cut.zip', format: 'zip', events: 0, issues: [cutShort] },
      { path: `c-cut.zip › ${written}`, format: 'cloudtrail-records', events: 0, issues: [] },
      { path: 'c-cut.zip › ..\\..\\evil.json', format: 'cloudtrail-records', events: 0, issues: [unsafe] },
    ]);
    expect(files.map((f) => f.s3Key)).toEqual(['', key, '', '', '', key, '', '', key, '']);
    expect(events.map((e) => e.text)).toEqual([eventJson(1), eventJson(2)]);
  });

  it("names a tar entry of a type it does not read (GNU tar's sparse file, a volume label) as such, with its size (an error when it has content), and reads the entries after it", async () => {
    const tar = await tarOf([
      { name: 'holes.json', content: records([eventJson(1)]) },
      { name: 'label', content: '' },
      { name: 'after.json', content: records([eventJson(2)]) },
    ]);
    const dir = await folder({ 'odd.tar': withTypeFlag(withTypeFlag(tar, 0, 'S'), 1024, 'V') });
    const { files, events } = await scan([dir]);
    const notRead = (bytes: number) =>
      `${bytes > 0 ? 'error' : 'warning'}: a tar entry of a type that is not read (not a file, directory, link or device: a GNU sparse file, as tar --sparse writes one, a volume label or a multi-volume part): its ${bytes} bytes are not read; extract the archive with GNU tar and open the files`;
    expect(files.map((f) => [[...f.container, f.path].join(' › ').replace(`${dir}/`, ''), f.format, f.size, f.issues.map((i) => `${i.severity}: ${i.message}`)])).toEqual([
      ['odd.tar', 'tar', tar.length, []],
      ['odd.tar › holes.json', 'tar-unknown-type', records([eventJson(1)]).length, [notRead(records([eventJson(1)]).length)]],
      ['odd.tar › label', 'tar-unknown-type', 0, [notRead(0)]],
      ['odd.tar › after.json', 'cloudtrail-records', records([eventJson(2)]).length, []],
    ]);
    expect(events.map((e) => e.text)).toEqual([eventJson(2)]);
    expect(files.map((file) => file.unread)).toEqual([undefined, true, true, undefined]);
  });

  it('names a CloudTrail export compressed with bzip2, xz, Zstandard, LZ4 or compress, or put in a 7-Zip or RAR archive, as such, on disk and in an archive, instead of calling it not CloudTrail', async () => {
    // '{"Records":[]}' as Python's bz2 and lzma modules and the zstd and lz4 tools compress it.
    const compressed = {
      'a.json.bz2': 'QlpoOTFBWSZTWRi5Bq0AAAYbgBAAABAQCg4AmAogACIABoIBoA0KTRgrAO7xdyRThQkBi5Bq0A==',
      'b.json.xz': '/Td6WFoAAATm1rRGAgAhARYAAAB0L+WjAQANeyJSZWNvcmRzIjpbXX0AAABcgcCbA0JN5AABJg4IG+AEH7bzfQEAAAAABFla',
      'c.json.zst': 'KLUv/SQOcQAAeyJSZWNvcmRzIjpbXX31tWR7',
      'd.json.lz4': 'BCJNGGRApw4AAIB7IlJlY29yZHMiOltdfQAAAABL4wpN',
      // compress's output for an empty file; an empty 7-Zip archive (its start header, the CRC-32 of 20 zero bytes); a RAR 5 archive's first bytes.
      'g.json.Z': Buffer.from([0x1f, 0x9d, 0x90]).toString('base64'),
      'h.7z': Buffer.concat([Buffer.from('377abcaf271c00048d9bd50f', 'hex'), Buffer.alloc(20)]).toString('base64'),
      'i.rar': Buffer.from('Rar!\u001a\u0007\u0001\u0000', 'latin1').toString('base64'),
    };
    const files = Object.fromEntries(Object.entries(compressed).map(([name, base64]) => [name, Buffer.from(base64, 'base64')]));
    const dir = await folder({ ...files, 'e.tar': await tarOf([{ name: 'in.json.bz2', content: files['a.json.bz2'] }]), 'f-not-bzip2.txt': 'BZh9 is how a bzip2 file begins\n' });
    const scanned = await scan([dir]);
    const then = (tools: string) => `Cairn reads gzip, zip and tar only, so its events are not read; decompress it (${tools}) and open the result`;
    expect(summary(scanned.files, dir)).toEqual([
      { path: 'a.json.bz2', format: 'bzip2', events: 0, issues: [`error: bzip2-compressed data: ${then('bunzip2, 7-Zip')}`] },
      { path: 'b.json.xz', format: 'xz', events: 0, issues: [`error: xz-compressed data: ${then('unxz, 7-Zip')}`] },
      { path: 'c.json.zst', format: 'zstd', events: 0, issues: [`error: Zstandard-compressed data: ${then('unzstd, 7-Zip')}`] },
      { path: 'd.json.lz4', format: 'lz4', events: 0, issues: [`error: LZ4-compressed data: ${then('unlz4')}`] },
      { path: 'e.tar', format: 'tar', events: 0, issues: [] },
      { path: 'e.tar › in.json.bz2', format: 'bzip2', events: 0, issues: [`error: bzip2-compressed data: ${then('bunzip2, 7-Zip')}`] },
      { path: 'f-not-bzip2.txt', format: 'unrecognised', events: 0, issues: ['error: not a CloudTrail export: the content is neither JSON, JSON lines, CloudWatch Logs lines nor CSV'] },
      { path: 'g.json.Z', format: 'compress', events: 0, issues: [`error: data compressed by Unix compress (.Z): ${then('uncompress, gzip -d')}`] },
      { path: 'h.7z', format: '7z', events: 0, issues: ['error: a 7-Zip archive: Cairn reads gzip, zip and tar only, so its events are not read; extract it with 7-Zip and open the files'] },
      { path: 'i.rar', format: 'rar', events: 0, issues: ['error: a RAR archive: Cairn reads gzip, zip and tar only, so its events are not read; extract it (unrar, 7-Zip) and open the files'] },
    ]);
    expect(scanned.files[0]!.sha256).toBe(createHash('sha256').update(files['a.json.bz2']!).digest('hex'));
  });

  it('says why an archive gave no events: it is empty, or holds only directories', async () => {
    const onlyDirectories = await zipOf({ 'AWSLogs/': '', 'AWSLogs/123456789012/': '' });
    const dir = await folder({
      'a-empty.zip': await zipOf({}),
      'b-dirs.zip': onlyDirectories,
      'c-dir.tar': await tarOf([{ name: 'AWSLogs/', type: 'directory' }]),
      'd.tar': await tarOf([{ name: 'in.zip', content: onlyDirectories }, { name: 'x.json', content: records([eventJson(1)]) }]),
    });
    const { files } = await scan([dir]);
    expect(summary(files, dir)).toEqual([
      { path: 'a-empty.zip', format: 'zip', events: 0, issues: ['warning: empty archive: no entries, no events'] },
      { path: 'b-dirs.zip', format: 'zip', events: 0, issues: ['warning: only directories (2), no files: no events'] },
      { path: 'c-dir.tar', format: 'tar', events: 0, issues: ['warning: only a directory, no files: no events'] },
      { path: 'd.tar', format: 'tar', events: 0, issues: [] },
      { path: 'd.tar › in.zip', format: 'zip', events: 0, issues: ['warning: only directories (2), no files: no events'] },
      { path: 'd.tar › x.json', format: 'cloudtrail-records', events: 1, issues: [] },
    ]);
  });

  it('opens a Unix V7 tar (no ustar magic) by its header checksum', async () => {
    const dir = await folder({ 'old.tar': asV7Tar(await tarOf([{ name: 'e.json', content: records([eventJson(1), eventJson(2)]) }])) });
    const { files, events } = await scan([dir]);
    expect(summary(files, dir)).toEqual([
      { path: 'old.tar', format: 'tar', events: 0, issues: [] },
      { path: 'old.tar › e.json', format: 'cloudtrail-records', events: 2, issues: [] },
    ]);
    expect(events.map((e) => e.text)).toEqual([eventJson(1), eventJson(2)]);
  });

  it('opens a zip whose first bytes are damaged by the central directory at its end, reading every entry it still can', async () => {
    const zip = await zipOf({ 'a.json': records([eventJson(1), eventJson(2)]), 'b.json': records([eventJson(3)]) });
    const damaged = Buffer.from(zip).fill(0, 0, 4);
    // Text that happens to end like a zip is still text: only files whose first bytes cannot be text are checked.
    const textual = `${records([4, 5, 6, 7].map((n) => eventJson(n)))}PK\u0005\u0006${'\u0000'.repeat(18)}`;
    const dir = await folder({ 'damaged.zip': damaged, 'text.json': textual });
    const { files, events } = await scan([dir]);
    expect(summary(files, dir)).toEqual([
      { path: 'damaged.zip', format: 'zip', events: 0, issues: ['warning: does not begin as a zip (its first bytes are damaged, or something precedes the zip) but ends as one: opened by the central directory at its end'] },
      { path: 'damaged.zip › a.json', format: 'unreadable', events: 0, issues: ['error: cannot read entry: invalid local file header signature: 0x0'] },
      { path: 'damaged.zip › b.json', format: 'cloudtrail-records', events: 1, issues: [] },
      { path: 'text.json', format: 'cloudtrail-records', events: 4, issues: [`error: malformed JSON: unexpected content after the JSON document; the rest of the file is not read @ byte ${textual.length - 22}`] },
    ]);
    expect(events.map((e) => e.text)).toEqual([3, 4, 5, 6, 7].map((n) => eventJson(n)));
  });

  it('reads a gzip compressed twice through both layers, and says so', async () => {
    const once = gzipSync(records([eventJson(1), eventJson(2)]));
    const cut = gzipSync(records(Array.from({ length: 50 }, (_, i) => eventJson(i + 3))));
    const dir = await folder({ 'a.json.gz.gz': gzipSync(once), 'b.json.gz.gz': gzipSync(cut.subarray(0, cut.length - 20)) });
    const { files, events } = await scan([dir]);
    const twice = "warning: gzip inside gzip (compressed twice): both layers are read; the content's SHA-256 is of the outer layer's output";
    expect(summary(files, dir)).toEqual([
      { path: 'a.json.gz.gz', format: 'cloudtrail-records', events: 2, issues: [twice] },
      { path: 'b.json.gz.gz', format: 'cloudtrail-records', events: 49, issues: [twice, `error: inner gzip data is corrupt or truncated: unexpected end of file @ byte ${cut.length - 20} of the outer layer's output`] },
    ]);
    expect(files[0]!.contentSha256).toBe(createHash('sha256').update(once).digest('hex'));
    expect(events.map((e) => e.text)).toEqual([eventJson(1), eventJson(2), ...Array.from({ length: 49 }, (_, i) => eventJson(i + 3))]);
  });

  it('reports unsafe names, links, encrypted and truncated archives, and keeps everything readable', async () => {
    const tar = await tarOf([
      { name: '../../etc/evil.json', content: records([eventJson(1)]) },
      { name: '/abs/path.json', content: records([eventJson(2)]) },
      { name: 'link', type: 'symlink', linkname: '/etc/passwd' },
      { name: 'hard', type: 'link', linkname: 'link' },
    ]);
    const zip = await zipOf({ 'ok.json': records([eventJson(3)]) });
    const fullTar = await tarOf([{ name: 'a.json', content: records([eventJson(4)]) }, { name: 'b.json', content: records([eventJson(5)]) }]);
    const symlink = 0o120777;
    const links = await zipOf({ link: { content: '/etc/passwd', mode: symlink }, 'long-link': { content: 'x'.repeat(5000), mode: symlink }, 'f.json': records([eventJson(6)]) });
    const dir = await folder({
      'a.tar': tar,
      'b-encrypted.zip': markEncrypted(zip),
      'c-truncated.zip': zip.subarray(0, zip.length - 30),
      'd-truncated.tar': fullTar.subarray(0, 1100),
      'e-links.zip': links,
      // Cut 100 bytes into b.json's content; its a.json repeats d's, so it is a duplicate, not an event.
      'f-cut-entry.tar': fullTar.subarray(0, 1024 + 512 + 100),
    });
    const { files, events } = await scan([dir]);
    expect(summary(files, dir)).toEqual([
      { path: 'a.tar', format: 'tar', events: 0, issues: [] },
      { path: 'a.tar › ../../etc/evil.json', format: 'cloudtrail-records', events: 1, issues: ['warning: unsafe entry name (absolute or with ..): read in memory only, nothing is extracted'] },
      { path: 'a.tar › /abs/path.json', format: 'cloudtrail-records', events: 1, issues: ['warning: unsafe entry name (absolute or with ..): read in memory only, nothing is extracted'] },
      { path: 'a.tar › link', format: 'symlink', events: 0, issues: ['warning: a symbolic link to /etc/passwd: not followed'] },
      { path: 'a.tar › hard', format: 'link', events: 0, issues: ['warning: a hard link to link: not followed'] },
      { path: 'b-encrypted.zip', format: 'zip', events: 0, issues: [] },
      { path: 'b-encrypted.zip › ok.json', format: 'unreadable', events: 0, issues: ['error: encrypted entry: cannot be read without its password'] },
      { path: 'c-truncated.zip', format: 'zip', events: 0, issues: [`error: zip central directory is missing (the archive is cut short?): its entries were read from their local headers, up to the start of its central directory @ byte ${zip.indexOf(Buffer.from(`PK\u0001\u0002`, 'latin1'))}`] },
      { path: 'c-truncated.zip › ok.json', format: 'cloudtrail-records', events: 1, issues: [] },
      // Cut inside b.json's header, which begins at byte 1024 (a.json's header and one block of content before it).
      { path: 'd-truncated.tar', format: 'tar', events: 0, issues: ['error: tar archive is corrupt or truncated: the header after entry "a.json" is cut short (the data ends at byte 1100); no entry after it is read @ byte 1024'] },
      { path: 'd-truncated.tar › a.json', format: 'cloudtrail-records', events: 1, issues: [] },
      { path: 'e-links.zip', format: 'zip', events: 0, issues: [] },
      { path: 'e-links.zip › link', format: 'symlink', events: 0, issues: ['warning: a symbolic link to /etc/passwd: not followed'] },
      { path: 'e-links.zip › long-link', format: 'symlink', events: 0, issues: ['warning: a symbolic link to a target of 5000 bytes, not shown: not followed'] },
      { path: 'e-links.zip › f.json', format: 'cloudtrail-records', events: 1, issues: [] },
      { path: 'f-cut-entry.tar', format: 'tar', events: 0, issues: ['error: tar archive is corrupt or truncated: Unexpected end of data @ byte 1636'] },
      { path: 'f-cut-entry.tar › a.json', format: 'cloudtrail-records', events: 0, issues: [] },
      { path: 'f-cut-entry.tar › b.json', format: 'unrecognised', events: 0, issues: ['error: tar entry is cut short or corrupt: Unexpected end of data @ byte 100'] },
    ]);
    expect(events.map((e) => JSON.parse(e.text).eventID.slice(-1))).toEqual(['1', '2', '3', '4', '6']);
    // None of a tar's links, an encrypted entry or a link too long to name is read: each is marked so.
    // A zip link's target is its content, read whole to name it: hashed.
    const named = (file: EvidenceFile) => [...file.container, file.path].join(' › ').replace(`${dir}/`, '');
    expect(files.filter((file) => file.unread).map(named)).toEqual(['a.tar › link', 'a.tar › hard', 'b-encrypted.zip › ok.json', 'e-links.zip › long-link']);
    const link = files.find((file) => named(file) === 'e-links.zip › link')!;
    expect([link.sha256, link.contentSha256]).toEqual(Array(2).fill(createHash('sha256').update('/etc/passwd').digest('hex')));
    expect(files.filter((file) => !file.sha256).map((file) => [named(file), missingHash(file)])).toEqual([
      ['a.tar › link', 'not hashed: not read'],
      ['a.tar › hard', 'not hashed: not read'],
      ['b-encrypted.zip › ok.json', 'not hashed: not read'],
      ['e-links.zip › long-link', 'not hashed: not read'],
    ]);
  });
});

describe('tar headers that cannot be read, placed where they begin', () => {
  /** Where each header of a tar begins (a pax header and the entry's own header apart), walked by the sizes they give, up to the zero blocks at its end. */
  const headerOffsets = (tar: Buffer): number[] => {
    const offsets: number[] = [];
    for (let at = 0; at + 512 <= tar.length && tar[at] !== 0; ) {
      offsets.push(at);
      at += 512 + Math.ceil(parseInt(tar.subarray(at + 124, at + 136).toString('latin1'), 8) / 512) * 512;
    }
    return offsets;
  };

  it('a corrupt header checksum, and a header cut short, after a pax header too: the entries before are read, the error names the one before and where the header begins', async () => {
    const long = `AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01/${'x'.repeat(120)}.json`;
    const tar = await tarOf([{ name: 'a.json', content: records([eventJson(1)]) }, { name: long, content: records([eventJson(2)]) }, { name: 'c.json', content: records([eventJson(3)]) }]);
    const offsets = headerOffsets(tar);
    // a.json's header, the pax header giving the long name, the long-named entry's own header, c.json's header.
    expect(offsets).toEqual([0, 1024, 2048, 3072]);
    const corrupt = (at: number): Buffer => {
      const copy = Buffer.from(tar);
      copy[at + 1] = copy[at + 1]! ^ 1;
      return copy;
    };
    const dir = await folder({
      'a-corrupt-after-pax.tar': corrupt(2048),
      'b-corrupt-last.tar': corrupt(3072),
      'c-cut-in-pax.tar': tar.subarray(0, 1024 + 512 + 10),
      'd-cut-in-header.tar': tar.subarray(0, 3072 + 300),
    });
    const { files } = await scan([dir]);
    const unreadable = 'is unreadable: Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?; no entry after it is read';
    expect(summary(files, dir).filter((f) => !f.path.includes(' › '))).toEqual([
      { path: 'a-corrupt-after-pax.tar', format: 'tar', events: 0, issues: [`error: tar archive is corrupt or truncated: the header after entry "a.json" ${unreadable} @ byte 2048`] },
      { path: 'b-corrupt-last.tar', format: 'tar', events: 0, issues: [`error: tar archive is corrupt or truncated: the header after entry ${JSON.stringify(long)} ${unreadable} @ byte 3072`] },
      { path: 'c-cut-in-pax.tar', format: 'tar', events: 0, issues: ['error: tar archive is corrupt or truncated: the header after entry "a.json" is cut short (the data ends at byte 1546); no entry after it is read @ byte 1024'] },
      { path: 'd-cut-in-header.tar', format: 'tar', events: 0, issues: [`error: tar archive is corrupt or truncated: the header after entry ${JSON.stringify(long)} is cut short (the data ends at byte 3372); no entry after it is read @ byte 3072`] },
    ]);
    // Every entry before the failed header is read (a.json's event once, then a duplicate; the long-named entry's once).
    expect(files.map((f) => [f.container.length, f.events])).toEqual([
      [0, 0], [1, 1],
      [0, 0], [1, 0], [1, 1],
      [0, 0], [1, 0],
      [0, 0], [1, 0], [1, 0],
    ]);
  });
});

describe('zips cut short or with bytes in front, read from their local headers', () => {
  // Each scan has its own events, so none is a duplicate of another's.
  const texts = (from: number, count: number): string[] => Array.from({ length: count }, (_, i) => eventJson(from + i, { requestParameters: { key: `k${(from + i) * 7919}` } }));
  const contents = (from: number) => ({ 'a.json': records(texts(from, 2)), 'b.json': records(texts(from + 2, 200)), 'c.json': records(texts(from + 202, 3)) });
  const missing = 'error: zip central directory is missing (the archive is cut short?): its entries were read from their local headers, up to';
  /** Where an entry's data starts in a zip, by its name (found once in its local header). */
  const dataStart = (zip: Buffer, name: string): number => {
    const header = zip.indexOf(Buffer.from(`PK\u0003\u0004`, 'latin1'), zip.indexOf(Buffer.from(name)) - 30);
    return header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
  };
  const centralDirectory = (zip: Buffer): number => zip.indexOf(Buffer.from(`PK\u0001\u0002`, 'latin1'));
  /** The text deflate data cut short still makes. */
  const inflatedPart = (data: Buffer): string => inflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH }).toString();
  const eventsIn = (text: string, from: number, count: number): number => texts(from, count).filter((t) => text.includes(`${t},`) || text.includes(`${t}]`)).length;

  for (const [kind, make] of [
    ['sizes in its local headers', zipOf],
    ['streamed: sizes in data descriptors', streamedZipOf],
  ] as const) {
    it(`keeps every event before the cut of a zip cut short inside an entry (${kind}), and says where the data ends`, async () => {
      const zip = await make(contents(1000));
      const start = dataStart(zip, 'b.json');
      const cut = start + Math.floor((dataStart(zip, 'c.json') - start) / 2);
      const part = inflatedPart(zip.subarray(start, cut));
      const kept = eventsIn(part, 1002, 200);
      expect(kept).toBeGreaterThan(20);
      expect(kept).toBeLessThan(180);
      const dir = await folder({ 'cut.zip': zip.subarray(0, cut) });
      const { files, events } = await scan([dir]);
      expect(summary(files, dir)).toEqual([
        { path: 'cut.zip', format: 'zip', events: 0, issues: [`${missing} the end of its data @ byte ${cut}`] },
        { path: 'cut.zip › a.json', format: 'cloudtrail-records', events: 2, issues: [] },
        { path: 'cut.zip › b.json', format: 'cloudtrail-records', events: kept, issues: [`error: entry is cut short: the archive's data ends at byte ${cut}, inside it @ byte ${Buffer.byteLength(part)}`] },
      ]);
      expect(events.map((e) => e.text)).toEqual([...texts(1000, 2), ...texts(1002, kept)]);
    });
  }

  it('reads every entry of a zip cut short inside its central directory, or right after its last entry', async () => {
    const zip = await zipOf(contents(2000));
    const end = centralDirectory(zip);
    for (const [cut, stop] of [
      [end + 40, 'the start of its central directory'],
      [end, 'the end of its data'],
    ] as const) {
      const dir = await folder({ 'cut.zip': zip.subarray(0, cut) });
      const { files, events } = await scan([dir]);
      expect(summary(files, dir)).toEqual([
        { path: 'cut.zip', format: 'zip', events: 0, issues: [`${missing} ${stop} @ byte ${end}`] },
        { path: 'cut.zip › a.json', format: 'cloudtrail-records', events: 2, issues: [] },
        { path: 'cut.zip › b.json', format: 'cloudtrail-records', events: 200, issues: [] },
        { path: 'cut.zip › c.json', format: 'cloudtrail-records', events: 3, issues: [] },
      ]);
      expect(events).toHaveLength(205);
    }
  });

  it('reads a streamed zip cut short before or after its last data descriptor, checking every CRC-32 it has', async () => {
    const zip = await streamedZipOf(contents(3000));
    const end = centralDirectory(zip);
    const cutDescriptor = await folder({ 'cut.zip': zip.subarray(0, end - 10) });
    const cut = await scan([cutDescriptor]);
    expect(summary(cut.files, cutDescriptor)).toEqual([
      { path: 'cut.zip', format: 'zip', events: 0, issues: [`${missing} the end of its data @ byte ${end - 10}`] },
      { path: 'cut.zip › a.json', format: 'cloudtrail-records', events: 2, issues: [] },
      { path: 'cut.zip › b.json', format: 'cloudtrail-records', events: 200, issues: [] },
      { path: 'cut.zip › c.json', format: 'cloudtrail-records', events: 3, issues: [`error: entry's data descriptor (its CRC-32 and sizes, after its data) is cut short: the archive's data ends at byte ${end - 10}; its CRC-32 is not checked @ byte ${contents(3000)['c.json'].length}`] },
    ]);
    expect(cut.events).toHaveLength(205);
    // b.json's CRC-32, in the data descriptor after its data, altered.
    const altered = Buffer.from(zip.subarray(0, end));
    altered[zip.indexOf(Buffer.from(`PK\u0007\u0008`, 'latin1'), dataStart(zip, 'b.json')) + 4]! ^= 0x01;
    const whole = await folder({ 'cut.zip': zip.subarray(0, end), 'altered.zip': altered });
    const { files } = await scan([whole]);
    expect(files.map((f) => [f.path.replace(`${whole}/`, ''), f.issues.map((i) => i.message)])).toEqual([
      ['altered.zip', [`${missing.slice(7)} the end of its data`]],
      ['a.json', []],
      ['b.json', ['zip entry CRC-32 check failed: the data is not what was compressed (corrupt or altered); its events are kept, to be checked against another copy']],
      ['c.json', []],
      ['cut.zip', [`${missing.slice(7)} the end of its data`]],
      ['a.json', []],
      ['b.json', []],
      ['c.json', []],
    ]);
  });

  const precede = (bytes: number): string =>
    `warning: ${bytes} bytes precede the zip (a self-extracting program, another zip, or other data in front of it): not read; the zip is read from its central directory, its offsets corrected by them @ byte 0`;
  // What a self-extracting program's bytes look like to the sniffer: binary, not a zip.
  const stub = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 37) % 256));
  /** The records of the zips `contents` makes, under the name of the zip read. */
  const entries = (name: string) => [
    { path: `${name} › a.json`, format: 'cloudtrail-records', events: 2, issues: [] },
    { path: `${name} › b.json`, format: 'cloudtrail-records', events: 200, issues: [] },
    { path: `${name} › c.json`, format: 'cloudtrail-records', events: 3, issues: [] },
  ];
  const endsAsOne = 'warning: does not begin as a zip (its first bytes are damaged, or something precedes the zip) but ends as one: opened by the central directory at its end';

  it('reads a zip with bytes in front of it from its central directory, its offsets corrected, and says how many bytes precede it', async () => {
    // A false local header signature in front of the zip is not taken for its first entry.
    const falseSignature = Buffer.concat([Buffer.from('XXPK\u0003\u0004', 'latin1'), Buffer.alloc(40)]);
    const dir = await folder({ 'false.zip': Buffer.concat([falseSignature, await zipOf(contents(4000))]), 'prefixed.zip': Buffer.concat([stub, await zipOf(contents(6000))]) });
    const { files, events } = await scan([dir]);
    expect(summary(files, dir)).toEqual([
      { path: 'false.zip', format: 'zip', events: 0, issues: [endsAsOne, precede(46)] },
      ...entries('false.zip'),
      { path: 'prefixed.zip', format: 'zip', events: 0, issues: [endsAsOne, precede(1000)] },
      ...entries('prefixed.zip'),
    ]);
    expect(events.map((e) => e.text)).toEqual([...texts(4000, 205), ...texts(6000, 205)]);
  });

  const whole = (bytes: number, start: number): string =>
    `warning: a whole zip of ${bytes} bytes precedes the zip at byte ${start + bytes} (zips one after another, as cat a.zip b.zip makes): both are read, in file order @ byte ${start}`;

  it('reads both of two zips one after the other (cat one.zip two.zip), in file order, the entry limit counted across both', async () => {
    const front = await zipOf({ 'front.json': records([eventJson(1)]), 'front2.json': records([eventJson(2), eventJson(3)]) });
    const dir = await folder({ 'two.zip': Buffer.concat([front, await zipOf(contents(4000))]) });
    const { files, events } = await scan([dir]);
    expect(summary(files, dir)).toEqual([
      { path: 'two.zip', format: 'zip', events: 0, issues: [whole(front.length, 0)] },
      { path: 'two.zip › front.json', format: 'cloudtrail-records', events: 1, issues: [] },
      { path: 'two.zip › front2.json', format: 'cloudtrail-records', events: 2, issues: [] },
      { path: 'two.zip › a.json', format: 'cloudtrail-records', events: 2, issues: [] },
      { path: 'two.zip › b.json', format: 'cloudtrail-records', events: 200, issues: [] },
      { path: 'two.zip › c.json', format: 'cloudtrail-records', events: 3, issues: [] },
    ]);
    expect(events.map((e) => e.text)).toEqual([eventJson(1), eventJson(2), eventJson(3), ...texts(4000, 205)]);
    const limited = await scan([dir], { limits: { maxEntries: 3 } });
    expect(summary(limited.files, dir)).toEqual([
      { path: 'two.zip', format: 'zip', events: 0, issues: [whole(front.length, 0), 'error: more than 3 entries: the rest are not read'] },
      { path: 'two.zip › front.json', format: 'cloudtrail-records', events: 1, issues: [] },
      { path: 'two.zip › front2.json', format: 'cloudtrail-records', events: 2, issues: [] },
      { path: 'two.zip › a.json', format: 'cloudtrail-records', events: 2, issues: [] },
    ]);
    expect(limited.events).toHaveLength(5);
  });

  it("reads both of two zips of the same layout one after the other, on disk and in memory: the second's offsets, read uncorrected, land on the first's central directory", async () => {
    // Two daily exports of one shape: same names' lengths, same sizes, so each offset of the second is one of the first.
    const day = (n: number) => zipOf({ [`2024-03-0${n}.json`]: records([eventJson(n)]) });
    const [one, two] = [await day(1), await day(2)];
    expect(one.length).toBe(two.length);
    const both = Buffer.concat([one, two]);
    const dir = await folder({ 'days.zip': both, 'days.tar': await tarOf([{ name: 'days.zip', content: both }]) });
    const { files, events } = await scan([dir]);
    expect(summary(files, dir)).toEqual([
      { path: 'days.tar', format: 'tar', events: 0, issues: [] },
      { path: 'days.tar › days.zip', format: 'zip', events: 0, issues: [whole(one.length, 0)] },
      { path: 'days.tar › days.zip › 2024-03-01.json', format: 'cloudtrail-records', events: 1, issues: [] },
      { path: 'days.tar › days.zip › 2024-03-02.json', format: 'cloudtrail-records', events: 1, issues: [] },
      { path: 'days.zip', format: 'zip', events: 0, issues: [whole(one.length, 0)] },
      { path: 'days.zip › 2024-03-01.json', format: 'cloudtrail-records', events: 0, issues: [] },
      { path: 'days.zip › 2024-03-02.json', format: 'cloudtrail-records', events: 0, issues: [] },
    ]);
    expect(events.map((e) => e.text)).toEqual([eventJson(1), eventJson(2)]);
  });

  it("reads on past a deflate entry whose local header gives a wrong compressed size, in a zip without a central directory, keeping every event", async () => {
    const zip = await zipOf(contents(7000));
    const header = zip.indexOf(Buffer.from('b.json')) - 30;
    const size = zip.readUInt32LE(header + 18);
    const cut = centralDirectory(zip);
    const damaged = (wrong: number): Buffer => {
      const bytes = Buffer.from(zip.subarray(0, cut));
      bytes.writeUInt32LE(wrong, header + 18);
      return bytes;
    };
    const dir = await folder({ 'large.zip': damaged(size + 100), 'small.zip': damaged(size - 100) });
    const { files, events } = await scan([dir]);
    const made = Buffer.byteLength(contents(7000)['b.json']);
    const summarised = (name: string, wrong: number) => [
      { path: name, format: 'zip', events: 0, issues: [`${missing} the end of its data @ byte ${cut}`] },
      { path: `${name} › a.json`, format: 'cloudtrail-records', events: name === 'large.zip' ? 2 : 0, issues: [] },
      { path: `${name} › b.json`, format: 'cloudtrail-records', events: name === 'large.zip' ? 200 : 0, issues: [`error: its local header says ${wrong} compressed bytes; its data ends after ${size} @ byte ${made}`] },
      { path: `${name} › c.json`, format: 'cloudtrail-records', events: name === 'large.zip' ? 3 : 0, issues: [] },
    ];
    // The second zip holds the same events: duplicates, not counted again.
    expect(summary(files, dir)).toEqual([...summarised('large.zip', size + 100), ...summarised('small.zip', size - 100)]);
    expect(events.map((e) => e.text)).toEqual(texts(7000, 205));
  });

  it('reads a zip with bytes in front of it that is also cut short from its local headers, past a false local header signature', async () => {
    const falseSignature = Buffer.concat([Buffer.from('XXPK\u0003\u0004', 'latin1'), Buffer.alloc(40)]);
    const first = await zipOf(contents(8000));
    const second = await zipOf(contents(9000));
    const dir = await folder({ 'false.zip': Buffer.concat([falseSignature, second.subarray(0, centralDirectory(second))]), 'stub.zip': Buffer.concat([stub, first.subarray(0, centralDirectory(first))]) });
    const { files, events } = await scan([dir]);
    const read = (name: string, prefix: number, end: number) => [
      {
        path: name,
        format: 'zip',
        events: 0,
        issues: [
          `warning: does not begin or end as a zip, but a zip entry's local header is there (something precedes a zip cut short?): read as a zip from there @ byte ${prefix}`,
          `warning: ${prefix} bytes precede the zip's first entry (a self-extracting program, or other data in front of the zip): not read @ byte 0`,
          `${missing} the end of its data @ byte ${prefix + end}`,
        ],
      },
      { path: `${name} › a.json`, format: 'cloudtrail-records', events: 2, issues: [] },
      { path: `${name} › b.json`, format: 'cloudtrail-records', events: 200, issues: [] },
      { path: `${name} › c.json`, format: 'cloudtrail-records', events: 3, issues: [] },
    ];
    expect(summary(files, dir)).toEqual([...read('false.zip', 46, centralDirectory(second)), ...read('stub.zip', 1000, centralDirectory(first))]);
    expect(events.map((e) => e.text)).toEqual([...texts(9000, 205), ...texts(8000, 205)]);
  });

  it('recognises a zip with bytes in front of it inside a tar.gz or a zip, as on disk: its central directory, its local headers, zips one after another', async () => {
    const prefixed = Buffer.concat([stub, await zipOf(contents(10000))]);
    const cut = await zipOf(contents(11000));
    const front = await zipOf({ 'front.json': records([eventJson(1)]) });
    const bundle = gzipSync(await tarOf([{ name: 'prefixed.zip', content: prefixed }, { name: 'cut.zip', content: Buffer.concat([stub, cut.subarray(0, centralDirectory(cut))]) }, { name: 'two.zip', content: Buffer.concat([front, await zipOf(contents(12000))]) }]));
    const dir = await folder({ 'bundle.tar.gz': bundle, 'outer.zip': await zipOf({ 'inner/prefixed.zip': prefixed }) });
    const { files, events } = await scan([dir]);
    expect(summary(files, dir)).toEqual([
      { path: 'bundle.tar.gz', format: 'tar', events: 0, issues: [] },
      { path: 'bundle.tar.gz › prefixed.zip', format: 'zip', events: 0, issues: [endsAsOne, precede(1000)] },
      ...entries('bundle.tar.gz › prefixed.zip'),
      {
        path: 'bundle.tar.gz › cut.zip',
        format: 'zip',
        events: 0,
        issues: [
          "warning: does not begin or end as a zip, but a zip entry's local header is there (something precedes a zip cut short?): read as a zip from there @ byte 1000",
          "warning: 1000 bytes precede the zip's first entry (a self-extracting program, or other data in front of the zip): not read @ byte 0",
          `${missing} the end of its data @ byte ${1000 + centralDirectory(cut)}`,
        ],
      },
      ...entries('bundle.tar.gz › cut.zip'),
      { path: 'bundle.tar.gz › two.zip', format: 'zip', events: 0, issues: [whole(front.length, 0)] },
      { path: 'bundle.tar.gz › two.zip › front.json', format: 'cloudtrail-records', events: 1, issues: [] },
      ...entries('bundle.tar.gz › two.zip'),
      { path: 'outer.zip', format: 'zip', events: 0, issues: [] },
      { path: 'outer.zip › inner/prefixed.zip', format: 'zip', events: 0, issues: [endsAsOne, precede(1000)] },
      // The same events as the tar.gz's prefixed.zip: duplicates, not counted again.
      { path: 'outer.zip › inner/prefixed.zip › a.json', format: 'cloudtrail-records', events: 0, issues: [] },
      { path: 'outer.zip › inner/prefixed.zip › b.json', format: 'cloudtrail-records', events: 0, issues: [] },
      { path: 'outer.zip › inner/prefixed.zip › c.json', format: 'cloudtrail-records', events: 0, issues: [] },
    ]);
    expect(events.map((e) => e.text)).toEqual([...texts(10000, 205), ...texts(11000, 205), eventJson(1), ...texts(12000, 205)]);
  });

  it('recognises a zip behind more than 64 KB of other bytes inside a tar.gz or a zip (a self-extracting program, as zip -A makes it or not, or cut short), as on disk; other binary bytes stay not CloudTrail', async () => {
    // A program of 200 KB in front: past the first 64 KB, where a zip's first entry is looked for first.
    const program = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 37) % 256));
    const adjusted = selfExtracting(program, await zipOf(contents(13000)));
    const cut = await zipOf(contents(15000));
    const members = [
      { name: 'sfx.exe', content: adjusted },
      { name: 'cat.exe', content: Buffer.concat([program, await zipOf(contents(14000))]) },
      { name: 'cut.exe', content: Buffer.concat([program, cut.subarray(0, centralDirectory(cut))]) },
      { name: 'program.exe', content: program },
    ];
    const dir = await folder({ 'bundle.tar.gz': gzipSync(await tarOf(members)), 'outer.zip': await zipOf({ 'sfx.exe': adjusted }), 'sfx.exe': adjusted });
    const { files, events } = await scan([dir]);
    const notCloudTrail = 'error: not a CloudTrail export: the content is neither JSON, JSON lines, CloudWatch Logs lines nor CSV';
    const cutIssues = [
      "warning: does not begin or end as a zip, but a zip entry's local header is there (something precedes a zip cut short?): read as a zip from there @ byte 200000",
      "warning: 200000 bytes precede the zip's first entry (a self-extracting program, or other data in front of the zip): not read @ byte 0",
      `${missing} the end of its data @ byte ${200_000 + centralDirectory(cut)}`,
    ];
    expect(summary(files, dir)).toEqual([
      { path: 'bundle.tar.gz', format: 'tar', events: 0, issues: [] },
      { path: 'bundle.tar.gz › sfx.exe', format: 'zip', events: 0, issues: [endsAsOne] },
      ...entries('bundle.tar.gz › sfx.exe'),
      { path: 'bundle.tar.gz › cat.exe', format: 'zip', events: 0, issues: [endsAsOne, precede(200_000)] },
      ...entries('bundle.tar.gz › cat.exe'),
      { path: 'bundle.tar.gz › cut.exe', format: 'zip', events: 0, issues: cutIssues },
      ...entries('bundle.tar.gz › cut.exe'),
      { path: 'bundle.tar.gz › program.exe', format: 'unrecognised', events: 0, issues: [notCloudTrail, 'warning: invalid UTF-8: shown as U+FFFD in the affected events, which are flagged; the hashes cover the original bytes @ byte 4'] },
      { path: 'outer.zip', format: 'zip', events: 0, issues: [] },
      { path: 'outer.zip › sfx.exe', format: 'zip', events: 0, issues: [endsAsOne] },
      ...entries('outer.zip › sfx.exe').map((entry) => ({ ...entry, events: 0 })),
      { path: 'sfx.exe', format: 'zip', events: 0, issues: [endsAsOne] },
      ...entries('sfx.exe').map((entry) => ({ ...entry, events: 0 })),
    ]);
    expect(events.map((e) => e.text)).toEqual([...texts(13000, 205), ...texts(14000, 205), ...texts(15000, 205)]);
    const programFile = files.find((f) => f.path === 'program.exe')!;
    expect([programFile.size, programFile.sha256]).toEqual([program.length, createHash('sha256').update(program).digest('hex')]);
  });

  it('refuses a zip in memory larger than the buffered-archive limit, whether it begins the entry or follows other bytes, and says so, recording it as a zip', async () => {
    // Stored random bytes: the zip is as large as its content.
    const zip = await zipOf({ 'big.bin': { content: Buffer.from(Array.from({ length: 150_000 }, (_, i) => (i * 7919) % 251)), compress: false } });
    const program = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 37) % 256));
    const tar = await tarOf([
      { name: 'a.zip', content: zip },
      { name: 'b-prefixed.zip', content: Buffer.concat([program.subarray(0, 1000), zip]) },
      { name: 'c-sfx.exe', content: Buffer.concat([program, zip]) },
      { name: 'd.json', content: records([eventJson(1)]) },
    ]);
    const dir = await folder({ 'bundle.tar': tar });
    const { files, events } = await scan([dir], { limits: { maxBufferedArchiveBytes: 120_000 } });
    const tooLarge = 'error: a zip inside another file larger than 120000 bytes: not opened';
    expect(summary(files, dir)).toEqual([
      { path: 'bundle.tar', format: 'tar', events: 0, issues: [] },
      { path: 'bundle.tar › a.zip', format: 'zip', events: 0, issues: [tooLarge] },
      { path: 'bundle.tar › b-prefixed.zip', format: 'zip', events: 0, issues: [tooLarge] },
      { path: 'bundle.tar › c-sfx.exe', format: 'zip', events: 0, issues: [tooLarge] },
      { path: 'bundle.tar › d.json', format: 'cloudtrail-records', events: 1, issues: [] },
    ]);
    expect(events).toHaveLength(1);
    expect(files.map((f) => f.size)).toEqual([tar.length, zip.length, zip.length + 1000, zip.length + program.length, records([eventJson(1)]).length]);
  });

  it('reads a zip cut short inside a tar.gz, naming the archive chain', async () => {
    const zip = await streamedZipOf(contents(5000));
    const start = dataStart(zip, 'b.json');
    const cut = start + 1000;
    const part = inflatedPart(zip.subarray(start, cut));
    const kept = eventsIn(part, 5002, 200);
    const dir = await folder({ 'bundle.tar.gz': gzipSync(await tarOf([{ name: 'export/cut.zip', content: zip.subarray(0, cut) }])) });
    const { files, events } = await scan([dir]);
    expect(summary(files, dir)).toEqual([
      { path: 'bundle.tar.gz', format: 'tar', events: 0, issues: [] },
      { path: 'bundle.tar.gz › export/cut.zip', format: 'zip', events: 0, issues: [`${missing} the end of its data @ byte ${cut}`] },
      { path: 'bundle.tar.gz › export/cut.zip › a.json', format: 'cloudtrail-records', events: 2, issues: [] },
      { path: 'bundle.tar.gz › export/cut.zip › b.json', format: 'cloudtrail-records', events: kept, issues: [`error: entry is cut short: the archive's data ends at byte ${cut}, inside it @ byte ${Buffer.byteLength(part)}`] },
    ]);
    expect(events).toHaveLength(2 + kept);
  });
});

describe('bombs and limits (each configurable, each with a real bomb)', () => {
  const zeros = Buffer.alloc(64 * 2 ** 20);
  const limits = { ratioGraceBytes: 2 ** 20, maxRatio: 100 };

  it('stops a gzip bomb at the ratio limit', async () => {
    const dir = await folder({ 'bomb.json.gz': gzipSync(zeros), 'ok.json': records([eventJson(1)]) });
    const { files, events } = await scan([dir], { limits });
    expect(files[0]!.issues).toEqual([
      { severity: 'warning', message: expect.stringMatching(/^zero padding: \d+ NUL characters, /), location: 'byte 0 of the decompressed content' },
      { severity: 'warning', message: 'nothing but zero padding: no events', location: '' },
      { severity: 'error', message: 'decompresses to more than 100 times its size: a possible zip bomb, not read further', location: expect.stringMatching(/^byte \d+ of the decompressed content$/) },
    ]);
    expect(events).toHaveLength(1);
  });

  it('refuses a zip entry whose sizes declare a bomb, before reading it', async () => {
    const dir = await folder({ 'bomb.zip': await zipOf({ 'zeros.json': zeros, 'ok.json': records([eventJson(1)]) }) });
    const { files, events } = await scan([dir], { limits });
    expect(files[1]!.issues).toEqual([{ severity: 'error', message: expect.stringMatching(/^declares 67108864 bytes from \d+: a possible zip bomb, not read$/), location: '' }]);
    expect(files[1]!.unread).toBe(true);
    expect(events).toHaveLength(1);
  });

  it('weighs an entry read from its local header, its sizes unknown, against the data read so far: a bomb stops, a large entry does not', async () => {
    const large = records(Array.from({ length: 8000 }, (_, i) => eventJson(i + 100)));
    expect(large.length).toBeGreaterThan(2 * limits.ratioGraceBytes);
    const zip = await streamedZipOf({ 'zeros.json': zeros, 'large.json': large });
    const cut = zip.subarray(0, zip.indexOf(Buffer.from(`PK\u0001\u0002`, 'latin1')));
    const dir = await folder({ 'cut.zip': cut });
    const { files, events } = await scan([dir], { limits });
    expect(files.map((f) => [f.path.replace(`${dir}/`, ''), f.events, f.issues.map((i) => i.message)])).toEqual([
      ['cut.zip', 0, ['zip central directory is missing (the archive is cut short?): its entries were read from their local headers, up to the end of its data']],
      ['zeros.json', 0, [expect.stringMatching(/^zero padding: \d+ NUL characters, /), 'nothing but zero padding: no events', 'decompresses to more than 100 times its size: a possible zip bomb, not read further']],
      ['large.json', 8000, []],
    ]);
    expect(events).toHaveLength(8000);
  });

  it('stops a zip whose entries share one stream of data once they make more than the ratio limit of its size together', async () => {
    // Each entry makes 1 MB, under the ratio's grace; 40 of them would make 40 MB from about 4 KB.
    const repeated = records(Array.from({ length: 1800 }, () => eventJson(7)));
    expect(repeated.length).toBeLessThan(limits.ratioGraceBytes);
    const bomb = await overlappingZip('same.json', repeated, 40);
    const dir = await folder({ 'overlap.zip': bomb });
    const { files, events, progress } = await scan([dir], { limits: { ...limits, maxRatio: 100 } });
    // Entries are read until together they make more than the grace and 100 times the zip's size.
    const read = Math.floor(Math.max(limits.ratioGraceBytes, 100 * bomb.length) / repeated.length) + 1;
    expect(files.map((f) => [f.path.replace(dir, ''), f.events, f.duplicates, f.issues])).toEqual([
      ['/overlap.zip', 0, 0, [{ severity: 'error', message: "its entries decompress to more than 100 times the archive's size (entries sharing their data?): a possible zip bomb, the rest are not read", location: `entry ${read + 1}` }]],
      ...Array.from({ length: read }, (_, i) => ['same.json', i === 0 ? 1 : 0, i === 0 ? 1799 : 1800, []]),
    ]);
    expect([read, events.length, progress.duplicates]).toEqual([3, 1, 3 * 1800 - 1]);
  });

  it('stops at the total size, the entry count and the nesting depth', async () => {
    const many = await zipOf(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`e${String(i).padStart(2, '0')}.json`, records([eventJson(i)])])));
    const deep = await zipOf({ 'l2.zip': await zipOf({ 'l3.zip': await zipOf({ 'deep.json': records([eventJson(99)]) }), 'l3.json.gz.gz': gzipSync(gzipSync(records([eventJson(98)]))) }) });
    const dir = await folder({ 'many.zip': many, 'nested.zip': deep });
    const counted = await scan([join(dir, 'many.zip')], { limits: { maxEntries: 20 } });
    expect(counted.files[0]!.issues).toEqual([{ severity: 'error', message: 'more than 20 entries: the rest are not read', location: '' }]);
    expect(counted.events).toHaveLength(20);
    const nested = await scan([join(dir, 'nested.zip')], { limits: { maxDepth: 2 } });
    expect(nested.files.map((f) => [f.path, f.format, f.issues.map((i) => i.message)])).toEqual([
      [join(dir, 'nested.zip'), 'zip', []],
      ['l2.zip', 'zip', []],
      ['l3.zip', 'zip', ['an archive nested deeper than 2 levels: not opened']],
      // Its outer gzip layer is read: the gzip that holds is not opened.
      ['l3.json.gz.gz', 'gzip', ['an archive nested deeper than 2 levels: not opened']],
    ]);
    const big = await folder({ 'a.json': records(Array.from({ length: 50 }, (_, i) => eventJson(i))), 'b.json.gz': gzipSync(records([eventJson(60)])) });
    const total = await scan([big], { limits: { maxTotalBytes: 100 } });
    expect(total.files[1]!.issues[0]!.message).toBe("the job's decompressed size passed its limit of 100 bytes");
    expect(total.events).toHaveLength(50);
  });

  it('passes over an event longer than the limit, in a trail file as in NDJSON, and says where it starts', async () => {
    const first = eventJson(1).replace('GetObject', 'GetObjecté€');
    const long = eventJson(2).replace('"GetObject"', `"${'x'.repeat(1_000_000)}"`);
    const trail = records([first, long, eventJson(3)]);
    const dir = await folder({ 'a.json': trail, 'b.ndjson': [first, long, eventJson(3)].join('\n'), 'c.json': long });
    const { files, events } = await scan([dir], { limits: { maxEventChars: 500_000 } });
    expect(summary(files, dir)).toEqual([
      { path: 'a.json', format: 'cloudtrail-records', events: 2, issues: [`error: item 1: longer than 500000 characters: not read @ byte ${Buffer.from(trail).indexOf(long)}`] },
      { path: 'b.ndjson', format: 'ndjson', events: 0, issues: [`error: line longer than 500000 characters: skipped @ line 2, byte ${Buffer.byteLength(first) + 1}`] },
      // One line past the limit, with no end in sight: read as lines, it is refused as one would be.
      { path: 'c.json', format: 'ndjson', events: 0, issues: ['error: line longer than 500000 characters: skipped @ line 1, byte 0'] },
    ]);
    expect(Buffer.from(trail).indexOf(long)).toBe(trail.indexOf(long) + 3);
    expect(events.map((e) => e.eventName)).toEqual(['GetObjecté€', 'GetObject']);
  });

  it('keeps an event nested deeper than the limit in every format, flagged, with its text and top-level fields, says where it is, and keeps its neighbours', async () => {
    const deep = (n: number, levels = 200): string => eventJson(n).replace(/}$/, `,"requestParameters":{"bucketName":"b${n}","x":${'['.repeat(levels)}${']'.repeat(levels)}}}`);
    // Many brackets but shallow, and brackets inside a string: kept, unflagged.
    const shallow = [eventJson(40, { resources: Array.from({ length: 200 }, () => ({ a: [] })) }), eventJson(41, { s: '{['.repeat(300) })];
    const lookup = (text: string): string => JSON.stringify({ EventId: 'x', CloudTrailEvent: text });
    const lookupDoc = `{"Events":[${lookup(eventJson(4))},${lookup(deep(5))},${lookup(eventJson(6))}]}`;
    const filterDoc = `{"events":[${[eventJson(10), deep(11), eventJson(12)].map((message) => JSON.stringify({ timestamp: 1, message })).join(',')}]}`;
    const cell = (text: string): string => `"${text.replaceAll('"', '""')}"`;
    const dir = await folder({
      'a.ndjson': [eventJson(1), deep(2), eventJson(3)].join('\n'),
      'b-lookup.json': lookupDoc,
      'c-lookup-lines.json': [eventJson(7), deep(8), eventJson(9)].map(lookup).join('\n'),
      'd-filter.json': filterDoc,
      'e-export.txt': [eventJson(13), deep(14), eventJson(15)].map((text) => `2024-03-01T00:00:01.000Z ${text}`).join('\n'),
      'f-lake.csv': ['eventID,eventJson', ...[eventJson(16), deep(17), eventJson(18)].map((text, i) => `${i},${cell(text)}`)].join('\n'),
      'g-records.json': records([eventJson(19), deep(20, 5000), eventJson(21)]),
      'h-shallow.ndjson': shallow.join('\n'),
      'i-malformed.ndjson': [eventJson(22), deep(23).replace(']]]}', ']]}'), eventJson(24)].join('\n'),
    });
    const { files, events } = await scan([dir]);
    const kept = (item: number, where: string, levels = 202): string[] => [
      `warning: item ${item}: nested ${levels} levels deep, deeper than 100: stored with its text as it is, but what lies deeper than 100 levels is only shown in that text @ ${where}`,
    ];
    const secondLine = (first: string): string => `line 2, byte ${Buffer.byteLength(first) + 1}`;
    expect(summary(files, dir)).toEqual([
      { path: 'a.ndjson', format: 'ndjson', events: 3, issues: kept(1, secondLine(eventJson(1))) },
      { path: 'b-lookup.json', format: 'lookup-events', events: 3, issues: kept(1, `byte ${lookupDoc.indexOf(lookup(deep(5)))}`) },
      { path: 'c-lookup-lines.json', format: 'ndjson', events: 3, issues: kept(1, secondLine(lookup(eventJson(7)))) },
      { path: 'd-filter.json', format: 'cloudwatch-log-events', events: 3, issues: kept(1, `byte ${filterDoc.indexOf(',{"timestamp"') + 1}`) },
      { path: 'e-export.txt', format: 'cloudwatch-export', events: 3, issues: kept(1, secondLine(`2024-03-01T00:00:01.000Z ${eventJson(13)}`)) },
      { path: 'f-lake.csv', format: 'csv', events: 3, issues: kept(1, 'line 3') },
      { path: 'g-records.json', format: 'cloudtrail-records', events: 3, issues: kept(1, `byte ${records([eventJson(19)]).length - 1}`, 5002) },
      { path: 'h-shallow.ndjson', format: 'ndjson', events: 2, issues: [] },
      // Where it breaks, in the file: not where in the line, nor where in the piece of it read apart.
      { path: 'i-malformed.ndjson', format: 'ndjson', events: 2, issues: [`error: item 1: malformed JSON: unexpected "}" (line 2, byte ${Buffer.byteLength(eventJson(22)) + 1 + deep(23).length - 3}) @ ${secondLine(eventJson(22))}`] },
    ]);
    const deepOnes = [2, 5, 8, 11, 14, 17, 20];
    expect(events.map((e) => e.text)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21].map((n) => (deepOnes.includes(n) ? deep(n, n === 20 ? 5000 : 200) : eventJson(n))).concat(shallow, eventJson(22), eventJson(24)),
    );
    // Events 4 to 12 were JSON strings of their items, 16 to 18 CSV cells.
    const unwrapped = (n: number): number => (n >= 4 && n <= 12) || (n >= 16 && n <= 18) ? EVENT_FLAGS.unwrapped : 0;
    expect(events.map((e) => e.flags)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 40, 41, 22, 24].map((n) => (deepOnes.includes(n) ? EVENT_FLAGS.deepNesting : 0) | unwrapped(n)));
    // The deep events' fields come from their top levels, as any other's.
    expect(events.filter((e) => e.flags & EVENT_FLAGS.deepNesting).map((e) => [e.eventName, e.eventSource, e.actor, e.actorType, e.sourceIp, e.time])).toEqual(
      deepOnes.map((n) => ['GetObject', 's3.amazonaws.com', `arn:aws:iam::111122223333:user/u${n}`, 'IAMUser', `192.0.2.${n}`, Date.UTC(2024, 2, 1, 0, 0, n)]),
    );
  });
});

describe('bad text', () => {
  it('keeps good lines around malformed ones, and says which line', async () => {
    const dir = await folder({ 'a.ndjson': `${eventJson(1)}\n{"eventName": broken\n${eventJson(3)}\n${eventJson(4)}\n` });
    const { files, events } = await scan([dir]);
    expect(files[0]!.issues).toEqual([{ severity: 'error', message: expect.stringMatching(/^item 1: malformed JSON: /), location: `line 2, byte ${eventJson(1).length + 1}` }]);
    expect(events.map((e) => e.index)).toEqual([0, 2, 3]);
  });

  it('keeps every CSV row around a stray quote and before a cut inside a quoted cell, and says which line', async () => {
    const cell = (n: number): string => `"${eventJson(n).replaceAll('"', '""')}"`;
    const rows = Array.from({ length: 30 }, (_, i) => `${i + 1},${cell(i + 1)}`);
    const lake = ['eventID,eventJson', ...rows.slice(0, 2), '99,"{oops', ...rows.slice(2), `31,${cell(31).slice(0, 40)}`].join('\n');
    const dir = await folder({ 'result_1.csv.gz': gzipSync(lake) });
    const { files, events } = await scan([dir]);
    expect(summary(files, dir)).toEqual([{
      path: 'result_1.csv.gz', format: 'csv', events: 30, issues: [
        'error: CSV row not read: a quote inside a quoted cell is neither doubled nor followed by a comma or a line break (found on line 5); reading goes on from the next line @ line 4',
        'error: CSV row not read: a quoted cell in it is still open where the file ends (cut short?); reading goes on from the next line @ line 33',
      ],
    }]);
    expect(events.map((e) => e.text)).toEqual(Array.from({ length: 30 }, (_, i) => eventJson(i + 1)));
    expect(events.map((e) => e.index)).toEqual([0, 1, ...Array.from({ length: 28 }, (_, i) => i + 3)]);
  });

  it('reads a CSV whose columns are named like Object.prototype members as unknown columns', async () => {
    const names = ['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty', '__defineGetter__'];
    const dir = await folder({ 'a.csv': [`eventID,eventName,${names.join(',')}`, `e-1,GetObject,${names.map((n) => `${n}1`).join(',')}`, `e-2,PutObject,${names.map((n) => `${n}2`).join(',')}`].join('\n') });
    const { files, events } = await scan([dir]);
    expect(summary(files, dir)).toEqual([{ path: 'a.csv', format: 'csv', events: 2, issues: ['warning: 2 events have no readable time (no eventTime, or one in a form not read): kept, listed after the timed events @ line 2'] }]);
    expect(events.map((e) => [e.eventName, e.actor, e.text])).toEqual([
      ['GetObject', '', `e-1,GetObject,${names.map((n) => `${n}1`).join(',')}`],
      ['PutObject', '', `e-2,PutObject,${names.map((n) => `${n}2`).join(',')}`],
    ]);
  });

  it('reports gzip data that fails its CRC-32 (altered after compression), keeping its events under the error', async () => {
    // Stored (level 0) so that the text can be changed in place, same length: only the CRC tells.
    const alter = (gz: Buffer, from: string, to: string) => Buffer.from(gz.toString('latin1').replace(from, to), 'latin1');
    const small = records([eventJson(1), eventJson(2)]);
    const large = records(Array.from({ length: 20_000 }, (_, i) => eventJson(i + 3)));
    const [smallGz, largeGz] = [gzipSync(small, { level: 0 }), gzipSync(large, { level: 0 })];
    expect(largeGz.length).toBeGreaterThan(4 * 2 ** 20);
    const dir = await folder({ 'a-small.json.gz': alter(smallGz, 'user/u2"', 'user/u7"'), 'b-large.json.gz': alter(largeGz, 'user/u3"', 'user/u9"'), 'c-sound.json.gz': gzipSync(records([eventJson(30_000)]), { level: 0 }) });
    const { files, events } = await scan([dir]);
    const crc = 'error: gzip CRC-32 check failed: the data is not what was compressed (corrupt or altered); its events are kept, to be checked against another copy';
    expect(summary(files, dir)).toEqual([
      { path: 'a-small.json.gz', format: 'cloudtrail-records', events: 2, issues: [`${crc} @ byte ${smallGz.length - 8} of the gzip data`] },
      { path: 'b-large.json.gz', format: 'cloudtrail-records', events: 20_000, issues: [`${crc} @ byte ${largeGz.length - 8} of the gzip data`] },
      { path: 'c-sound.json.gz', format: 'cloudtrail-records', events: 1, issues: [] },
    ]);
    expect([events[1]!.actor, events[2]!.actor]).toEqual(['arn:aws:iam::111122223333:user/u7', 'arn:aws:iam::111122223333:user/u9']);
  });

  it('reports a zip entry that fails its CRC-32, in a zip on disk or inside another archive, keeping its events', async () => {
    const alter = (zip: Buffer) => Buffer.from(zip.toString('latin1').replace('user/u2"', 'user/u7"'), 'latin1');
    const content = records([eventJson(1), eventJson(2)]);
    const zip = alter(await zipOf({ 'a.json': { content, compress: false }, 'b.json': { content: records([eventJson(3)]), compress: false } }));
    const dir = await folder({ 'bundle.zip': zip, 'outer.tar': await tarOf([{ name: 'inner.zip', content: zip }]) });
    const { files, events } = await scan([dir]);
    const crc = `error: zip entry CRC-32 check failed: the data is not what was compressed (corrupt or altered); its events are kept, to be checked against another copy @ byte ${content.length}`;
    expect(summary(files, dir)).toEqual([
      { path: 'bundle.zip', format: 'zip', events: 0, issues: [] },
      { path: 'bundle.zip › a.json', format: 'cloudtrail-records', events: 2, issues: [crc] },
      { path: 'bundle.zip › b.json', format: 'cloudtrail-records', events: 1, issues: [] },
      { path: 'outer.tar', format: 'tar', events: 0, issues: [] },
      { path: 'outer.tar › inner.zip', format: 'zip', events: 0, issues: [] },
      { path: 'outer.tar › inner.zip › a.json', format: 'cloudtrail-records', events: 0, issues: [crc] },
      { path: 'outer.tar › inner.zip › b.json', format: 'cloudtrail-records', events: 0, issues: [] },
    ]);
    expect(events.map((e) => e.actor.slice(-2))).toEqual(['u1', 'u7', 'u3']);
  });

  it('keeps the items completed before a fault in a JSON document, whatever the size of the file', async () => {
    const texts = Array.from({ length: 1006 }, (_, i) => eventJson(i + 1));
    const [a, b, big] = [texts.slice(0, 3), texts.slice(3, 6), texts.slice(6)];
    // Where the comma is missing, before the third event of b.
    const comma = 12 + b[0]!.length + 1 + b[1]!.length + 1;
    const dir = await folder({
      'a-after.json': `${records(a)}x!`,
      'b-comma.json': `{"Records":[${b[0]},${b[1]} ${b[2]}]}`,
      'c-big-after.json': `${records(big)}x`,
    });
    const { files, events } = await scan([dir]);
    expect(summary(files, dir)).toEqual([
      { path: 'a-after.json', format: 'cloudtrail-records', events: 3, issues: [`error: malformed JSON: unexpected content after the JSON document; the rest of the file is not read @ byte ${records(a).length}`] },
      { path: 'b-comma.json', format: 'cloudtrail-records', events: 3, issues: [`error: malformed JSON: expected ',' or ']' (byte ${comma}); the event there is read @ byte ${comma}`] },
      { path: 'c-big-after.json', format: 'cloudtrail-records', events: 1000, issues: [`error: malformed JSON: unexpected content after the JSON document; the rest of the file is not read @ byte ${records(big).length}`] },
    ]);
    expect(events.map((e) => e.text)).toEqual([...a, ...b, ...big]);
  });

  it('passes over a damaged event or stray text in a trail file to where the next event begins, and says where', async () => {
    const texts = Array.from({ length: 1000 }, (_, i) => eventJson(i + 1));
    const damaged = texts.map((text, i) => (i === 499 ? text.replace('"GetObject"', '"GetObject') : text));
    const quote = `{"Records":[${damaged.join(',')}]}`;
    const others = Array.from({ length: 1000 }, (_, i) => eventJson(i + 2001));
    const stray = `{"Records":[${others.slice(0, 200).join(',')}}}},${others.slice(200).join(',')}]}`;
    const dir = await folder({ 'd-quote.json.gz': gzipSync(quote), 'e-stray.json': stray });
    const { files, events } = await scan([dir]);
    const [start, next] = [quote.indexOf(damaged[499]!), quote.indexOf(damaged[500]!)];
    const [strayAt, resumed] = [stray.indexOf(others[199]!) + others[199]!.length, stray.indexOf(others[200]!)];
    expect(summary(files, dir)).toEqual([
      { path: 'd-quote.json.gz', format: 'cloudtrail-records', events: 999, issues: [`error: malformed JSON: an item that never ends (byte ${quote.length} of the decompressed content); the damaged text is passed over, and reading goes on at byte ${next} of the decompressed content, where the next event begins @ byte ${start} of the decompressed content`] },
      { path: 'e-stray.json', format: 'cloudtrail-records', events: 1000, issues: [`error: malformed JSON: expected ',' or ']' (byte ${strayAt}); the damaged text is passed over, and reading goes on at byte ${resumed}, where the next event begins @ byte ${strayAt}`] },
    ]);
    expect(events.map((e) => e.text)).toEqual([...texts.filter((_, i) => i !== 499), ...others]);
  });

  it('passes over damage in a pretty-printed trail file (real events, as jq or the console prints them) to where the next event begins, and says where', async () => {
    const { Records } = JSON.parse(await readFile(join(CORPUS, 'plaso', 'aws_cloudtrail.json'), 'utf8')) as { Records: unknown[] };
    const texts = Records.map((event) => JSON.stringify(event, null, 2).replaceAll('\n', '\n    '));
    const [head, between, tail] = ['{\n  "Records": [\n    ', ',\n    ', '\n  ]\n}\n'];
    expect(head + texts.join(between) + tail).toBe(`${JSON.stringify({ Records }, null, 2)}\n`);
    /** The file with the fifth event (AddUserToGroup) replaced, and what went before it changed; where a part of it is placed (line and byte), or `plus` characters after it. */
    const damage = (fifth: string, before = between) => {
      const text = head + texts.slice(0, 4).join(between) + before + fifth + between + texts.slice(5).join(between) + tail;
      return { text, at: (part: string, plus = 0) => placeIn(text, part, plus) };
    };
    const fifth = texts[4]!;
    const cut = fifth.slice(0, fifth.indexOf('AddUserToGroup') + 3);
    const odd = fifth.replace('"AWSConsole"', '"AWS"Console"');
    const even = fifth.replace('"AWSConsole"', '"AWS"Con"sole"');
    const cases = [
      ['a-comma.json', damage(fifth, between.slice(1)), 9],
      ['b-cut.json', damage(cut), 8],
      ['c-stray.json', damage(`${fifth}}}`), 9],
      ['d-quote.json', damage(odd), 8],
      ['e-quotes.json', damage(even), 8],
      ['f-quote.json.gz', damage(odd), 8],
    ] as const;
    // The stray quote closes "AWS", and text follows it where a comma is due.
    const evenAt = even.indexOf('Con"sole"');
    // Each place is given by its line, as an editor shows it, and its byte.
    const expected = {
      'a-comma.json': ({ at }: ReturnType<typeof damage>) => `error: malformed JSON: expected ',' or ']' (${at(fifth)}); the event there is read @ ${at(fifth)}`,
      'b-cut.json': ({ at }: ReturnType<typeof damage>) => `error: malformed JSON: an item still open where the next begins (${at(texts[5]!)}); the damaged text is passed over, and reading goes on at ${at(texts[5]!)}, where the next event begins @ ${at(cut)}`,
      'c-stray.json': ({ at }: ReturnType<typeof damage>) => `error: malformed JSON: expected ',' or ']' (${at(fifth, fifth.length)}); the damaged text is passed over, and reading goes on at ${at(texts[5]!)}, where the next event begins @ ${at(fifth, fifth.length)}`,
      'd-quote.json': ({ at }: ReturnType<typeof damage>) => `error: malformed JSON: an item still open where the next begins (${at(texts[5]!)}); the damaged text is passed over, and reading goes on at ${at(texts[5]!)}, where the next event begins @ ${at(odd)}`,
      // Quotes that pair up leave the brackets as they were: the event is read to its end, and is not JSON.
      'e-quotes.json': ({ at }: ReturnType<typeof damage>) => `error: item 4: malformed JSON: expected ',' or '}' after property value (${at(even, evenAt)}) @ ${at(even)}`,
      'f-quote.json.gz': ({ at }: ReturnType<typeof damage>) => `error: malformed JSON: an item still open where the next begins (${at(texts[5]!)} of the decompressed content); the damaged text is passed over, and reading goes on at ${at(texts[5]!)} of the decompressed content, where the next event begins @ ${at(odd)} of the decompressed content`,
    };
    for (const [name, file, count] of cases) {
      // Each file in a job of its own, as they hold the same events.
      const dir = await folder({ [name]: name.endsWith('.gz') ? gzipSync(file.text) : file.text });
      const { files, events } = await scan([dir]);
      expect(summary(files, dir), name).toEqual([{ path: name, format: 'cloudtrail-records', events: count, issues: [expected[name](file)] }]);
      // Each event kept is its text in the file, byte for byte.
      expect(events.map((e) => e.text), name).toEqual(count === 9 ? texts : texts.filter((_, i) => i !== 4));
      for (const event of events) expect(file.text).toContain(event.text);
    }
  });

  it('passes over damage in a root array of real events printed with 4 spaces and CRLF line ends', async () => {
    const lines = (await readFile(join(CORPUS, 'panther-analysis', 'compromised-root-creds.attacker_cloudtrail.ndjson'), 'utf8')).split('\n').filter((line) => line !== '');
    const texts = lines.map((line) => JSON.stringify(JSON.parse(line), null, 4).replaceAll('\n', '\r\n    '));
    const damaged = texts.map((text, i) => (i === 6 ? text.replace('"eventSource": "', '"eventSource": "x"') : text));
    const text = `[\r\n    ${damaged.join(',\r\n    ')}\r\n]\r\n`;
    expect(text.replace('"x"', '"')).toBe(`${JSON.stringify(lines.map((line) => JSON.parse(line) as unknown), null, 4).replaceAll('\n', '\r\n')}\r\n`);
    const dir = await folder({ 'console.json': text });
    const { files, events } = await scan([dir]);
    // Lines as an editor counts them: a CRLF ends one line.
    const at = (part: string) => placeIn(text, part);
    expect(summary(files, dir)).toEqual([
      { path: 'console.json', format: 'json-array', events: 11, issues: [`error: malformed JSON: an item still open where the next begins (${at(texts[7]!)}); the damaged text is passed over, and reading goes on at ${at(texts[7]!)}, where the next event begins @ ${at(damaged[6]!)}`] },
    ]);
    expect(events.map((e) => e.text)).toEqual(texts.filter((_, i) => i !== 6));
  });

  it('passes over zero padding (NUL bytes) wherever whitespace may be, reads the events around it, and reports each run once', async () => {
    const [e1, e2, e3, e4] = [eventJson(1), eventJson(2), eventJson(3), eventJson(4)];
    const nuls = (n: number): string => '\u0000'.repeat(n);
    const dir = await folder({
      'a-tail.ndjson': `${e1}\n${e2}\n${nuls(5000)}`,
      'b-lines.ndjson': `${e1}\n${nuls(100)}\n${nuls(100)}\r\n\n${nuls(100)}${e2}\n${e3}${nuls(7)}\n`,
      'c-middle.ndjson': `${e1}\n${nuls(700)}\n${e2}\n`,
      'd-trail.json': `${records([e1, e2])}${nuls(3000)}`,
      'e-before.json': `${nuls(70_000)}${records([e3])}`,
      'f-between.json': `${records([e1])}\n${nuls(2)}\n${records([e4])}`,
      'g-only.json': nuls(10),
      'h-trail.json.gz': gzipSync(`${records([e2])}${nuls(200_000)}`),
    });
    const { files, events } = await scan([dir]);
    const padding = (count: number, location: string): string => `warning: zero padding: ${count} NUL characters, as a preallocated file or an interrupted write or copy leaves; passed over (no events in it) @ ${location}`;
    expect(summary(files, dir)).toEqual([
      { path: 'a-tail.ndjson', format: 'ndjson', events: 2, issues: [padding(5000, 'line 3')] },
      { path: 'b-lines.ndjson', format: 'ndjson', events: 1, issues: [padding(300, 'line 2'), padding(7, 'line 6')] },
      { path: 'c-middle.ndjson', format: 'ndjson', events: 0, issues: [padding(700, 'line 2')] },
      { path: 'd-trail.json', format: 'cloudtrail-records', events: 0, issues: [padding(3000, `byte ${records([e1, e2]).length}`)] },
      { path: 'e-before.json', format: 'cloudtrail-records', events: 0, issues: [padding(70_000, 'byte 0')] },
      { path: 'f-between.json', format: 'cloudtrail-records', events: 1, issues: [padding(2, `line 2, byte ${records([e1]).length + 1}`)] },
      { path: 'g-only.json', format: 'empty', events: 0, issues: [padding(10, 'byte 0'), 'warning: nothing but zero padding: no events'] },
      { path: 'h-trail.json.gz', format: 'cloudtrail-records', events: 0, issues: [padding(200_000, `byte ${records([e2]).length} of the decompressed content`)] },
    ]);
    expect(files.map((f) => f.duplicates)).toEqual([0, 2, 2, 2, 1, 1, 0, 1]);
    expect(events.map((e) => e.text)).toEqual([e1, e2, e3, e4]);
  });

  it('says that a file named as a tar archive holding nothing but zeros is most likely an empty archive, as real tar writes one', async () => {
    const dir = await folder({ 'd-not-a-tar.json': Buffer.alloc(10_240), 'e-odd.tar': Buffer.alloc(1000), 'f-bsd.tar': Buffer.alloc(1024) });
    // GNU tar writes an archive with no entries as 10,240 zero bytes, and gzips them as such.
    execFileSync('tar', ['-cf', join(dir, 'a-empty.tar'), '-T', '/dev/null']);
    execFileSync('tar', ['-czf', join(dir, 'b-empty.tar.gz'), '-T', '/dev/null']);
    execFileSync('tar', ['-czf', join(dir, 'c-empty.tgz'), '-T', '/dev/null']);
    const { files, events } = await scan([dir]);
    const padding = (count: number, location: string, tar = false): string =>
      `warning: zero padding: ${count} NUL characters${tar ? ': by its name most likely an empty tar archive (tar writes one with no entries as zeros only), else' : ', as'} a preallocated file or an interrupted write or copy leaves; passed over (no events in it) @ ${location}`;
    const nothingElse = 'warning: nothing but zero padding: no events';
    expect(summary(files, dir)).toEqual([
      { path: 'a-empty.tar', format: 'empty', events: 0, issues: [padding(10_240, 'byte 0', true), nothingElse] },
      { path: 'b-empty.tar.gz', format: 'empty', events: 0, issues: [padding(10_240, 'byte 0 of the decompressed content', true), nothingElse] },
      { path: 'c-empty.tgz', format: 'empty', events: 0, issues: [padding(10_240, 'byte 0 of the decompressed content', true), nothingElse] },
      { path: 'd-not-a-tar.json', format: 'empty', events: 0, issues: [padding(10_240, 'byte 0'), nothingElse] },
      // Not whole 512-byte blocks: no tar archive.
      { path: 'e-odd.tar', format: 'empty', events: 0, issues: [padding(1000, 'byte 0'), nothingElse] },
      { path: 'f-bsd.tar', format: 'empty', events: 0, issues: [padding(1024, 'byte 0', true), nothingElse] },
    ]);
    expect(events).toEqual([]);
  });

  it('shows what a parser quotes from the evidence with its control characters escaped, never as they are', async () => {
    const dir = await folder({ 'a.ndjson': `${eventJson(1)}\n{"eventName": \u001b]0;owned\u0007 \u202e\n` });
    const { files } = await scan([dir]);
    const [issue] = files[0]!.issues;
    expect([files[0]!.issues.length, issue!.location]).toEqual([1, `line 2, byte ${eventJson(1).length + 1}`]);
    // The token V8 quotes is shown escaped, not acted on, and placed in the file (V8's excerpt around it is left out then).
    expect(issue!.message).toBe(`item 1: malformed JSON: unexpected token '\\u001b' (line 2, byte ${eventJson(1).length + 1 + '{"eventName": '.length})`);
    expect(printable(issue!.message)).toBe(issue!.message);
  });

  it('reports corrupt gzip and bytes after the gzip data with their byte offsets, keeping what was readable', async () => {
    const texts = Array.from({ length: 200 }, (_, i) => eventJson(i, { requestParameters: { n: i * 7919 } }));
    const gz = gzipSync(records(texts));
    const others = Array.from({ length: 200 }, (_, i) => eventJson(1000 + i, { requestParameters: { n: i * 7919 } }));
    const truncated = gzipSync(records(others)).subarray(0, Math.floor(gz.length / 2));
    const dir = await folder({ 'a-trailing.json.gz': Buffer.concat([gz, Buffer.from('appended garbage')]), 'b-truncated.json.gz': truncated });
    const { files, events } = await scan([dir]);
    expect(files[0]!.issues).toEqual([{ severity: 'warning', message: 'bytes after the end of the gzip data: ignored', location: `byte ${gz.length} of the gzip data` }]);
    expect(files[1]!.issues[0]).toEqual({ severity: 'error', message: 'gzip data is corrupt or truncated: unexpected end of file', location: `byte ${truncated.length} of the gzip data` });
    expect(events.filter((e) => e.file === 0)).toHaveLength(200);
    // Oracle: zlib's own partial inflate of the same bytes, and the records complete in it.
    const partial = gunzipSync(truncated, { finishFlush: constants.Z_SYNC_FLUSH }).toString();
    const complete = others.filter((text) => partial.includes(text + ',') || partial.includes(text + ']'));
    expect(complete.length).toBeGreaterThan(50);
    expect(events.filter((e) => e.file === 1).map((e) => e.text)).toEqual(complete);
  });

  it("says whose bytes an offset in a message's text counts in a gzipped file, as its location does: of the decompressed content", async () => {
    const tar = await tarOf([{ name: 'a.json', content: records([eventJson(1)]) }, { name: 'b.json', content: records([eventJson(2)]) }]);
    const zip = await zipOf({ 'c.json': records([eventJson(3)]), 'd.json': records([eventJson(4)]) });
    const cutZip = zip.indexOf(Buffer.from('d.json')) + 20;
    const streamed = await streamedZipOf({ 'e.json': records([eventJson(5)]) });
    const descriptor = streamed.indexOf(Buffer.from('PK\u0007\u0008', 'latin1'));
    // Cut inside the central directory: its lookahead past the damaged descriptor is whole.
    const damagedDescriptor = Buffer.from(streamed.subarray(0, streamed.indexOf(Buffer.from('PK\u0001\u0002', 'latin1')) + 40));
    damagedDescriptor.write('XX', descriptor, 'latin1');
    const front = await zipOf({ 'f.json': records([eventJson(6), eventJson(7)]) });
    const damaged = `{"Records":[${eventJson(8)},}}}${eventJson(9)}]}`;
    const dir = await folder({
      'a.tar.gz': gzipSync(tar.subarray(0, 1100)),
      'b.zip.gz': gzipSync(zip.subarray(0, cutZip)),
      'c.zip.gz': gzipSync(damagedDescriptor),
      'd.zip.gz': gzipSync(Buffer.concat([front, await zipOf({ 'g.json': records([eventJson(10)]) })])),
      'e.json.gz': gzipSync(damaged),
    });
    const { files } = await scan([dir]);
    const missing = 'error: zip central directory is missing (the archive is cut short?): its entries were read from their local headers, up to';
    const stray = damaged.indexOf('}}}');
    expect(summary(files, dir).map(({ path, issues }) => ({ path, issues }))).toEqual([
      { path: 'a.tar.gz', issues: ['error: tar archive is corrupt or truncated: the header after entry "a.json" is cut short (the data ends at byte 1100 of the decompressed content); no entry after it is read @ byte 1024 of the decompressed content'] },
      { path: 'a.tar.gz › a.json', issues: [] },
      { path: 'b.zip.gz', issues: [`${missing} the end of its data @ byte ${cutZip} of the decompressed content`] },
      { path: 'b.zip.gz › c.json', issues: [] },
      { path: 'b.zip.gz › d.json', issues: [`error: entry is cut short: the archive's data ends at byte ${cutZip} of the decompressed content, inside it @ byte 0`] },
      { path: 'c.zip.gz', issues: [`${missing} bytes that are not a header @ byte ${descriptor} of the decompressed content`] },
      { path: 'c.zip.gz › e.json', issues: [`error: entry's data descriptor (its CRC-32 and sizes, after its data) is missing or damaged in the archive at byte ${descriptor} of the decompressed content; its CRC-32 is not checked @ byte ${records([eventJson(5)]).length}`] },
      { path: 'd.zip.gz', issues: [`warning: a whole zip of ${front.length} bytes precedes the zip at byte ${front.length} of the decompressed content (zips one after another, as cat a.zip b.zip makes): both are read, in file order @ byte 0 of the decompressed content`] },
      { path: 'd.zip.gz › f.json', issues: [] },
      { path: 'd.zip.gz › g.json', issues: [] },
      { path: 'e.json.gz', issues: [`error: malformed JSON: expected a value (byte ${stray} of the decompressed content); the damaged text is passed over, and reading goes on at byte ${stray + 3} of the decompressed content, where the next event begins @ byte ${stray} of the decompressed content`] },
    ]);
  });

  it('reports a gzipped NDJSON file cut short as one error, at a byte of the gzip data, reading every line before the cut', async () => {
    const texts = Array.from({ length: 30 }, (_, i) => eventJson(i, { requestParameters: { n: i * 7919 } }));
    const ndjson = `${texts.slice(0, 2).join('\n')}\n{"eventName": broken\n${texts.slice(2).join('\n')}\n`;
    const gz = gzipSync(ndjson, { level: 0 });
    const cut = gz.subarray(0, Math.floor(gz.length / 2));
    const dir = await folder({ 'cut.ndjson.gz': cut });
    const { files, events } = await scan([dir]);
    // Oracle: zlib's own partial inflate of the same bytes; its last line is the one cut short.
    const partial = gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH }).toString().split('\n');
    expect(partial.at(-1)!.length).toBeGreaterThan(0);
    expect(files[0]!.issues).toEqual([
      { severity: 'error', message: expect.stringMatching(/^item 2: malformed JSON: /), location: `line 3, byte ${Buffer.byteLength(texts.slice(0, 2).join('\n')) + 1} of the decompressed content` },
      { severity: 'error', message: `gzip data is corrupt or truncated: unexpected end of file; the last line, line ${partial.length}, is cut short there: not read`, location: `byte ${cut.length} of the gzip data` },
    ]);
    expect(files[0]!.events).toBe(partial.length - 2);
    expect(events.map((e) => e.text)).toEqual(texts.slice(0, partial.length - 2));
  });

  it('says how many events have no readable time and where the first is: a missing eventTime, an impossible date, a time written by hand in a local form', async () => {
    const texts = [
      eventJson(1),
      eventJson(2, { eventTime: '2024-02-30T10:00:00Z' }),
      eventJson(3),
      eventJson(4, { eventTime: '03/01/2024 10:00:04 AM' }),
      eventJson(5, { eventTime: undefined }),
    ];
    const dir = await folder({ 'a.json': records(texts), 'b.ndjson': `${eventJson(6)}\n${eventJson(7, { eventTime: 'yesterday' })}\n`, 'c.json': records([eventJson(8)]) });
    const { files, events } = await scan([dir]);
    expect(summary(files, dir)).toEqual([
      { path: 'a.json', format: 'cloudtrail-records', events: 5, issues: [`warning: 3 events have no readable time (no eventTime, or one in a form not read): kept, listed after the timed events @ byte ${records(texts).indexOf(texts[1]!)}`] },
      { path: 'b.ndjson', format: 'ndjson', events: 2, issues: [`warning: 1 event has no readable time (no eventTime, or one in a form not read): kept, listed after the timed events @ line 2, byte ${eventJson(6).length + 1}`] },
      { path: 'c.json', format: 'cloudtrail-records', events: 1, issues: [] },
    ]);
    expect(events.filter((e) => Number.isNaN(e.time)).map((e) => JSON.parse(e.text).eventID.slice(-1))).toEqual(['2', '4', '5', '7']);
  });

  it('handles BOM, UTF-16, invalid UTF-8, deep nesting, __proto__ keys, non-CloudTrail JSON and empty files', async () => {
    const bad = Buffer.concat([Buffer.from(records([eventJson(3)]).slice(0, 40)), Buffer.from([0xff, 0xfe]), Buffer.from(records([eventJson(3)]).slice(40))]);
    const dir = await folder({
      'a-bom.json': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(records([eventJson(1)]))]),
      'b-utf16.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(records([eventJson(2)]), 'utf16le')]),
      'c-invalid.json': bad,
      'd-deep.json': records([`{"eventName":"Deep","x":${'['.repeat(150)}${']'.repeat(150)}}`, eventJson(4)]),
      'e-proto.json': records([eventJson(5, { __proto__: { polluted: true } }).replace('"eventVersion"', '"__proto__":{"polluted":true},"eventVersion"')]),
      'f-other.json': '{"hello": "world", "items": [1, 2]}',
      'g-empty.json': '',
      'h-blank.json': ' \n'.repeat(100_000),
    });
    const { files, events } = await scan([dir]);
    expect(summary(files, dir)).toEqual([
      { path: 'a-bom.json', format: 'cloudtrail-records', events: 1, issues: [] },
      { path: 'b-utf16.json', format: 'cloudtrail-records', events: 1, issues: ['warning: text is UTF-16LE, read as such'] },
      { path: 'c-invalid.json', format: 'cloudtrail-records', events: 1, issues: ['warning: invalid UTF-8: shown as U+FFFD in the affected events, which are flagged; the hashes cover the original bytes @ byte 40'] },
      { path: 'd-deep.json', format: 'cloudtrail-records', events: 2, issues: ['warning: item 0: nested 151 levels deep, deeper than 100: stored with its text as it is, but what lies deeper than 100 levels is only shown in that text @ byte 12', 'warning: 1 event has no readable time (no eventTime, or one in a form not read): kept, listed after the timed events @ byte 12'] },
      { path: 'e-proto.json', format: 'cloudtrail-records', events: 1, issues: [] },
      { path: 'f-other.json', format: 'json-event', events: 0, issues: ["error: valid JSON, but not CloudTrail: none of its 1 items has CloudTrail's event fields @ byte 0"] },
      { path: 'g-empty.json', format: 'empty', events: 0, issues: ['warning: empty file: no events'] },
      { path: 'h-blank.json', format: 'empty', events: 0, issues: ['warning: empty file: no events'] },
    ]);
    expect(events.map((e) => e.flags)).toEqual([0, 0, 2, EVENT_FLAGS.deepNesting, 0, 0]);
    expect(events[3]!.eventName).toBe('Deep');
    expect(events[1]!.text).toBe(eventJson(2));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(events[5]!.eventName).toBe('GetObject');
  });

  it('tells a U+FFFD the file holds from invalid text, and flags a lone surrogate in a UTF-16 file', async () => {
    const genuine = eventJson(6, { userAgent: 'agent \ufffd' });
    const utf16 = records([eventJson(7)]).replace('GetObject', 'Get\ud800Object');
    // Pretty-printed, 300 events (over 64 KB): a Latin-1 é in the 250th, in UTF-8; a lone surrogate there, in UTF-16. Its line is given too.
    const pretty = (n: number): string => JSON.stringify({ Records: Array.from({ length: 300 }, (_, i) => JSON.parse(eventJson(n + i, { userAgent: i === 250 ? 'caf@' : 'cafe' })) as unknown) }, null, 2);
    const [latin1, prettyUtf16] = [pretty(100), pretty(500).replace('caf@', 'caf\ud800')];
    const latin1At = latin1.indexOf('caf@') + 3;
    const dir = await folder({
      'a-genuine.json': records([genuine]),
      'b-utf16.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf16, 'utf16le')]),
      'c-pretty-latin1.json': Buffer.concat([Buffer.from(latin1.slice(0, latin1At)), Buffer.from([0xe9]), Buffer.from(latin1.slice(latin1At + 1))]),
      'd-pretty-utf16.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(prettyUtf16, 'utf16le')]),
    });
    const { files, events } = await scan([dir]);
    const lone = 2 + 2 * utf16.indexOf('\ud800');
    const invalid = (encoding: string, location: string): string => `warning: invalid ${encoding}: shown as U+FFFD in the affected events, which are flagged; the hashes cover the original bytes @ ${location}`;
    const loneInPretty = prettyUtf16.indexOf('\ud800');
    expect(latin1.length).toBeGreaterThan(64 * 1024);
    expect(summary(files, dir)).toEqual([
      { path: 'a-genuine.json', format: 'cloudtrail-records', events: 1, issues: [] },
      { path: 'b-utf16.json', format: 'cloudtrail-records', events: 1, issues: ['warning: text is UTF-16LE, read as such', invalid('UTF-16', `byte ${lone}`)] },
      { path: 'c-pretty-latin1.json', format: 'cloudtrail-records', events: 300, issues: [invalid('UTF-8', placeIn(latin1, latin1At))] },
      { path: 'd-pretty-utf16.json', format: 'cloudtrail-records', events: 300, issues: ['warning: text is UTF-16LE, read as such', invalid('UTF-16', `line ${prettyUtf16.slice(0, loneInPretty).split('\n').length}, byte ${2 + 2 * loneInPretty}`)] },
    ]);
    expect(events.slice(0, 2).map((e) => [e.text, e.flags])).toEqual([
      [genuine, 0],
      [eventJson(7).replace('GetObject', 'Get\ufffdObject'), 2],
    ]);
  });

  it('places what follows invalid bytes by the bytes of the file, not of the U+FFFDs shown for them; a BOM and UTF-16 by their bytes too', async () => {
    // Bad UTF-8 of each width a U+FFFD stands for (3 bytes each): a Latin-1 é (1 byte), a
    // character cut short (2 bytes, then 3: as many as U+FFFD, no shift), a stray continuation byte.
    const bad = [[0xe9], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0x80]].map((b) => Buffer.from(b));
    /** `text` with its nth `@` replaced by the bytes of bad[n % 4]. */
    const withBad = (text: string): Buffer => Buffer.concat(text.split('@').flatMap((part, n) => (n === 0 ? [Buffer.from(part)] : [bad[(n - 1) % 4]!, Buffer.from(part)])));
    /** `line L, byte N` (or `byte N` on the first line, where lines are not given) of `at`, found in the file's own bytes, `plus` bytes after it. */
    const placed = (content: Buffer, at: string | number, plus = 0, lines = true): string => {
      const byte = (typeof at === 'number' ? at : content.indexOf(Buffer.from(at))) + plus;
      expect(byte).toBeGreaterThanOrEqual(0);
      const line = content.subarray(0, byte).filter((b) => b === 0x0a).length + 1;
      return line > 1 && lines ? `line ${line}, byte ${byte}` : `byte ${byte}`;
    };
    const broken = '{"eventVersion": oops}';
    // NDJSON: 40 events each holding bad bytes before a malformed line, one that is not CloudTrail, and an event.
    const notes = '{"case":"notes"}';
    const ndjson = withBad([...Array.from({ length: 40 }, (_, i) => eventJson(i, { userAgent: `caf@ x@ y@ z@` })), broken, notes, eventJson(41)].join('\n') + '\n');
    // Pretty-printed (300 events, over 64 KB, read in pieces): bad bytes in the 2nd and 250th events, then a damaged event (a stray quote) after them.
    const prettyText = JSON.stringify({ Records: Array.from({ length: 300 }, (_, i) => JSON.parse(eventJson(1000 + i, { userAgent: i === 1 || i === 250 ? 'caf@ x@ y@ z@' : 'cafe' })) as unknown) }, null, 2);
    const damagedId = '"00000000-0000-0000-0000-000000001280"';
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const pretty = Buffer.concat([bom, withBad(prettyText.replace(damagedId, `${damagedId}x`))]);
    const utf16Text = [eventJson(1, { userAgent: 'caf\u00e9 \ud83d\ude00' }), broken, eventJson(2)].join('\n');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf16Text, 'utf16le')]);
    const dir = await folder({
      'a-latin1.ndjson': ndjson,
      'b-pretty-latin1.json': pretty,
      'c-utf16.ndjson': utf16,
    });
    const { files } = await scan([dir]);
    const invalid = (location: string): string => `warning: invalid UTF-8: shown as U+FFFD in the affected events, which are flagged; the hashes cover the original bytes @ ${location}`;
    const stray = pretty.indexOf(`${damagedId}x`) + damagedId.length;
    const ndjsonLine = ndjson.subarray(0, ndjson.indexOf(broken)).filter((b) => b === 0x0a).length + 1;
    const utf16Line = 2;
    // In UTF-16, each unit is two bytes, after the BOM's two: the malformed line begins at the 2 + 2 × its character offset.
    const utf16Byte = 2 + 2 * utf16Text.indexOf(broken);
    expect(utf16Byte).toBe(utf16.indexOf(Buffer.from(broken, 'utf16le')));
    expect(summary(files, dir)).toEqual([
      { path: 'a-latin1.ndjson', format: 'ndjson', events: 41, issues: [`error: item 40: malformed JSON: unexpected token 'o' (line ${ndjsonLine}, ${placed(ndjson, broken, 17, false)}) @ line ${ndjsonLine}, ${placed(ndjson, broken, 0, false)}`, invalid(placed(ndjson, ndjson.indexOf(0xe9), 0, false)), `warning: 1 item is not a CloudTrail event and was skipped @ line ${ndjsonLine + 1}, ${placed(ndjson, notes, 0, false)}`] },
      {
        path: 'b-pretty-latin1.json',
        format: 'cloudtrail-records',
        events: 299,
        issues: [`error: item 280: malformed JSON: expected ',' or '}' after property value (${placed(pretty, stray)}) @ ${placed(pretty, pretty.lastIndexOf('{', stray))}`, invalid(placed(pretty, pretty.indexOf(0xe9)))],
      },
      { path: 'c-utf16.ndjson', format: 'ndjson', events: 2, issues: [`error: item 1: malformed JSON: unexpected token 'o' (line ${utf16Line}, byte ${utf16Byte + 2 * 17}) @ line ${utf16Line}, byte ${utf16Byte}`, 'warning: text is UTF-16LE, read as such'] },
    ]);
    expect(stray).toBeGreaterThan(64 * 1024);
  });

  it('stores a lone surrogate escaped in a lookup-events string as its escape: same value, packed and unpacked exactly, flagged', async () => {
    // JSON.stringify writes each lone surrogate as `\udXXX` in the file; decoding the
    // CloudTrailEvent string gives a text holding the surrogate itself, which UTF-8 cannot hold.
    const inner = (n: number, name: string) => eventJson(n).replace('"GetObject"', `"${name}"`);
    const items = [inner(1, 'Get\ud800Object'), inner(2, 'Get\ud83d\ude00Object'), inner(3, 'Get\udc00Object'), inner(3, 'Get\udc01Object')];
    const dir = await folder({ 'lookup.json': JSON.stringify({ Events: items.map((text) => ({ CloudTrailEvent: text })) }) });
    const { files, events, progress } = await scan([dir]);
    expect(summary(files, dir)).toEqual([
      { path: 'lookup.json', format: 'lookup-events', events: 4, issues: ['warning: lone UTF-16 surrogates in the JSON of 3 events (flagged): each is stored as its \\uXXXX escape, which parses to the same value @ byte 11'] },
    ]);
    expect(events.map((e) => e.text)).toEqual([inner(1, 'Get\\ud800Object'), items[1], inner(3, 'Get\\udc00Object'), inner(3, 'Get\\udc01Object')]);
    // The first of a conflicting pair is marked by the job's conflict message, once it is sent already.
    expect(events.map((e) => e.flags)).toEqual([4, 0, 4, 5].map((flags) => flags | EVENT_FLAGS.unwrapped));
    expect(events.map((e) => e.eventName)).toEqual(['Get\ud800Object', 'Get\ud83d\ude00Object', 'Get\udc00Object', 'Get\udc01Object']);
    expect(events.map((e) => JSON.parse(e.text) as unknown)).toEqual(items.map((text) => JSON.parse(text) as unknown));
    // The two events numbered 3 differ only in which surrogate they hold: a conflict, not a duplicate.
    expect([progress.duplicates, progress.conflicts]).toEqual([0, 1]);
    expect(await unpackTexts(packTexts(events.map((e) => e.text)))).toEqual(events.map((e) => e.text));
  });
});
