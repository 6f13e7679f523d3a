import { printableValue } from '../../shared/printable';
import { isSignIn, signInResult } from '../../shared/signIn';
import { asJson, objectAt, textAt } from '../query/jsonAt';
import { gapReason, saysNone, type CsvGap } from './csvGap';
import { INSIGHT_EVENT_TYPE } from './insight';

/** Whether an event's call failed, and why, as its record says: what the detail pane says of it near its top. */
export interface Outcome {
  /** true: it failed; false: it succeeded; undefined: what is read of the event does not say. */
  failed: boolean | undefined;
  /** What happened, in one line, printable: `Failed: AccessDenied` (the code a printableValue). */
  summary: string;
  /** Why, and what goes with it: label and value pairs, only those present. Values are the evidence's text as it is. */
  details: [string, string][];
}

/**
 * The outcome of an event: a call that failed, by its errorCode and errorMessage; a failed sign-in
 * (which has no errorCode, see signInResult) with why (its errorMessage, such as "Failed
 * authentication"), whether MFA was used and where it was signing in to; a success, quietly.
 * `gapOf` tells why what was read of it lacks a key (see csvGap): a CSV row gives only its
 * columns', and one without an errorcode column says nothing of success, where an empty errorcode
 * cell says there was no error. Undefined for an Insights event, which reports on others' calls and
 * has no outcome of its own, or no event at all.
 */
export function eventOutcome(event: unknown, gapOf: (key: string) => CsvGap | undefined = () => undefined): Outcome | undefined {
  const json = asJson(event);
  if (!json || textAt(json, 'eventType') === INSIGHT_EVENT_TYPE || objectAt(json, 'insightDetails')) return undefined;
  const errorCode = textAt(json, 'errorCode');
  const message: [string, string][] = textAt(json, 'errorMessage') ? [['Error message', textAt(json, 'errorMessage')]] : [];
  if (errorCode) return { failed: true, summary: `Failed: ${printableValue(errorCode)}`, details: message };
  if (isSignIn(json)) {
    const result = signInResult(json);
    if (result === 'Success') return { failed: false, summary: 'Sign-in succeeded', details: message };
    if (result === 'Failure') {
      const more = objectAt(json, 'additionalEventData');
      const pairs: [string, string][] = [...message, ['MFA used', textAt(more, 'MFAUsed')], ['Signing in to', textAt(more, 'LoginTo')]];
      return { failed: true, summary: 'Sign-in failed', details: pairs.filter(([, value]) => value !== '') };
    }
    // A failed sign-in says so only in its response.
    const gap = gapOf('responseElements');
    const unsaid = gap ? gapReason(gap) : 'its responseElements give neither Success nor Failure';
    return { failed: undefined, summary: `Not said: a sign-in has no error code when it fails, and ${unsaid}`, details: message };
  }
  const gap = gapOf('errorCode');
  if (gap && !saysNone(gap)) return { failed: undefined, summary: `Not said: ${gapReason(gap)}`, details: message };
  return { failed: false, summary: 'Succeeded (no error code)', details: message };
}
