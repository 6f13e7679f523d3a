import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { createHandlers, dispatch } from '../../main/handlers';
import type { IngestPort } from '../../main/ingestJob';
import type { JobId } from '../../shared/ipc';
import { startAppServer } from './appServer';

const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER = join(ROOT, 'dist/renderer');
const INGEST_WORKER = join(ROOT, 'dist/main/ingestWorker.cjs');

/**
 * Flags that keep Chromium off the network (and working as root in a container). Every request
 * for a host other than loopback goes to a proxy port nothing serves, so it fails in the browser;
 * loopback, the harness's own server, bypasses proxies. (Playwright's request routing would do
 * the same by pausing every request, the app's own included, for this process to decide on: a
 * round trip per ingest reply.)
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--proxy-server=http://127.0.0.1:9',
];

export function chromiumPath(): string {
  return process.env['CAIRN_CHROMIUM'] ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : chromium.executablePath());
}

let preloadBundle: Promise<string> | undefined;
function harnessPreload(): Promise<string> {
  preloadBundle ??= build({
    entryPoints: [join(import.meta.dirname, 'harnessPreload.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome140',
  }).then((result) => result.outputFiles[0]!.text);
  return preloadBundle;
}

export interface LaunchOptions {
  /** The paths a user picks in the open dialog; without them the dialog is cancelled. */
  evidence?: string[];
  /** Reuse a profile (and so the case database) across launches; a fresh one otherwise. */
  profileDir?: string;
  /**
   * What the preload resolves a dropped File to, by file name, as Electron's
   * webUtils.getPathForFile would; any other File resolves to '' (one the page made itself).
   */
  dropPaths?: Record<string, string>;
  /** The clipboard refuses every text with this error, as main's copyText does a text over its limit. */
  clipboardRefuses?: string;
  /** The machine's zone, as local time shows it; America/New_York otherwise. */
  timezoneId?: string;
  /** The scripts the first imports' ingest workers run, one per import in turn (e.g. one that dies, see writeDyingWorker); later imports run the build's. */
  ingestWorkers?: string[];
  /**
   * The first import's messages after its `n`th batch never reach the page, as when the app closes
   * then: the job waits for acks that never come. Closing the app cancels it.
   */
  holdIngestAfter?: number;
}

export interface LaunchedApp {
  page: Page;
  /** The app's origin in this launch (the same for a reused profile), with a trailing slash. */
  base: string;
  /** Every URL the page, its workers or the browser requested outside the app. */
  externalRequests: string[];
  /** What the page put on the clipboard, oldest first. */
  clipboard: string[];
  close(): Promise<void>;
}

/**
 * Starts the real renderer bundle in Debian's Chromium with the harness playing main: it serves
 * the bundle, installs the preload API over page bindings and runs the real main-side handlers
 * and ingest worker in this process.
 */
export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  const ownProfile = options.profileDir === undefined;
  const profileDir = options.profileDir ?? (await mkdtemp(join(tmpdir(), 'cairn-profile-')));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: process.env['CAIRN_HEADED'] !== '1',
    args: CHROMIUM_ARGS,
    viewport: { width: 1360, height: 860 },
    // Away from UTC, so that local-time display is tested for real.
    timezoneId: options.timezoneId ?? 'America/New_York',
    serviceWorkers: 'block',
  });
  const server = await startAppServer(RENDERER, profileDir);
  const externalRequests: string[] = [];
  context.on('request', (request) => {
    if (!request.url().startsWith(server.base)) externalRequests.push(request.url());
  });

  const clipboard: string[] = [];
  let holdAfter = options.holdIngestAfter;
  const held: { job: JobId; page: Page }[] = [];
  const ingestWorkers = [...(options.ingestWorkers ?? [])];
  const handlers = createHandlers<Page>({
    // Read as each import starts.
    get ingestWorkerPath() {
      return ingestWorkers.shift() ?? INGEST_WORKER;
    },
    writeClipboard: (text) => {
      if (options.clipboardRefuses) throw new Error(options.clipboardRefuses);
      clipboard.push(text);
    },
    chooseEvidence: async () => options.evidence ?? null,
    openIngestPort(page, job): IngestPort {
      type HarnessPage = { __cairnHarness: { openPort(job: string): void } };
      void page.evaluate((id) => (window as unknown as HarnessPage).__cairnHarness.openPort(id), job).catch(() => undefined);
      const port = server.ingestPort(job);
      if (holdAfter === undefined) return port;
      let batchesLeft = holdAfter;
      holdAfter = undefined;
      held.push({ job, page });
      return {
        ...port,
        post(message) {
          if (batchesLeft === 0) return;
          if (message.type === 'batch') batchesLeft--;
          port.post(message);
        },
      };
    },
  });
  await context.exposeBinding('__cairnHarnessInvoke', ({ page }, channel: unknown, args: unknown) => dispatch(handlers, channel, args, page));
  const dropPaths = `window.__cairnHarnessDropPaths = ${JSON.stringify(options.dropPaths ?? {})};\n`;
  await context.addInitScript({ content: dropPaths + (await harnessPreload()) });

  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.base + 'index.html');
  return {
    page,
    base: server.base,
    externalRequests,
    clipboard,
    async close() {
      await context.close();
      for (const { job, page } of held) await dispatch(handlers, 'cancelIngest', [job], page);
      await server.close();
      if (ownProfile) await rm(profileDir, { recursive: true, force: true });
    },
  };
}

/** Creates a case from the start screen and waits until it is open. */
export async function newCase(page: Page, name: string): Promise<void> {
  await page.getByPlaceholder(/^e\.g\./).fill(name);
  await page.getByRole('button', { name: 'Create case' }).click();
  await page.getByRole('heading', { name: 'Add the evidence for this case' }).waitFor();
}

/** Waits until the import ends with `outcome` and the case's figures are shown. */
export async function waitForImport(page: Page, outcome = 'Import complete'): Promise<void> {
  await page.getByText(outcome, { exact: true }).waitFor({ timeout: 45_000 });
  await page.getByTestId('event-count').waitFor();
}

/**
 * The app with a case named `caseName` holding `files` (name → content), written to a folder of
 * their own (`evidence`, which the open dialog keeps picking) and imported: what a test of one
 * journey over made-up evidence starts from. Closing it removes the folder too.
 */
export async function caseWithEvidence(caseName: string, files: Record<string, string>, options: Omit<LaunchOptions, 'evidence'> = {}): Promise<LaunchedApp & { evidence: string }> {
  const evidence = await mkdtemp(join(tmpdir(), 'cairn-e2e-evidence-'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(evidence, name), content);
  const app = await launchApp({ ...options, evidence: [evidence] });
  await newCase(app.page, caseName);
  await app.page.getByRole('banner').getByRole('button', { name: 'Add evidence…' }).click();
  await waitForImport(app.page);
  return {
    ...app,
    evidence,
    async close() {
      await app.close();
      await rm(evidence, { recursive: true, force: true });
    },
  };
}
