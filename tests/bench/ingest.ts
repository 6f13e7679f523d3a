// npm run bench: Cairn's ingest beside `jq` on the same generated inputs, in the same run (these
// machines are noisy: compare the ratios). Reports events/s and peak RSS of each process.
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { availableParallelism } from 'node:os';
import { launchApp, newCase } from '../e2e/harness';
import { syntheticEvent, writeSyntheticBundle } from '../fixtures/generators/syntheticEvents';
import { countCpu } from './processCpu';

/** Runs of each command-line measure, interleaved; the median is reported (one run can be off by a fifth here). */
const ROUNDS = Number(process.env['CAIRN_BENCH_ROUNDS'] ?? 3);
/**
 * Events of each bundle: enough that what a run pays once (starting Node and each thread, V8
 * optimizing each thread's code: about 0.4 s of CPU a thread) weighs little beside the events
 * themselves, as in the evidence of a real incident. At 200k events those costs took the two-thread
 * scan from 4.3× jq (at 1M) to 3.4×.
 */
const BUNDLE_EVENTS = Number(process.env['CAIRN_BENCH_EVENTS'] ?? 1_000_000);
const NDJSON_EVENTS = Number(process.env['CAIRN_BENCH_NDJSON_EVENTS'] ?? 500_000);
/** Events per file of the bundles: as busy trails deliver them, and as a quiet account's do (many more, smaller files). */
const EVENTS_PER_FILE = 200;
const SMALL_FILE_EVENTS = 40;
const CLI = resolve(import.meta.dirname, '../../dist/main/cli.cjs');

