import { describe, expect, it } from 'vitest';
import { nameTakenNote, namesakes, toldApart } from '../../../renderer/cases/caseNamesakes';
import type { CaseInfo } from '../../../renderer/cases/caseRegistry';

const info = (id: string, name: string, created: number): CaseInfo => ({ id, name, created, lastOpened: created, events: 0, minTime: null, maxTime: null, evidence: 0 });
const AT = Date.UTC(2026, 0, 5, 9, 30, 0);
const CASES = [info('a', 'Duplicate', AT), info('b', 'duplicate', AT + 3_600_000), info('c', 'IR-1', AT), info('d', 'IR-01', AT), info('e', 'Résumé', AT), info('f', 'Resume', AT)];

describe('namesakes', () => {
  it('finds the other cases whose name reads the same, letter case and surrounding spaces aside', () => {
    expect(namesakes('  DUPLICATE ', CASES).map((c) => c.id)).toEqual(['a', 'b']);
    expect(namesakes('Duplicate', CASES, 'a').map((c) => c.id)).toEqual(['b']);
    expect(namesakes('IR-1', CASES).map((c) => c.id)).toEqual(['c']);
    expect(namesakes('Resume', CASES).map((c) => c.id)).toEqual(['f']);
  });
});

describe('toldApart', () => {
  it('gives a case sharing its name with another the time it was created, and no other case anything', () => {
    expect(Object.fromEntries(toldApart(CASES))).toEqual({
      a: ' (created 2026-01-05 09:30:00 UTC)',
      b: ' (created 2026-01-05 10:30:00 UTC)',
      c: '',
      d: '',
      e: '',
      f: '',
    });
  });

  it('gives the milliseconds when two cases of a name were created in the same second', () => {
    const cases = [info('a', 'Twin', AT), info('b', 'Twin', AT + 845), info('c', 'Twin', AT + 5000)];
    expect(Object.fromEntries(toldApart(cases))).toEqual({ a: ' (created 2026-01-05 09:30:00.000 UTC)', b: ' (created 2026-01-05 09:30:00.845 UTC)', c: ' (created 2026-01-05 09:30:05 UTC)' });
  });
});

describe('nameTakenNote', () => {
  it('warns of a name other cases have, naming it as they spell it, and says nothing of a new or blank name or of the case itself', () => {
    expect(nameTakenNote('IR-1', CASES)).toBe('Another case is named “IR-1”: names need not be unique, and cases of the same name are told apart by when they were created.');
    expect(nameTakenNote('DUPLICATE', CASES)).toBe('2 other cases are named “Duplicate”: names need not be unique, and cases of the same name are told apart by when they were created.');
    expect(nameTakenNote('IR-1', CASES, 'c')).toBeNull();
    expect(nameTakenNote('IR-2', CASES)).toBeNull();
    expect(nameTakenNote('   ', CASES)).toBeNull();
  });

  it('shows a name with hidden characters as printable text', () => {
    expect(nameTakenNote('a\u202Eb', [info('a', 'a\u202Eb', AT)])).toMatch(/^Another case is named “a\\u202eb”/);
  });
});
