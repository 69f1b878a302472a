import { describe, expect, it } from 'vitest';
import { bars, trend } from './charts.ts';

describe('bars', () => {
  it('scales to the largest value and reports shares of the total', () => {
    const b = bars(
      [
        { label: 'a', value: 30 },
        { label: 'b', value: 10 },
        { label: 'c', value: 0 },
      ],
      300,
    );
    expect(b.map((x) => x.length)).toEqual([300, 100, 0]);
    expect(b.map((x) => x.share)).toEqual([0.75, 0.25, 0]);
  });
  it('draws nothing for an empty total', () => {
    expect(bars([{ label: 'a', value: 0 }], 100)[0]).toMatchObject({ length: 0, share: 0 });
  });
});

describe('trend', () => {
  it('puts the floor at the lowest value rounded down to 10 % and breaks the line at gaps', () => {
    const t = trend(
      [
        { label: '9月', value: 0.9, total: 10 },
        { label: '10月', value: null, total: 0 },
        { label: '11月', value: 0.75, total: 4 },
      ],
      200,
      100,
    );
    expect(t.floor).toBe(0.5);
    expect(t.points.map((p) => p.x)).toEqual([0, 100, 200]);
    expect(t.points[0].y).toBeCloseTo(20);
    expect(t.points[1].y).toBeNull();
    expect(t.points[2].y).toBeCloseTo(50);
    expect(t.path).toBe('M0.0 20.0M200.0 50.0');
  });
  it('keeps a high floor when every month is near 100 %', () => {
    const t = trend(
      [
        { label: 'a', value: 0.96, total: 1 },
        { label: 'b', value: 1, total: 1 },
      ],
      100,
      100,
    );
    expect(t.floor).toBe(0.5);
    expect(t.path).toBe('M0.0 8.0L100.0 0.0');
  });
});
