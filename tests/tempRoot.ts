// Vitest global setup: every temporary folder a test makes (evidence, profiles, outputs) goes
// under one folder for the run, removed when the run ends, so that no test leaves files behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'cairn-tests-'));
  // os.tmpdir() reads TMPDIR on every call, and the test workers inherit it.
  process.env['TMPDIR'] = root;
  return () => rmSync(root, { recursive: true, force: true });
}
