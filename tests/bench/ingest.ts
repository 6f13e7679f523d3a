// npm run bench: Cairn's ingest beside `jq` on the same generated inputs, in the same run (these
// machines are noisy: compare the ratios). Reports events/s and peak RSS of each process.
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchApp, newCase } from '../e2e/harness';
import { syntheticEvent, writeSyntheticBundle } from '../fixtures/generators/syntheticEvents';

const BUNDLE_EVENTS = Number(process.env['CAIRN_BENCH_EVENTS'] ?? 200_000);
const NDJSON_EVENTS = Number(process.env['CAIRN_BENCH_NDJSON_EVENTS'] ?? 500_000);
const CLI = resolve(import.meta.dirname, '../../dist/main/cli.cjs');

interface Measure {
  seconds: number;
  events: number;
  rssMB: number;
}

/** Runs a shell command under GNU time: wall seconds and peak RSS; stdout is the event count. */
function timed(command: string, count: (stdout: string) => number): Promise<Measure> {
  return new Promise((done, fail) => {
    execFile('/usr/bin/time', ['-f', '%e %M', 'bash', '-c', command], { maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
      if (error) return fail(new Error(`${command} failed: ${stderr}`));
      const [seconds, kb] = stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
      done({ seconds: seconds!, rssMB: kb! / 1024, events: count(stdout) });
    });
  });
}

const cairnScan = (path: string, threads: number) => timed(`node ${CLI} scan "${path}" --json --threads ${threads}`, (out) => (JSON.parse(out) as { events: number }).events);

/**
 * Two copies of a command at once, timed per copy (wall time / 2): what two cores give on this
 * machine to jobs that share nothing, the ceiling for parsing on two threads.
 */
async function pairOf(command: string): Promise<Measure> {
  const start = performance.now();
  const [a, b] = await Promise.all([timed(command, Number), timed(command, Number)]);
  if (a.events !== b.events) throw new Error(`the two copies of ${command} disagree`);
  return { seconds: (performance.now() - start) / 2000, events: a.events, rssMB: Math.max(a.rssMB, b.rssMB) };
}

async function writeNdjson(path: string, events: number): Promise<void> {
  const out = createWriteStream(path);
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let n = 0; n < events; n++) {
    if (!out.write(syntheticEvent(random, Date.UTC(2024, 5, 1) + n * 100, n) + '\n')) await new Promise<void>((drained) => out.once('drain', () => drained()));
  }
  await new Promise<void>((closed) => out.end(() => closed()));
}

/** Files → IndexedDB through the real renderer in Chromium, driven by the e2e harness. */
async function endToEnd(dir: string): Promise<Measure> {
  const app = await launchApp({ evidence: [dir] });
  try {
    await newCase(app.page, 'Bench');
    const start = performance.now();
    await app.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
    await app.page.getByText('Import complete', { exact: true }).waitFor({ timeout: 900_000 });
    const events = Number((await app.page.getByTestId('stored-count').textContent())!.replace(/,/g, ''));
    return { seconds: (performance.now() - start) / 1000, events, rssMB: NaN };
  } finally {
    await app.close();
  }
}

function table(title: string, rows: [string, Measure][], expected: number): string {
  const base = rows[0]![1];
  const lines = [`\n${title}`, `${'path'.padEnd(40)}${'events'.padStart(9)}${'seconds'.padStart(9)}${'events/s'.padStart(10)}${'× jq'.padStart(7)}${'peak RSS'.padStart(11)}`];
  for (const [name, m] of rows) {
    if (m.events !== expected) throw new Error(`${name} saw ${m.events} events, expected ${expected}`);
    const rate = m.events / m.seconds;
    const rss = Number.isNaN(m.rssMB) ? '—' : `${m.rssMB.toFixed(0)} MB`;
    lines.push(`${name.padEnd(40)}${String(m.events).padStart(9)}${m.seconds.toFixed(2).padStart(9)}${String(Math.round(rate)).padStart(10)}${(rate / (base.events / base.seconds)).toFixed(2).padStart(7)}${rss.padStart(11)}`);
  }
  return lines.join('\n');
}

const work = await mkdtemp(join(tmpdir(), 'cairn-bench-'));
try {
  const bundle = join(work, 'bundle');
  process.stdout.write(`Generating ${BUNDLE_EVENTS} events in ${Math.ceil(BUNDLE_EVENTS / 200)} .json.gz files (S3 layout) and ${NDJSON_EVENTS} events of NDJSON…\n`);
  await writeSyntheticBundle(bundle, BUNDLE_EVENTS, 200);
  const ndjson = join(work, 'events.ndjson');
  await writeNdjson(ndjson, NDJSON_EVENTS);

  const lines = (out: string) => Number(out.trim());
  process.stdout.write(
    table('S3 bundle of .json.gz trail files', [
      ["zcat | jq -c '.Records[]' (baseline)", await timed(`find "${bundle}" -name '*.json.gz' -print0 | sort -z | xargs -0 zcat | jq -c '.Records[]' | wc -l`, lines)],
      ['cairn scan, one thread (hashing, dedup)', await cairnScan(bundle, 1)],
      ['cairn scan, two parse threads', await cairnScan(bundle, 2)],
      ['ceiling: two one-thread scans at once', await pairOf(`node ${CLI} scan "${bundle}" --json --threads 1 | jq .events`)],
      ['files → IndexedDB (e2e harness)', await endToEnd(bundle)],
    ], BUNDLE_EVENTS) + '\n',
  );
  process.stdout.write(
    table('One large NDJSON file', [
      ["jq -c '.' (baseline)", await timed(`jq -c '.' "${ndjson}" | wc -l`, lines)],
      ['cairn scan (one file: one thread)', await cairnScan(ndjson, 2)],
    ], NDJSON_EVENTS) + '\n',
  );
  process.stdout.write('\nThe harness row is bounded by its test bridge (page.evaluate carries every batch); the app uses MessagePorts.\n');
} finally {
  await rm(work, { recursive: true, force: true });
}
