import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { createHandlers, dispatch } from '../../main/handlers';
import type { IngestPort } from '../../main/ingestJob';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import type { IngestMessage, IngestReply, JobId } from '../../shared/ipc';
import { decodeFromBridge, encodeForBridge } from './bridgeCodec';

const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER = join(ROOT, 'dist/renderer');
const INGEST_WORKER = join(ROOT, 'dist/main/ingestWorker.cjs');
/** The harness serves the bundle here: a secure origin, like the app protocol, so storage APIs exist. */
export const APP_BASE = 'http://localhost/';

const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/** Flags that keep Chromium off the network (and working as root in a container). */
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
}

export interface LaunchedApp {
  page: Page;
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
    timezoneId: 'America/New_York',
    serviceWorkers: 'block',
  });
  const externalRequests: string[] = [];
  context.on('request', (request) => {
    if (!request.url().startsWith(APP_BASE)) externalRequests.push(request.url());
  });
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (!url.startsWith(APP_BASE)) return route.abort('blockedbyclient');
    const pathname = decodeURIComponent(new URL(url).pathname);
    const file = resolve(RENDERER, '.' + (pathname === '/' ? '/index.html' : pathname));
    if (!file.startsWith(RENDERER + sep) || !existsSync(file)) return route.fulfill({ status: 404, body: 'Not found' });
    const extension = file.slice(file.lastIndexOf('.'));
    return route.fulfill({
      status: 200,
      body: await readFile(file),
      headers: { 'content-type': MIME[extension] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY },
    });
  });

  const replyListeners = new Map<JobId, (reply: IngestReply) => void>();
  const clipboard: string[] = [];
  const handlers = createHandlers<Page>({
    ingestWorkerPath: INGEST_WORKER,
    writeClipboard: (text) => void clipboard.push(text),
    chooseEvidence: async () => options.evidence ?? null,
    openIngestPort(page, job): IngestPort {
      // Messages are carried into the page by evaluate calls; whatever queues up while one is
      // under way goes in the next, so the bridge does not throttle the real code it drives.
      type HarnessPage = { __cairnHarness: { openPort(job: string): void; send(job: string, messagesJson: string): void } };
      let pending: IngestMessage[] = [];
      let carrying = page.evaluate((id) => (window as unknown as HarnessPage).__cairnHarness.openPort(id), job);
      const carry = (): void => {
        carrying = carrying
          .then(() => {
            if (pending.length === 0) return;
            const messages = pending;
            pending = [];
            const json = encodeForBridge(messages);
            return page.evaluate(([id, m]) => (window as unknown as HarnessPage).__cairnHarness.send(id, m), [job, json] as const);
          })
          .catch(() => undefined);
      };
      return {
        post(message) {
          pending.push(message);
          if (pending.length === 1) carry();
        },
        onReply: (listener) => replyListeners.set(job, listener),
      };
    },
  });
  await context.exposeBinding('__cairnHarnessInvoke', ({ page }, channel: unknown, args: unknown) => dispatch(handlers, channel, args, page));
  await context.exposeBinding('__cairnHarnessReply', (_source, job: JobId, reply: string) => replyListeners.get(job)?.(decodeFromBridge(reply) as IngestReply));
  const dropPaths = `window.__cairnHarnessDropPaths = ${JSON.stringify(options.dropPaths ?? {})};\n`;
  await context.addInitScript({ content: dropPaths + (await harnessPreload()) });

  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(APP_BASE + 'index.html');
  return {
    page,
    externalRequests,
    clipboard,
    async close() {
      await context.close();
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
