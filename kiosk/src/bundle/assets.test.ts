import { describe, expect, it } from 'vitest';
import { createAssetUrls } from './assets.ts';

function fakeUrls() {
  let n = 0;
  const made: string[] = [];
  const revoked: string[] = [];
  return {
    made,
    revoked,
    createObjectURL: () => {
      const u = `blob:test/${++n}`;
      made.push(u);
      return u;
    },
    revokeObjectURL: (u: string) => void revoked.push(u),
  };
}

const blob = new Blob(['x']);

describe('createAssetUrls', () => {
  it('makes an object URL only when a view asks for the image, once per path', () => {
    const urls = fakeUrls();
    const assets = createAssetUrls('http://kiosk.test/content/', urls);
    assets.install([
      { path: 'assets/0123456789abcdef.jpg', blob },
      { path: 'assets/fedcba9876543210.png', blob },
    ]);
    expect(urls.made).toEqual([]);
    expect(assets.url('assets/0123456789abcdef.jpg')).toBe('blob:test/1');
    expect(assets.url('assets/0123456789abcdef.jpg')).toBe('blob:test/1');
    expect(urls.made).toEqual(['blob:test/1']);
  });

  it('falls back to the content folder for an image not held', () => {
    const assets = createAssetUrls('http://kiosk.test/content/', fakeUrls());
    expect(assets.url('assets/0123456789abcdef.jpg')).toBe('http://kiosk.test/content/assets/0123456789abcdef.jpg');
  });

  it('resolves image paths in rich text', () => {
    const assets = createAssetUrls('http://kiosk.test/content/', fakeUrls());
    assets.install([{ path: 'assets/0123456789abcdef.jpg', blob }]);
    expect(assets.html('<img src="assets/0123456789abcdef.jpg" alt="">')).toBe('<img src="blob:test/1" alt="">');
  });

  it('revokes the URLs made for the previous set once the new one is shown', () => {
    const urls = fakeUrls();
    const assets = createAssetUrls('http://kiosk.test/content/', urls);
    assets.install([{ path: 'assets/0123456789abcdef.jpg', blob }]);
    assets.url('assets/0123456789abcdef.jpg');
    const revoke = assets.install([{ path: 'assets/fedcba9876543210.png', blob }]);
    expect(urls.revoked).toEqual([]);
    revoke();
    expect(urls.revoked).toEqual(['blob:test/1']);
    expect(assets.url('assets/fedcba9876543210.png')).toBe('blob:test/2');
    expect(assets.url('assets/0123456789abcdef.jpg')).toBe('http://kiosk.test/content/assets/0123456789abcdef.jpg');
  });
});
