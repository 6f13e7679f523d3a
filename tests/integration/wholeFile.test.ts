import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CancelFlag } from '../../main/ingest/cancelFlag';
import { JobTotals } from '../../main/ingest/jobTotals';
import { DEFAULT_LIMITS } from '../../main/ingest/limits';
import { parseDiskFile, type ParseOutput } from '../../main/ingest/parseDisk';
import { tarOf } from '../fixtures/generators/archives';
import { eventJson, folder, records } from './scan';

async function parse(path: string, whole?: Buffer): Promise<ParseOutput[]> {
  const outputs: ParseOutput[] = [];
  const settings = { limits: DEFAULT_LIMITS, totals: new JobTotals(), cancel: new CancelFlag(), keepEvents: true };
  await parseDiskFile({ path, size: (await stat(path)).size, whole }, settings, (output) => void outputs.push(output));
  return outputs;
}

describe('a small file read whole', () => {
  it('gives exactly what reading it as a stream gives, sound or not', async () => {
    const trail = records([eventJson(1), eventJson(2), eventJson(1, { eventName: 'Changed' })]);
    const gz = gzipSync(trail);
    const files = {
      'plain.json': trail,
      'trail.json.gz': gz,
      'two-members.json.gz': Buffer.concat([gzipSync(records([eventJson(3)])), gzipSync(records([eventJson(4)]))]),
      'appended.json.gz': Buffer.concat([gz, Buffer.from('appended')]),
      'truncated.json.gz': gz.subarray(0, gz.length - 20),
      // Its CRC-32 changed: as if the data had been.
      'altered.json.gz': Buffer.concat([gz.subarray(0, gz.length - 8), Buffer.from([~gz[gz.length - 8]! & 0xff]), gz.subarray(gz.length - 7)]),
      'bundle.tar.gz': gzipSync(await tarOf([{ name: 'AWSLogs/1/CloudTrail/eu-west-1/2024/03/01/a.json', content: trail }])),
      'lines.ndjson': `${eventJson(5)}\nnot json\n${eventJson(6)}\n`,
      'empty.json': '',
    };
    const dir = await folder(files);
    for (const name of Object.keys(files)) {
      const path = join(dir, name);
      const streamed = await parse(path);
      expect(await parse(path, await readFile(path)), name).toEqual(streamed);
    }
    // What the records say, so that both paths agreeing is not both being wrong.
    const records_ = async (name: string) => (await parse(join(dir, name), await readFile(join(dir, name)))).flatMap((o) => (o.type === 'file' ? [o.file] : []));
    expect((await records_('trail.json.gz'))[0]).toMatchObject({ format: 'cloudtrail-records', events: 3, size: gz.length, issues: [] });
    expect((await records_('altered.json.gz'))[0]).toMatchObject({ events: 3, issues: [{ severity: 'error', message: expect.stringMatching(/^gzip CRC-32 check failed: /), location: `byte ${gz.length - 8} of the gzip data` }] });
    expect((await records_('appended.json.gz'))[0]).toMatchObject({ events: 3, issues: [{ severity: 'warning', message: 'bytes after the end of the gzip data: ignored', location: `byte ${gz.length} of the gzip data` }] });
    // `cat a.json.gz b.json.gz`: two trail documents, one after the other.
    expect((await records_('two-members.json.gz'))[0]).toMatchObject({ format: 'cloudtrail-records', events: 2, issues: [] });
    expect((await records_('bundle.tar.gz')).map((f) => [f.path, f.format, f.events])).toEqual([
      ['AWSLogs/1/CloudTrail/eu-west-1/2024/03/01/a.json', 'cloudtrail-records', 3],
      [join(dir, 'bundle.tar.gz'), 'tar', 0],
    ]);
  });
});
