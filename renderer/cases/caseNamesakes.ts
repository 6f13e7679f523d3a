import { printable } from '../../shared/printable';
import { packFraction } from '../../shared/timeFraction';
import { formatTime } from '../format';
import type { CaseInfo } from './caseRegistry';

/** Names that read the same, letter case aside ('Duplicate', 'duplicate'); accents and digits count. */
const readAlike = new Intl.Collator('en', { sensitivity: 'accent' });

/** The other cases (all but `self`) whose name reads as `name` does. */
export function namesakes(name: string, cases: readonly CaseInfo[], self?: string): CaseInfo[] {
  const wanted = name.trim();
  return cases.filter((info) => info.id !== self && readAlike.compare(info.name, wanted) === 0);
}

/**
 * What tells each case from others of the same name, to be said after its name wherever it is
 * named alone (its buttons' accessible names, the delete question): ' (created 2026-01-05 09:30:00 UTC)',
 * to the millisecond when another of its name was created in the same second (cases the app
 * creates are a registry write apart); '' for a case whose name no other case has.
 */
export function toldApart(cases: readonly CaseInfo[]): Map<string, string> {
  const toSecond = (info: CaseInfo) => formatTime(info.created - (info.created % 1000));
  return new Map(
    cases.map((info) => {
      const others = namesakes(info.name, cases, info.id);
      if (others.length === 0) return [info.id, ''];
      const sameSecond = others.some((other) => toSecond(other) === toSecond(info));
      return [info.id, ` (created ${sameSecond ? formatTime(info.created, 'utc', packFraction(3, 0)) : toSecond(info)} UTC)`];
    }),
  );
}

/** The warning for a case about to be given `name` (`self`: the case being renamed), or null when no other case has it. Names need not be unique. */
export function nameTakenNote(name: string, cases: readonly CaseInfo[], self?: string): string | null {
  if (name.trim() === '') return null;
  const others = namesakes(name, cases, self);
  if (others.length === 0) return null;
  const who = others.length === 1 ? 'Another case is' : `${others.length} other cases are`;
  return `${who} named “${printable(others[0]!.name)}”: names need not be unique, and cases of the same name are told apart by when they were created.`;
}
