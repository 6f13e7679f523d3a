import { describe, expect, it } from 'vitest';
import { COLUMN_IDS } from '../../../renderer/query/queryProtocol';
import { annotationText, leastWidth, listingLayout } from '../../../renderer/explorer/columns';

describe('listing columns', () => {
  it('widens the time column past milliseconds only', () => {
    expect([leastWidth('time', 0), leastWidth('time', 3), leastWidth('time', 6), leastWidth('time', 9), leastWidth('region', 9)]).toEqual([186, 186, 209, 232, 110]);
  });

  it('lays out the marks column and the chosen columns, rows at least as wide as their least widths', () => {
    const defaults = listingLayout(['time', 'eventName', 'eventSource', 'actor', 'sourceIp', 'region', 'errorCode'], 9);
    expect(defaults).toEqual({
      gridTemplateColumns: '50px 232px minmax(134px, 1.2fr) minmax(80px, 0.5fr) minmax(110px, 2fr) minmax(126px, 0.6fr) minmax(110px, 0.4fr) minmax(104px, 0.8fr)',
      minWidth: 946,
    });
    expect([listingLayout(['time', 'eventName', 'eventSource', 'actor', 'sourceIp', 'region', 'errorCode'], 0).minWidth, listingLayout(COLUMN_IDS, 0).minWidth, listingLayout(COLUMN_IDS, 9).minWidth]).toEqual([900, 1590, 1636]);
    expect(listingLayout(['readOnly', 'account'], 0).gridTemplateColumns).toBe('50px 90px 120px');
  });

  it('lets the time column grow to the width its header needs whole, its least width kept', () => {
    expect([listingLayout(['time', 'region'], 0, 271), listingLayout(['time', 'region'], 9, 200), listingLayout(['time', 'region'], 0, 120)]).toEqual([
      { gridTemplateColumns: '50px minmax(186px, 271px) minmax(110px, 0.4fr)', minWidth: 346 },
      { gridTemplateColumns: '50px 232px minmax(110px, 0.4fr)', minWidth: 392 },
      { gridTemplateColumns: '50px 186px minmax(110px, 0.4fr)', minWidth: 346 },
    ]);
  });
});

describe('the Tags and note column', () => {
  it("gives an event's tags, then its note on one line", () => {
    expect([
      annotationText([], ''),
      annotationText(['attacker'], ''),
      annotationText([], '  Root sign-in from 92.55.146.245  '),
      annotationText(['attacker', 'initial access'], 'Three failures,\r\n\r\n then success\nno MFA'),
    ]).toEqual(['', '#attacker', 'Root sign-in from 92.55.146.245', '#attacker, #initial access · Three failures, ⏎ then success ⏎ no MFA']);
  });
});
