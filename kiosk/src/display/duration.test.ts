import { describe, expect, it } from 'vitest';
import { MAX_SECONDS, MIN_SECONDS, PAGE_CHAR_BUDGET, pageSeconds, readableLength } from './duration.ts';

describe('pageSeconds', () => {
  it('gives short pages the minimum', () => {
    expect(pageSeconds('通知')).toBe(MIN_SECONDS);
  });
  it('grows at 5 characters a second plus 3 seconds', () => {
    expect(pageSeconds('办'.repeat(100))).toBe(23);
    expect(pageSeconds('办'.repeat(101))).toBe(24);
  });
  it('ignores spaces and punctuation when counting', () => {
    expect(readableLength('一、办理 条件：身份证。ID 12')).toBe(12);
  });
  it('caps long pages, and a page of the full budget is readable within the cap', () => {
    expect(pageSeconds('办'.repeat(5000))).toBe(MAX_SECONDS);
    expect(pageSeconds('办'.repeat(PAGE_CHAR_BUDGET))).toBe(MAX_SECONDS);
  });
  it('follows the author hint, within bounds', () => {
    expect(pageSeconds('办'.repeat(500), 12)).toBe(12);
    expect(pageSeconds('x', 1)).toBe(5);
    expect(pageSeconds('x', 10_000)).toBe(120);
    expect(pageSeconds('办'.repeat(100), Number.NaN)).toBe(23);
  });
  it('shares a hint among the pages of a paginated slide, never below the reading time', () => {
    expect(pageSeconds('办'.repeat(50), 60, 2)).toBe(30);
    expect(pageSeconds('办'.repeat(150), 60, 8)).toBe(33);
  });
});
