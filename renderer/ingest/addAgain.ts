import { counted } from '../../shared/counted';
import { APP_CLOSED } from '../db/interruptedImport';
import { formatCount } from '../format';

/**
 * What an investigator can do once an import stopped early (its worker died, the job failed,
 * storing failed, or it was cancelled): each file it stopped in or before is recorded as far as the
 * case holds it, and the same evidence added again skips what the case holds and makes those files
 * whole entries (see distinctEvidence). Said after the reason, once its cause is gone (space freed, say).
 */
export const ADD_AGAIN = 'add the same evidence again: events already in the case are skipped, and each file this import stopped in or before is completed';

const sentence = (text: string): string => `${text[0]!.toUpperCase()}${text.slice(1)}.`;

/** What the banner says of a job that ended on `error` (its own, or main's when its thread died). */
export const jobStopped = (error: string): string => `Import stopped: ${error}. ${sentence(ADD_AGAIN)}`;

/**
 * What the banner says, when the case is next opened, of an import the app closed on (see
 * recordInterruptedImport): the files it had not reached are not known, and so not listed.
 */
export const jobInterrupted = (stored: number): string =>
  `Import stopped: ${APP_CLOSED}. The case holds the ${counted(stored, 'event', formatCount(stored))} it stored, and each file they came from says how many of its events the case holds; files it had not reached are not listed. ${sentence(ADD_AGAIN)}`;

/** What the banner says under "Import cancelled": the files not reached are read then too. */
export const JOB_CANCELLED = sentence(`to finish it, ${ADD_AGAIN}`);
