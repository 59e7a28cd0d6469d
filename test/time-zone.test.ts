/**
 * lib/time/zone.ts: the one check of what a time zone is, and the calendar days of the agent
 * app (dashboard, queue date filters). Expected instants are worked out by hand: Berlin is
 * UTC+2 in July; Santiago springs forward on 7 Sep 2025 at midnight (UTC−4 → UTC−3), so that
 * day's first instant is 01:00 local, 04:00Z.
 */
import { describe, expect, it } from 'vitest';
import { dayStart, isTimeZone, today } from '#lib/time/zone.ts';

describe('time zones', () => {
  it('are IANA names Intl knows; offsets and unknown names are not', () => {
    for (const zone of ['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+1']) expect(isTimeZone(zone), zone).toBe(true);
    for (const zone of ['', '+01:00', 'Mars/Olympus', 'Europe/Berlin; drop table', '../etc/passwd']) expect(isTimeZone(zone), zone).toBe(false);
  });

  it('start a day at its local midnight, and the next day where that one ends', () => {
    expect(dayStart('Europe/Berlin', '2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(dayStart('Europe/Berlin', '2026-07-01', 1).toISOString()).toBe('2026-07-01T22:00:00.000Z');
    expect(dayStart('UTC', '2026-12-31', 1).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('start a day whose midnight DST skips when the clock jumps, not in the day before', () => {
    expect(dayStart('America/Santiago', '2025-09-07').toISOString()).toBe('2025-09-07T04:00:00.000Z');
    expect(dayStart('America/Santiago', '2025-09-06', 1).toISOString()).toBe('2025-09-07T04:00:00.000Z');
  });

  it("give today's date as the zone's clock shows it", () => {
    expect(today('Asia/Tokyo', new Date('2026-12-01T20:00:00Z'))).toBe('2026-12-02');
    expect(today('America/New_York', new Date('2026-12-01T03:00:00Z'))).toBe('2026-11-30');
  });
});
