import { EVENT_FLAGS } from '../../shared/event';
import { JSON_TREE_DEPTH } from '../../shared/jsonDepth';

/** What the deepNesting flag means, for the marks column and the detail pane. */
export const DEEP_NESTING = `Nested more than ${JSON_TREE_DEPTH} levels deep, too deeply to display as a tree: its text is shown as it is in the file, and what lies deeper than ${JSON_TREE_DEPTH} levels is left out of its fields and request parameters.`;


/** Why an event's stored text differs from the evidence's, one sentence per reason, from its EVENT_FLAGS. */
export function alteredText(flags: number): string[] {
  const reasons: string[] = [];
  if (flags & EVENT_FLAGS.invalidText) reasons.push("The file has bytes in this event that are not valid text (UTF-8 or UTF-16): each such sequence shows as �. The file's SHA-256 covers the original bytes.");
  if (flags & EVENT_FLAGS.escapedSurrogates) reasons.push('This event’s JSON holds lone UTF-16 surrogates, which are not text: each shows as its \\uXXXX escape, which parses to the same value.');
  return reasons;
}
