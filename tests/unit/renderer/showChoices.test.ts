import { describe, expect, it } from 'vitest';
import { SHOW_CHOICES, shownLabel } from '../../../renderer/explorer/showChoices';

describe('the Show choices', () => {
  it('are named in the menu with the symbol of the mark they list by, failed calls second', () => {
    expect(Object.entries(SHOW_CHOICES)).toEqual([
      ['all', 'all events'],
      ['failed', 'failed calls ✖'],
      ['marked', 'marked events ★ # ✎'],
      ['bookmarked', 'bookmarked events ★'],
      ['tagged', 'tagged events #'],
      ['noted', 'events with a note ✎'],
      ['conflicts', 'events in conflict ⚠ ≠'],
    ]);
  });

  it('label the filter bar with what it shows when no filter narrows it, not "All events" under a Show choice', () => {
    expect([shownLabel('all'), shownLabel('noted'), shownLabel('failed'), shownLabel('marked')]).toEqual(['All events', 'Events with a note ✎', 'Failed calls ✖', 'Marked events ★ # ✎']);
  });
});
