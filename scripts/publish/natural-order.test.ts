import { describe, expect, it } from 'vitest';
import { naturalCompare } from './natural-order.ts';

describe('naturalCompare', () => {
  it('orders digit runs by value and the rest by code unit', () => {
    const codes = ['MZ-10', 'MZ-2', 'LY-001', 'MZ-002', 'MZ-1', 'baihe-qingshui', 'baihe', 'baihe-jiefang', 'MZ-02'];
    expect([...codes].sort(naturalCompare)).toEqual([
      'LY-001',
      'MZ-1',
      'MZ-2',
      'MZ-02',
      'MZ-002',
      'MZ-10',
      'baihe',
      'baihe-jiefang',
      'baihe-qingshui',
    ]);
  });
});
