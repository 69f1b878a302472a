import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys, puts integer-like keys first in numeric order, drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [undefined, 2], 10: 'x', 9: 'y', c: undefined })).toBe('{"9":"y","10":"x","a":[null,2],"b":1}');
    expect(canonicalJson({ sha256: 'ab', bytes: 3 })).toBe('{"bytes":3,"sha256":"ab"}');
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(/non-finite/);
  });
});