interface Measure {
  seconds: number;
  events: number;
  rssMB: number;
  /** For an import: how the page answered key presses meanwhile. */
  input?: Latencies;
  /** For an import: CPU seconds each kind of process used during it. */
  cpu?: [kind: string, seconds: number][];
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

/** Bytes under a path, as `du` counts them. */
function diskBytes(path: string): Promise<number> {
  return new Promise((done, fail) => execFile('du', ['-sb', path], (error, stdout) => (error ? fail(error) : done(Number(stdout.split('\t')[0])))));
}

const countLines = (out: string) => Number(out.trim());
const jqRecords = (dir: string) => timed(`find "${dir}" -name '*.json.gz' -print0 | sort -z | xargs -0 zcat | jq -c '.Records[]' | wc -l`, countLines);
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

/**
 * Each measure `ROUNDS` times, in turns (baseline, then each path, then again), so that a slow
 * spell of the machine falls on all of them: per measure, the run of median time, with the
 * highest peak RSS seen.
 */
async function medians(measures: (() => Promise<Measure>)[]): Promise<Measure[]> {
  const runs: Measure[][] = measures.map(() => []);
  for (let round = 0; round < ROUNDS; round++) for (const [at, measure] of measures.entries()) runs[at]!.push(await measure());
  return runs.map((all) => {
    const sorted = [...all].sort((a, b) => a.seconds - b.seconds);
    return { ...sorted[Math.floor((sorted.length - 1) / 2)]!, rssMB: Math.max(...all.map((m) => m.rssMB)) };
  });
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

interface Latencies {
  samples: number;
  p50: number;
  p95: number;
  max: number;
}

function latencies(values: number[]): Latencies {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { samples: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? NaN };
}

const ms = (l: Latencies) => `p50 ${l.p50.toFixed(0)} ms, p95 ${l.p95.toFixed(0)} ms, max ${l.max.toFixed(0)} ms (${l.samples} steps)`;

/** Records, in the page, how long each Shift key press takes to reach the next frame. */
function watchInput(page: Page): Promise<void> {
  return page.evaluate(() => {
    const scope = window as unknown as { __inputLatency: number[] };
    scope.__inputLatency = [];
    window.addEventListener('keydown', (event) => {
      if (event.key === 'Shift') requestAnimationFrame(() => scope.__inputLatency.push(performance.now() - event.timeStamp));
    }, true);
  });
}

/**
 * Notes, in the page, when the import is asked for (the click) and when the banner first says it
 * is complete: polling from here would add up to a poll interval to the time.
 */
function watchImport(page: Page): Promise<void> {
  return page.evaluate(() => {
    const scope = window as unknown as { __importStart?: number; __importDone?: number };
    window.addEventListener('click', () => (scope.__importStart ??= performance.now()), true);
    // No named function in here: tsx would wrap it in a helper the page lacks.
    new MutationObserver(() => {
      if (scope.__importDone === undefined && document.querySelector('[aria-label="Import progress"] strong')?.textContent === 'Import complete') scope.__importDone = performance.now();
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/**
 * Files → IndexedDB through the real renderer in Chromium, driven by the e2e harness; while it
 * runs, a key is pressed every 250 ms and the time from each press to the next frame is kept.
 */
async function endToEnd(dir: string, profileDir?: string): Promise<Measure> {
  const app = await launchApp({ evidence: [dir], ...(profileDir ? { profileDir } : {}) });
  try {
    await newCase(app.page, 'Bench');
    await watchInput(app.page);
    await watchImport(app.page);
    const cpuUsed = countCpu();
    await app.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
    const complete = app.page.getByText('Import complete', { exact: true });
    while (!(await complete.isVisible())) {
      await app.page.keyboard.press('Shift');
      await new Promise((tick) => setTimeout(tick, 250));
    }
    const cpu = cpuUsed();
    const seconds = await app.page.evaluate(() => {
      const { __importStart: start, __importDone: done } = window as unknown as { __importStart?: number; __importDone?: number };
      if (start === undefined || done === undefined) throw new Error('the page did not note when the import started and ended');
      return (done - start) / 1000;
    });
    const events = Number((await app.page.getByTestId('stored-count').textContent())!.replace(/,/g, ''));
    const input = latencies(await app.page.evaluate(() => (window as unknown as { __inputLatency: number[] }).__inputLatency));
    return { seconds, events, rssMB: NaN, input, cpu };
  } finally {
    await app.close();
  }
}

/** In the page: milliseconds from the last markStep until `selector` matches a row with text. */
function untilRow(page: Page, selector: string): Promise<number> {
  // No named functions inside: the page cannot see the helpers tsx adds around them.
  return page.evaluate(async (wanted) => {
    while (!document.querySelector(wanted)?.textContent) await new Promise(requestAnimationFrame);
    return performance.now() - (window as unknown as { __stepStart: number }).__stepStart;
  }, selector);
}

function markStep(page: Page): Promise<void> {
  return page.evaluate(() => void ((window as unknown as { __stepStart: number }).__stepStart = performance.now()));
}

/**
 * Opens the stored case in a fresh launch: time until the first rows are visible, then per step
 * of paging (Page Down, End, Home; timed from just before the key press) and of scrolling, until the rows of the new place
 * are drawn.
 */
async function reopen(profileDir: string): Promise<{ firstRows: number; paging: Latencies; scrolling: Latencies }> {
  const app = await launchApp({ profileDir });
  const { page } = app;
  try {
    await page.getByRole('button', { name: 'Open Bench' }).waitFor();
    await markStep(page);
    await page.getByRole('button', { name: 'Open Bench' }).click();
    const firstRows = await untilRow(page, '[role=row][aria-rowindex="2"]');

    const paging: number[] = [];
    await page.locator('[role=row][aria-rowindex="2"]').click();
    const keys = [...Array<string>(20).fill('PageDown'), 'End', 'Home', 'End', 'Home'];
    for (const key of keys) {
      const before = await page.locator('[role=row][aria-selected=true]').getAttribute('aria-rowindex');
      await markStep(page);
      await page.keyboard.press(key);
      paging.push(await untilRow(page, `[role=row][aria-selected=true]:not([aria-rowindex="${before}"])`));
    }

    // Scrolling: the listing is moved 5,000 px at a time and timed until the rows now at its top
    // are drawn (scrollTop set in the page: a wheel's smooth scroll would time the animation).
    const scrolling: number[] = [];
    for (let step = 1; step <= 20; step++) {
      scrolling.push(
        await page.evaluate(async (top) => {
          const start = performance.now();
          const grid = document.querySelector('.grid-scroll')!;
          grid.scrollTop = top;
          const wanted = `[role=row][aria-rowindex="${Math.floor(grid.scrollTop / 28) + 2}"]`;
          while (!document.querySelector(wanted)?.textContent) await new Promise(requestAnimationFrame);
          return performance.now() - start;
        }, step * 5000),
      );
    }
    return { firstRows, paging: latencies(paging), scrolling: latencies(scrolling) };
  } finally {
    await app.close();
  }
}

/**
 * Where the import's CPU went, per event stored, beside what 3× jq's rate leaves to spend on all
 * the machine's cores: an import that needs more CPU per event than that cannot reach 3× here.
 */
function cpuPerEvent({ cpu, events, seconds }: Measure, jq: Measure): string {
  const perEvent = (cpuSeconds: number) => `${((1e6 * cpuSeconds) / events).toFixed(1).padStart(6)} µs`;
  const total = cpu!.reduce((sum, [, used]) => sum + used, 0);
  const cores = availableParallelism();
  const allowed = (1e6 * cores) / (3 * (jq.events / jq.seconds));
  return [
    'CPU used during the import, per event stored:',
    ...cpu!.map(([kind, used]) => `  ${perEvent(used)}  ${kind}`),
    `  ${perEvent(total)}  in all: ${(total / seconds).toFixed(2)} of ${cores} cores busy on average`,
    `  3× jq's rate leaves at most ${allowed.toFixed(1)} µs of CPU per event on ${cores} cores`,
    '',
  ].join('\n');
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

/** Generates BUNDLE_EVENTS events in files of `perFile` (S3 layout) and scans them beside jq (and, if asked, the two-core ceiling). */
async function scanBundle(bundle: string, perFile: number, ceiling: boolean): Promise<void> {
  const files = Math.ceil(BUNDLE_EVENTS / perFile);
  process.stdout.write(`\nGenerating ${BUNDLE_EVENTS} events in ${files} .json.gz files of ${perFile} events (S3 layout)…\n`);
  await writeSyntheticBundle(bundle, BUNDLE_EVENTS, perFile);
  const [jq, oneThread, twoThreads, pair] = await medians([
    () => jqRecords(bundle),
    () => cairnScan(bundle, 1),
    () => cairnScan(bundle, 2),
    ...(ceiling ? [() => pairOf(`node ${CLI} scan "${bundle}" --json --threads 1 | jq .events`)] : []),
  ]);
  const rows: [string, Measure][] = [
    ["zcat | jq -c '.Records[]' (baseline)", jq!],
    ['cairn scan, one thread (hashing, dedup)', oneThread!],
    ['cairn scan, two parse threads', twoThreads!],
  ];
  if (pair) rows.push(['ceiling: two one-thread scans at once', pair]);
  process.stdout.write(table(`S3 bundle: ${files} .json.gz trail files of ${perFile} events (median of ${ROUNDS} interleaved runs)`, rows, BUNDLE_EVENTS) + '\n');
}

const work = await mkdtemp(join(tmpdir(), 'cairn-bench-'));
try {
  process.stdout.write(`Generating ${NDJSON_EVENTS} events of NDJSON…\n`);
  const ndjson = join(work, 'events.ndjson');
  await writeNdjson(ndjson, NDJSON_EVENTS);
  const caseBundle = join(work, 'bundle');
  await scanBundle(caseBundle, EVENTS_PER_FILE, true);
  const small = join(work, 'small');
  await scanBundle(small, SMALL_FILE_EVENTS, false);
  await rm(small, { recursive: true, force: true });

  const profile = join(work, 'profile');
  process.stdout.write(`\nImporting the bundle of ${EVENTS_PER_FILE}-event files into a case…\n`);
  // Each import into a fresh case; the first one's is kept for the reopening measures.
  let imports = 0;
  const [caseBaseline, imported] = await medians([
    () => jqRecords(caseBundle),
    () => endToEnd(caseBundle, imports++ === 0 ? profile : undefined),
  ]);
  process.stdout.write(
    table(`A case: files → IndexedDB through the real renderer (e2e harness, Chromium; median of ${ROUNDS} interleaved runs)`, [
      ["zcat | jq -c '.Records[]' (baseline)", caseBaseline!],
      ['files → IndexedDB, import complete', imported!],
    ], BUNDLE_EVENTS) + '\n',
  );
  process.stdout.write(`input latency during the import (key press → next frame): ${ms(imported!.input!)}\n`);
  process.stdout.write(cpuPerEvent(imported!, caseBaseline!));
  const [caseBytes, evidenceBytes] = await Promise.all([join(profile, 'Default', 'IndexedDB'), caseBundle].map(diskBytes));
  process.stdout.write(`the case on disk (IndexedDB): ${(caseBytes! / 2 ** 20).toFixed(0)} MB, for ${(evidenceBytes! / 2 ** 20).toFixed(0)} MB of .json.gz evidence\n`);
  const reopened = await reopen(profile);
  process.stdout.write(`reopening the case: first rows drawn ${reopened.firstRows.toFixed(0)} ms after Open\n`);
  process.stdout.write(`paging (Page Down ×20, End, Home ×2): ${ms(reopened.paging)}\n`);
  process.stdout.write(`scrolling (5,000 px a step): ${ms(reopened.scrolling)}\n`);
  const [jqNdjson, cairnNdjson] = await medians([() => timed(`jq -c '.' "${ndjson}" | wc -l`, countLines), () => cairnScan(ndjson, 2)]);
  process.stdout.write(
    table(`One large NDJSON file (median of ${ROUNDS} interleaved runs)`, [
      ["jq -c '.' (baseline)", jqNdjson!],
      ['cairn scan (one file: one thread)', cairnNdjson!],
    ], NDJSON_EVENTS) + '\n',
  );
} finally {
  await rm(work, { recursive: true, force: true });
}
