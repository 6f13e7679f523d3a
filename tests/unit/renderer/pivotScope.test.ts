import { describe, expect, it } from 'vitest';
import { keepFiltersLabel, pivotBase, pivotHeading } from '../../../renderer/explorer/pivotScope';
import { pivotedFilters } from '../../../renderer/explorer/pivotedFilters';
import type { Filter } from '../../../renderer/query/queryProtocol';

const ROOT: Filter = { field: 'actor', value: 'arn:aws:iam::493859302102:root' };
const IN_ACCOUNT: Filter = { field: 'account', value: '493859302102', withActor: true };
const IP: Filter = { field: 'sourceIp', value: '92.55.146.245' };

describe('what a pivot of the detail pane starts from', () => {
  it("narrows the listing's filters when they are kept, lists every event with its value when not", () => {
    expect(pivotedFilters(pivotBase([ROOT, IN_ACCOUNT], true), [IP])).toEqual([ROOT, IN_ACCOUNT, IP]);
    expect(pivotedFilters(pivotBase([ROOT, IN_ACCOUNT], false), [IP])).toEqual([IP]);
    expect(pivotBase([], true)).toEqual([]);
  });

  it('says which it does', () => {
    expect([pivotHeading([], true), pivotHeading([], false), pivotHeading(['Actor'], true), pivotHeading(['Actor'], false)]).toEqual([
      'Show all events with…',
      'Show all events with…',
      'Narrow the listing to events with…',
      'Show all events with…',
    ]);
    expect([keepFiltersLabel(['Actor']), keepFiltersLabel(['Actor', 'Account', 'Source IP'])]).toEqual([
      "Keep the listing's Actor filter",
      "Keep the listing's Actor, Account and Source IP filters",
    ]);
  });
});
