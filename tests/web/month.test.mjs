// The month filter's rules (web/src/month.ts): the check a typed month gets where the browser has
// no month picker (Firefox, Safari on desktops), and "this month" on the device's calendar.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importWeb } from './lib.mjs';

const { monthProblem, thisMonth } = await importWeb('month.ts');

describe('month filter', () => {
  it('accepts YYYY-MM up to this month', () => {
    assert.equal(monthProblem('2026-11', '2026-11'), null);
    assert.equal(monthProblem(' 2025-01 ', '2026-11'), null);
  });

  it('says what is wrong with anything else', () => {
    assert.equal(monthProblem('', '2026-11'), 'required');
    assert.equal(monthProblem('   ', '2026-11'), 'required');
    for (const bad of ['2026-1', '2026-13', '2026-00', '11-2026', '2026/11', 'November', '2026-11-01'])
      assert.equal(monthProblem(bad, '2026-11'), 'format', bad);
    assert.equal(monthProblem('2026-12', '2026-11'), 'future');
  });

  it("is this month on the device's calendar (WIB), not UTC's", () => {
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Jakarta';
      // 1 Dec 2026, 01:00 WIB is still 30 Nov in UTC.
      assert.equal(thisMonth(new Date('2026-11-30T18:00:00Z')), '2026-12');
      assert.equal(thisMonth(new Date('2026-11-30T16:59:00Z')), '2026-11');
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});
