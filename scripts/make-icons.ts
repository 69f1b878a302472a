/**
 * Renders kiosk/public/icon.svg to the PNG icons of the web manifest (192 and 512 px) with the
 * system Chromium. Run after changing the SVG: `npx tsx scripts/make-icons.ts`. The PNGs are
 * committed (text in an SVG depends on installed fonts; a PNG does not).
 */
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.ts';

const publicDir = fileURLToPath(new URL('../kiosk/public/', import.meta.url));

const executablePath = findChromium();
if (!executablePath) throw new Error('找不到 Chromium：请安装 chromium 或设置 CHROMIUM_PATH');
const svg = await readFile(publicDir + 'icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    await page.screenshot({ path: `${publicDir}icon-${size}.png`, omitBackground: true });
    await page.close();
    console.log(`已生成 kiosk/public/icon-${size}.png`);
  }
} finally {
  await browser.close();
}
