// npm run bench: events/s of Cairn's ingest path beside `zcat | jq -c '.Records[]'` on the same
// generated bundle, measured in the same run (these machines are noisy: compare ratios).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startIngestJob } from '../../main/ingestJob';
import type { IngestMessage } from '../../shared/ipc';
import { launchApp } from '../e2e/harness';
import { writeSyntheticBundle } from '../fixtures/generators/syntheticEvents';

const EVENTS = Number(process.env['CAIRN_BENCH_EVENTS'] ?? 200_000);
const PER_FILE = 200;
const WORKER = resolve(import.meta.dirname, '../../dist/main/ingestWorker.cjs');

async function timed(run: () => Promise<number>): Promise<{ seconds: number; events: number }> {
  const start = performance.now();
  const events = await run();
  return { seconds: (performance.now() - start) / 1000, events };
}

function jqBaseline(dir: string): Promise<number> {
  return new Promise((done, fail) => {
    const shell = spawn('bash', ['-c', `find "${dir}" -name '*.json.gz' -print0 | sort -z | xargs -0 zcat | jq -c '.Records[]' | wc -l`]);
    let out = '';
    shell.stdout.on('data', (chunk: Buffer) => (out += chunk));
    shell.on('exit', (code) => (code === 0 ? done(Number(out.trim())) : fail(new Error(`jq baseline exited with ${code}`))));
  });
}

/** The ingest worker thread as the app runs it, with a renderer that acknowledges at once. */
function ingestCore(dir: string): Promise<number> {
  return new Promise((done) => {
    let events = 0;
    let reply: (seq: number) => void = () => undefined;
    startIngestJob(WORKER, 'job-00000000-0000-0000-0000-000000000000', [dir], {
      post(message: IngestMessage) {
        if (message.type === 'batch') {
          events += message.events.length;
          reply(message.seq);
        }
        if (message.type === 'done') done(events);
      },
      onReply: (listener) => (reply = (seq) => listener({ type: 'ack', seq })),
    });
  });
}

/** Files → IndexedDB through the real renderer in Chromium, driven by the e2e harness. */
async function endToEnd(dir: string): Promise<number> {
  const app = await launchApp({ evidence: [dir] });
  try {
    await app.page.getByRole('heading', { name: 'Open a CloudTrail export to begin' }).waitFor();
    await app.page.getByRole('banner').getByRole('button', { name: 'Open evidence…' }).click();
    await app.page.getByText('Import complete', { exact: true }).waitFor({ timeout: 600_000 });
    return Number((await app.page.getByTestId('stored-count').textContent())!.replace(/,/g, ''));
  } finally {
    await app.close();
  }
}

const dir = await mkdtemp(join(tmpdir(), 'cairn-bench-'));
try {
  process.stdout.write(`Generating ${EVENTS.toLocaleString('en-US')} events in ${Math.ceil(EVENTS / PER_FILE)} .json.gz files (S3 layout)…\n`);
  await writeSyntheticBundle(dir, EVENTS, PER_FILE);
  const rows: [string, { seconds: number; events: number }][] = [
    ['zcat | jq -c .Records[] (baseline)', await timed(() => jqBaseline(dir))],
    ['Cairn ingest core (worker thread)', await timed(() => ingestCore(dir))],
    ['Cairn files → IndexedDB (harness)', await timed(() => endToEnd(dir))],
  ];
  const baseline = rows[0]![1].events / rows[0]![1].seconds;
  process.stdout.write(`\n${'path'.padEnd(38)}${'events'.padStart(9)}${'seconds'.padStart(9)}${'events/s'.padStart(10)}${'× jq'.padStart(7)}\n`);
  for (const [name, { seconds, events }] of rows) {
    if (events !== EVENTS) throw new Error(`${name} saw ${events} events, expected ${EVENTS}`);
    const rate = events / seconds;
    process.stdout.write(`${name.padEnd(38)}${String(events).padStart(9)}${seconds.toFixed(2).padStart(9)}${String(Math.round(rate)).padStart(10)}${(rate / baseline).toFixed(2).padStart(7)}\n`);
  }
  process.stdout.write('\nThe harness row is bounded by its test bridge (page.evaluate carries every batch); the app uses MessagePorts.\n');
} finally {
  await rm(dir, { recursive: true, force: true });
}
