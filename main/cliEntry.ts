import { join } from 'node:path';
import { main } from './cli';

// `cairn` on the command line: the same ingest core as the app, printing to the terminal.
void main(process.argv.slice(2), (text) => process.stdout.write(text), (text) => process.stderr.write(text), join(__dirname, 'parseWorker.cjs')).then((status) => {
  process.exitCode = status;
});
