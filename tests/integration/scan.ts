import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runIngest, type IngestOptions, type JobMessage } from '../../main/ingest/pipeline';
import type { CairnEvent, EvidenceFile } from '../../shared/event';

/** Runs the ingest core over paths and gathers what it sent, by kind. */
export async function scan(paths: string[], options: IngestOptions = {}) {
  const messages: JobMessage[] = [];
  await runIngest('job-test', paths, (message) => void messages.push(message), options);
  const events: CairnEvent[] = messages.flatMap((m) => (m.type === 'batch' ? m.events : []));
  const files: EvidenceFile[] = messages.flatMap((m) => (m.type === 'file' ? [m.file] : [])).sort((a, b) => a.index - b.index);
  const conflicts = messages.flatMap((m) => (m.type === 'conflict' ? [m] : []));
  const done = messages.at(-1)!;
  if (done.type !== 'done') throw new Error('the job did not end with done');
  return { messages, events, files, conflicts, progress: done.progress };
}

/** A fresh folder with the given files (paths relative to it; content as bytes or text). */
export async function folder(files: Record<string, Buffer | string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-scan-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

/** A small CloudTrail event's JSON text. */
export function eventJson(n: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    eventVersion: '1.08',
    eventID: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
    eventTime: `2024-03-01T00:00:${String(n % 60).padStart(2, '0')}Z`,
    eventName: 'GetObject',
    eventSource: 's3.amazonaws.com',
    sourceIPAddress: `192.0.2.${n % 250}`,
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/u${n}` },
    ...extra,
  });
}

export const records = (texts: string[]): string => `{"Records":[${texts.join(',')}]}`;

/**
 * Where ingest places a character of a JSON document's text: `byte N` of its UTF-8 content, after
 * `line L, ` from the second line on (lines end at LF, so CRLF counts once). `at` is a character
 * offset, or a part of the text (its first occurrence from `from`), `plus` characters after it.
 */
export function placeIn(text: string, at: number | string, plus = 0, from = 0): string {
  const offset = typeof at === 'number' ? at : text.indexOf(at, from);
  if (offset < 0) throw new Error(`not in the text: ${String(at).slice(0, 40)}`);
  const before = text.slice(0, offset + plus);
  const line = before.split('\n').length;
  return `${line > 1 ? `line ${line}, ` : ''}byte ${Buffer.byteLength(before)}`;
}
