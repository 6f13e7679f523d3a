import { join } from 'node:path';
import { main } from './cli';
import { CancelFlag } from './ingest/cancelFlag';

/** A reader that stops early (`cairn scan … | head`) ends the scan quietly, with the status of a Unix tool ended by a broken pipe (128 + SIGPIPE). */
const BROKEN_PIPE_STATUS = 141;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(BROKEN_PIPE_STATUS);
});

// Ctrl-C stops the scan as cancelling an import does; a second one ends it at once.
const cancel = new CancelFlag();
process.once('SIGINT', () => cancel.cancel());

// `cairn` on the command line: the same ingest core as the app, printing to the terminal.
void main(process.argv.slice(2), (text) => process.stdout.write(text), (text) => process.stderr.write(text), join(__dirname, 'parseWorker.cjs'), cancel).then((status) => {
  process.exitCode = status;
});
