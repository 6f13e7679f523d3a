import { mkdtemp } from 'node:fs/promises'; import { tmpdir } from 'node:os'; import { join } from 'node:path';
import { writeSyntheticBundle } from './tests/fixtures/generators/syntheticEvents';
const dir = process.argv[2]!;
await writeSyntheticBundle(dir, 200000, 200);
