/**
 * What the split content format shows: an image in an announcement's body loads from the
 * verified store (online and with the content server gone), and content past the validity its
 * entry point was signed with stays on screen, marked 数据截至.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  copyContentSource,
  copyPublished,
  expect,
  publishInto,
  readSiteEntry,
  test,
  waitForServiceWorker,
  writeEntry,
} from './support/fixtures.ts';
import { homeTile, rowButton } from './kiosk-helpers.ts';

const SITE = 'baihe';

async function openHomeAt(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: '点这里开始查询' }).tap({ timeout: 20_000 });
  await expect(page.getByRole('heading', { name: '您好！请点一下您要办的事' })).toBeVisible();
}

test('an image in an announcement loads from the verified store, online and offline', async ({ page, workDir, serveContent, shot }) => {
  const content = await copyContentSource(join(workDir, 'src'));
  await writeFile(
    join(content, 'announcements', 'dating-shiyitu.md'),
    [
      '---',
      'id: dating-shiyitu',
      'title: 大厅窗口示意图',
      'publishAt: "2026-01-05 08:00"',
      'priority: normal',
      'sites: all',
      '---',
      '办事请按下图找到对应窗口：',
      '',
      '![大厅窗口示意图](../staff/photos/agent-baihe-jiefang.png)',
      '',
      '如有疑问请到咨询台。',
      '',
    ].join('\n'),
  );
  const out = await publishInto(join(workDir, 'out'), content);
  expect(out.version).toBe(1);
  const server = await serveContent(join(workDir, 'out'));
  const url = `${server.url}/?site=${SITE}`;

  const openNotice = async () => {
    await openHomeAt(page, url);
    await homeTile(page, '公示公告').tap();
    await rowButton(page, '大厅窗口示意图').tap();
    await expect(page.getByRole('heading', { level: 1, name: /大厅窗口示意图/ })).toBeVisible();
    const img = page.locator('.rich img[alt="大厅窗口示意图"]');
    await expect(img).toBeVisible();
    await expect
      .poll(() =>
        img.evaluate((el: HTMLImageElement) => ({ blob: el.src.startsWith('blob:'), loaded: el.complete && el.naturalWidth > 0 })),
      )
      .toEqual({ blob: true, loaded: true });
  };
  await openNotice();
  await shot('announcement-image');

  // The content server gone: the image still comes from the store.
  await waitForServiceWorker(page);
  await server.close();
  await openNotice();
});

test('content past its signed validity stays on screen, marked 数据截至 with its publish date', async ({
  page,
  workDir,
  serveContent,
  shot,
}) => {
  const dir = await copyPublished(join(workDir, 'content'));
  const entry = await readSiteEntry(dir, SITE);
  // Re-signed with only a new (already passed) validity: a stale mirror's last publish.
  await writeEntry(dir, {
    ...entry,
    version: entry.version + 1,
    publishedAt: '2026-10-01T09:00:00+08:00',
    expiresAt: '2026-10-31T09:00:00+08:00',
  });
  const server = await serveContent(dir);
  await openHomeAt(page, `${server.url}/?site=${SITE}`);
  await expect(page.locator('html')).toHaveAttribute('data-content-version', String(entry.version + 1));
  await expect(page.getByRole('status').filter({ hasText: '数据截至 2026年10月1日' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '您好！请点一下您要办的事' })).toBeVisible();
  await shot('expired-content-marked');

  // A current publish: the mark goes.
  await writeEntry(dir, { ...entry, version: entry.version + 2, expiresAt: '2099-01-01T00:00:00+08:00' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-content-version', String(entry.version + 2), { timeout: 20_000 });
  await expect(page.getByText('数据截至')).toHaveCount(0);
  expect(JSON.parse(await readFile(join(dir, 'sites', `${SITE}.json`), 'utf8')).format).toBe('bianmin-entry');
});
