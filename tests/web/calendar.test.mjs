// The user's calendar (web/src/calendar.ts): the check a typed month gets where the browser has no
// month picker (Firefox, Safari on desktops), "this month" and date-filter bounds on the device's clock.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importWeb } from './lib.mjs';

const { dayStartUtc, monthProblem, thisMonth } = await importWeb('calendar.ts');

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

describe('date filter bounds', () => {
  it("sends a day of the device's calendar (WIB) as the UTC times it spans", () => {
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Jakarta';
      assert.equal(dayStartUtc('2026-11-30'), '2026-11-29T17:00:00.000Z');
      // "to" is inclusive on the form: the server gets the start of the next day (month ends too).
      assert.equal(dayStartUtc('2026-11-30', 1), '2026-11-30T17:00:00.000Z');
      assert.equal(dayStartUtc('2026-12-31', 1), '2026-12-31T17:00:00.000Z');
      assert.equal(dayStartUtc('30/11/2026'), null);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});
