/**
 * 72 hours of unattended running, simulated with the fake clock: after forced GC
 * the JS heap must not have grown by more than 2 MB and the DOM node count must
 * stay flat. A functional leak check through the Chrome DevTools Protocol — not a
 * timing assertion. Content includes an urgent notice, an expiring notice, a long
 * paginated notice, staff and closed hours (nights, weekend), so every path runs.
 */
import { test, expect } from './support/fixtures.ts';
import { announcement, openDisplay, playLog, serveWith } from './display-helpers.ts';

test('72 hours of display loop: heap growth ≤ 2 MB, DOM node count flat', async ({ page, workDir, serveContent }) => {
  test.skip(test.info().project.name !== 'landscape', 'one run is enough');
  test.setTimeout(20 * 60_000);
  const { url } = await serveWith(workDir, serveContent, [
    announcement('u-1', '紧急通知：今日下午停水', ['因供水管网抢修，今日14时至18时白鹤街沿线停水。'], {
      publishAt: '2026-11-25T09:00',
      expireAt: '2026-11-26T12:00',
      urgent: true,
    }),
    announcement('a-exp', '年度体检通知', ['请于本周内完成体检。'], { publishAt: '2026-11-20T08:00', expireAt: '2026-11-26T17:00' }),
    announcement('a-fut', '元旦值班安排', ['元旦期间安排值班。'], { publishAt: '2026-11-27T09:00' }),
    announcement(
      'a-long',
      '关于冬季服务安排的公告',
      Array.from({ length: 8 }, (_, i) => `第${i + 1}条：` + '本中心冬季服务安排如下，请群众相互转告。'.repeat(8)),
      {
        publishAt: '2026-11-20T08:00',
      },
    ),
  ]);
  // Start Wednesday 08:00 (closed), run to Saturday 08:00: three working days, three nights.
  await openDisplay(page, url, '2026-11-25T08:00', '&poll=3600');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');

  async function measure() {
    await page.waitForTimeout(500); // pending IndexedDB writes and renders
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const get = (n: string) => metrics.find((m) => m.name === n)?.value ?? 0;
    return {
      heap: heap.usedSize,
      jsHeapUsed: get('JSHeapUsedSize'),
      nodes: get('Nodes'),
      listeners: get('JSEventListeners'),
      elements: await page.evaluate(() => document.getElementsByTagName('*').length),
    };
  }

  // Warm-up: one hour into opening time, so every code path (and its lazy allocations) has run.
  await page.clock.runFor(2.5 * 3600_000);
  const base = await measure();
  const samples = [base];
  for (let hour = 1; hour <= 72; hour++) {
    // In 5-minute chunks, so the page renders between bursts of timers.
    for (let m = 0; m < 12; m++) await page.clock.runFor(5 * 60_000);
    await page.waitForTimeout(20);
    if (hour % 12 === 0) samples.push(await measure());
  }
  const end = samples[samples.length - 1];
  const log = await playLog(page);
  console.log(
    'heap samples (MB, nodes, listeners, elements):',
    samples.map((s) => [(s.jsHeapUsed / 1048576).toFixed(2), s.nodes, s.listeners, s.elements].join(' ')).join(' | '),
  );
  console.log(`play log entries kept: ${log.length}; urgent shown ${log.filter((e) => e.slide.includes('u-1')).length} times`);
  expect(end.jsHeapUsed - base.jsHeapUsed).toBeLessThanOrEqual(2 * 1024 * 1024);
  expect(end.heap - base.heap).toBeLessThanOrEqual(2 * 1024 * 1024);
  // Flat DOM: the live node count (after GC) never exceeds the first sample by more than one slide's worth.
  for (const s of samples) {
    expect(s.nodes).toBeLessThanOrEqual(base.nodes + 400);
    expect(s.listeners).toBeLessThanOrEqual(base.listeners + 20);
  }
  // The loop ran the whole time: entries from the last day exist, and the log stayed bounded.
  expect(log.some((e) => e.at > Date.parse('2026-11-27T16:00:00+08:00'))).toBe(true);
  expect(log.length).toBeLessThanOrEqual(5000 + 200);
});
