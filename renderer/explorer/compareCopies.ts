import { JSON_TREE_DEPTH, nestedDeeperThan } from '../../shared/jsonDepth';
import { duplicateKeys, jsonDifferences, parseForComparison, textVerdict, type DuplicateKey, type JsonDifference } from './jsonDifferences';

/** How a conflicting copy of an event differs from it. */
export interface CopyComparison {
  /** When the two cannot be compared value by value (one nests too deep to walk, or is not JSON), what their texts say; else null. */
  byText: string | null;
  /** Value by value (none when compared by text). */
  differences: JsonDifference[];
  /** Keys written more than once in one object, in this copy and in the other. */
  repeatedHere: DuplicateKey[];
  repeatedThere: DuplicateKey[];
}

/** An event's text parsed for comparing; undefined when it is not JSON. */
function comparable(text: string): unknown {
  try {
    return parseForComparison(text);
  } catch {
    return undefined;
  }
}

/**
 * Compares an event's text with a conflicting copy's: value by value and for keys written twice
 * when both are JSON; by their texts when one nests too deep to walk (parsing and walking it would
 * recurse past the stack).
 */
export function compareCopies(hereText: string, thereText: string): CopyComparison {
  const none = { differences: [], repeatedHere: [], repeatedThere: [] };
  if (nestedDeeperThan(hereText, JSON_TREE_DEPTH) || nestedDeeperThan(thereText, JSON_TREE_DEPTH)) return { byText: textVerdict(hereText, thereText), ...none };
  const [here, there] = [hereText, thereText].map(comparable);
  if (here === undefined || there === undefined) return { byText: "One copy is not JSON (a row of a CSV export without the event's JSON, perhaps): compare them by eye.", ...none };
  return { byText: null, differences: jsonDifferences(here, there), repeatedHere: duplicateKeys(hereText), repeatedThere: duplicateKeys(thereText) };
}
