import { describe, expect, it } from 'vitest';
import { caseDuration, isCaseSort, sortCases, type CaseSort } from '../../../renderer/cases/caseOrder';
import type { CaseInfo } from '../../../renderer/cases/caseRegistry';

const info = (name: string, created: number, lastOpened: number, events: number, minTime: number | null, evidence: number, lasted = 0): CaseInfo => ({
  id: name,
  name,
  created,
  lastOpened,
  events,
  minTime,
  maxTime: minTime === null ? null : minTime + lasted,
  evidence,
});

// As the registry lists them: the most recently opened first.
const CASES = [info('ir-10 bucket', 2, 9, 1, 3000, 1), info('alpha empty', 3, 8, 0, null, 0), info('IR-9 keys', 1, 7, 3, 1000, 2, 90_000), info('Beta', 4, 4, 1, 2000, 1, 500)];
const names = (sort: CaseSort) => sortCases(CASES, sort).map((c) => c.name);

describe('sortCases', () => {
  it('orders names as people read them: numbers by value, case ignored', () => {
    expect(names({ key: 'name', direction: 'asc' })).toEqual(['alpha empty', 'Beta', 'IR-9 keys', 'ir-10 bucket']);
    expect(names({ key: 'name', direction: 'desc' })).toEqual(['ir-10 bucket', 'IR-9 keys', 'Beta', 'alpha empty']);
  });

  it('orders by counts and times, ties in the order given', () => {
    expect(names({ key: 'events', direction: 'desc' })).toEqual(['IR-9 keys', 'ir-10 bucket', 'Beta', 'alpha empty']);
    expect(names({ key: 'events', direction: 'asc' })).toEqual(['alpha empty', 'ir-10 bucket', 'Beta', 'IR-9 keys']);
    expect(names({ key: 'evidence', direction: 'desc' })).toEqual(['IR-9 keys', 'ir-10 bucket', 'Beta', 'alpha empty']);
    expect(names({ key: 'created', direction: 'desc' })).toEqual(['Beta', 'alpha empty', 'ir-10 bucket', 'IR-9 keys']);
    expect(names({ key: 'lastOpened', direction: 'asc' })).toEqual(['Beta', 'IR-9 keys', 'alpha empty', 'ir-10 bucket']);
  });

  it('puts a case without timed events last whichever way the time span is ordered', () => {
    expect(names({ key: 'start', direction: 'asc' })).toEqual(['IR-9 keys', 'Beta', 'ir-10 bucket', 'alpha empty']);
    expect(names({ key: 'start', direction: 'desc' })).toEqual(['ir-10 bucket', 'Beta', 'IR-9 keys', 'alpha empty']);
  });

  it('orders by how long the events span, a case without timed events last either way', () => {
    expect(names({ key: 'duration', direction: 'desc' })).toEqual(['IR-9 keys', 'Beta', 'ir-10 bucket', 'alpha empty']);
    expect(names({ key: 'duration', direction: 'asc' })).toEqual(['ir-10 bucket', 'Beta', 'IR-9 keys', 'alpha empty']);
  });

  it('leaves the list it was given as it was', () => {
    sortCases(CASES, { key: 'name', direction: 'asc' });
    expect(CASES.map((c) => c.name)).toEqual(['ir-10 bucket', 'alpha empty', 'IR-9 keys', 'Beta']);
  });
});

describe('isCaseSort', () => {
  it('accepts a sort this version knows, and nothing else', () => {
    expect([isCaseSort({ key: 'start', direction: 'asc' }), isCaseSort({ key: 'duration', direction: 'desc' })]).toEqual([true, true]);
    expect([undefined, null, 'name', { key: 'size', direction: 'asc' }, { key: 'name', direction: 'up' }].map(isCaseSort)).toEqual([false, false, false, false, false]);
  });
});

describe('caseDuration', () => {
  it('is the time from the earliest event to the latest, none without a timed event', () => {
    expect([caseDuration({ minTime: 1000, maxTime: 91_000 }), caseDuration({ minTime: 1000, maxTime: null }), caseDuration({ minTime: null, maxTime: null })]).toEqual([90_000, 0, null]);
  });
});
