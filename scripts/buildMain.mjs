// Bundles main, preload, the ingest and parse workers and the CLI with esbuild: small CommonJS entry points,
// shared code inlined (a sandboxed preload cannot require project files), electron left external.
import { build } from 'esbuild';

const common = { bundle: true, format: 'cjs', outExtension: { '.js': '.cjs' }, sourcemap: true, logLevel: 'warning', external: ['electron'] };

await Promise.all([
  build({ ...common, platform: 'node', target: 'node22', entryPoints: { index: 'main/index.ts', ingestWorker: 'main/ingest/worker.ts', parseWorker: 'main/ingest/parseWorker.ts', cli: 'main/cliEntry.ts' }, outdir: 'dist/main' }),
  build({ ...common, platform: 'browser', target: 'chrome140', entryPoints: { preload: 'main/preload.ts' }, outdir: 'dist/main' }),
]);
