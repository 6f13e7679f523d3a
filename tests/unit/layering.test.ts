import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function restricted(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: file });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message.split(' ')[0]!);
}

describe('layering lint rules', () => {
  it('keep shared/ free of platform code', async () => {
    expect(await restricted('shared/x.ts', "import 'node:fs';\nimport 'fs';\nimport 'electron';\nimport 'react';\nimport 'dexie';\nimport '../main/ipc';\nimport './event';\n")).toEqual([
      "'node:fs'", "'fs'", "'electron'", "'react'", "'dexie'", "'../main/ipc'",
    ]);
  });

  it('keep electron out of main/ingest/', async () => {
    expect(await restricted('main/ingest/x.ts', "import 'electron';\nimport 'node:fs';\nimport '../../shared/ipc';\n")).toEqual(["'electron'"]);
  });

  it('keep Node and main/ out of renderer/', async () => {
    expect(await restricted('renderer/db/x.ts', "import 'node:path';\nimport 'path';\nimport 'electron';\nimport '../../main/handlers';\nimport 'dexie';\n")).toEqual([
      "'node:path'", "'path'", "'electron'", "'../../main/handlers'",
    ]);
  });
});
