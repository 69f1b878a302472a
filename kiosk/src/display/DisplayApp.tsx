/**
 * Wall display mode (电子显示屏): header (centre, date, weekday, time, lunar date),
 * the slide loop with crossfades, and a footer ticker of urgent notices and phones.
 * The loop engine lives in loop.ts; this file renders and measures.
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SiteBundle } from '../bundle/schema.ts';
import type { AppState } from '../state/app-state.ts';
import { trustedNow } from '../watchdog/clock.ts';
import { hoursText } from '../time/opening-hours.ts';
import { chineseDate, clockText, FALLBACK_TIME_ZONE, lunarDateText, WEEKDAY_NAMES, zonedParts } from '../time/zoned.ts';
import { publicPhones } from '../present/phones.ts';
import { DISPLAY_CLOSED_SCREEN } from '../state/uplink-status.ts';
import { readableLength, PAGE_CHAR_BUDGET } from './duration.ts';
import { pageText } from './blocks.ts';
import { htmlToBlocks } from './html-blocks.ts';
import { DisplayLoop, type Chrome, type View } from './loop.ts';
import { PlayLogExport } from './PlayLogExport.tsx';
import { SlideView } from './SlideView.tsx';
import { useDisplayMode } from './use-display-mode.ts';
import { Marquee } from './Marquee.tsx';
import './display.css';

/** Crossfade length; the CSS transition uses the same value. */
const FADE_MS = 800;

function Clock({ timeZone }: { timeZone: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const t = Date.now();
      setNow(t);
      // Wake at the next minute boundary (the header shows minutes): ~1,440 renders a day.
      timer = setTimeout(tick, 60_000 - (t % 60_000) + 20);
    };
    tick();
    return () => clearTimeout(timer);
  }, []);
  const p = zonedParts(now, timeZone);
  return (
    <div class="dsp-clock">
      <div class="dsp-date">
        <span class="dsp-day">{chineseDate(p)}</span> <span class="dsp-weekday">{WEEKDAY_NAMES[p.weekday]}</span>
        <div class="dsp-lunar">{lunarDateText(now, timeZone)}</div>
      </div>
      <div class="dsp-time" aria-label="当前时间">
        {clockText(p)}
      </div>
    </div>
  );
}

function ClosedScreen({ bundle, label }: { bundle: SiteBundle; label?: string }) {
  const { site } = bundle;
  return (
    <section class="closed" data-slide="closed">
      <div class="closed-title">非办公时间</div>
      {label ? (
        <div class="closed-next">
          下次开放：<strong>{label}</strong>
        </div>
      ) : null}
      <div class="closed-hours">办公时间：{hoursText(site.hours)}</div>
      {site.hours.note ? <div class="closed-note">{site.hours.note}</div> : null}
      <div class="closed-phones">
        {publicPhones(bundle).map((p) => (
          <div key={p.label}>
            {p.label}：<strong>{p.number}</strong>
          </div>
        ))}
      </div>
    </section>
  );
}

interface Layer {
  view: View;
  bundle: SiteBundle;
}

export function DisplayApp({ state }: { state: AppState }) {
  useDisplayMode('display');
  if (state.config.exportPlayLog) return <PlayLogExport openDb={state.openDb} />;
  return <DisplayLoopView state={state} />;
}

function DisplayLoopView({ state }: { state: AppState }) {
  const measureRef = useRef<HTMLDivElement>(null);
  const [layers, setLayers] = useState<[Layer | null, Layer | null]>([null, null]);
  const [front, setFront] = useState<0 | 1>(0);
  const [fading, setFading] = useState(false);
  const [chrome, setChrome] = useState<Chrome | null>(null);
  const frontRef = useRef<0 | 1>(0);
  const pending = useRef<{ seq: number; slot: 0 | 1 } | null>(null);
  const loopRef = useRef<DisplayLoop | null>(null);
  const bundleRef = useRef<SiteBundle | null>(null);

  // Start the loop once; it reads the bundle signal itself at each boundary.
  useEffect(() => {
    const measureRoot = measureRef.current!;
    const loop = new DisplayLoop({
      // Each slide boundary is the moment to take waiting content or a waiting app version.
      atBoundary: () => state.gate.boundary(),
      getBundle: () => state.bundle.peek(),
      contentVersion: () => state.contentVersion.peek() ?? 0,
      siteCode: () => state.siteCode.peek() ?? '',
      // A device clock behind the publish time must not hide published notices.
      now: () => trustedNow(state.publishedAt.peek()),
      htmlToBlocks,
      fits: (spec, blocks) => {
        if (readableLength(pageText(blocks)) > PAGE_CHAR_BUDGET && blocks.length > 0) return false;
        render(<SlideView view={{ spec, blocks, index: 9, count: 9 }} />, measureRoot);
        const body = measureRoot.querySelector('.slide-body') as HTMLElement;
        return body.scrollHeight <= body.clientHeight + 1 && body.scrollWidth <= body.clientWidth + 1;
      },
      measured: () => render(null, measureRoot),
      present: (view) => {
        const bundle = state.bundle.peek()!;
        bundleRef.current = bundle;
        state.uplink.onScreen.value =
          view.type === 'page' ? `轮播：${view.spec.tag} ${view.spec.title} ${view.index}/${view.count}` : DISPLAY_CLOSED_SCREEN;
        const slot = (1 - frontRef.current) as 0 | 1;
        pending.current = { seq: view.seq, slot };
        setLayers((prev) => {
          const next: [Layer | null, Layer | null] = [prev[0], prev[1]];
          next[slot] = { view, bundle };
          return next;
        });
      },
      setChrome,
      log: (entry) => state.actions.logPlay(entry),
    });
    loopRef.current = loop;
    loop.start();
    let resizeTimer: ReturnType<typeof setTimeout> | undefined;
    const onResize = () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => loop.resized(), 300);
    };
    window.addEventListener('resize', onResize);
    const unsubscribe = state.bundle.subscribe((b) => loop.bundleChanged(b));
    // Outside office hours the closed screen stands still for hours: new content and a waiting
    // app version are taken at once there.
    const stopRest = state.gate.setAtRest(() => loop.isClosed);
    const unsubscribeApp = state.appUpdateReady.subscribe((ready) => {
      if (ready && loop.isClosed) state.gate.boundary();
    });
    return () => {
      unsubscribe();
      stopRest();
      unsubscribeApp();
      window.removeEventListener('resize', onResize);
      clearTimeout(resizeTimer);
      loop.stop();
      render(null, measureRoot);
    };
  }, [state]);

  // After a new page is rendered into the back layer: wait for its images, then fade it in on top.
  useEffect(() => {
    const p = pending.current;
    if (!p) return;
    let cancelled = false;
    const layerEl = document.querySelector(`.dsp-layer[data-slot="${p.slot}"]`);
    const imgs = layerEl ? Array.from(layerEl.querySelectorAll('img')) : [];
    void Promise.all(imgs.map((img) => img.decode().catch(() => {}))).then(() => {
      if (cancelled || pending.current !== p) return;
      // If the current slide is itself still fading in (a page cut short, e.g. by an urgent
      // notice), finish its fade first: it must be fully opaque under the incoming one.
      const current = document.querySelector<HTMLElement>(`.dsp-layer[data-slot="${1 - p.slot}"]`);
      current?.getAnimations?.().forEach((a) => a.finish());
      pending.current = null;
      frontRef.current = p.slot;
      setFront(p.slot);
      setFading(true);
    });
    return () => {
      cancelled = true;
    };
  }, [layers]);

  // When the fade is over, empty the layer behind (keeps the DOM small).
  useEffect(() => {
    if (!fading) return;
    const t = setTimeout(() => {
      setFading(false);
      const back = (1 - frontRef.current) as 0 | 1;
      if (pending.current?.slot === back) return;
      setLayers((prev) => {
        const next: [Layer | null, Layer | null] = [prev[0], prev[1]];
        next[back] = null;
        return next;
      });
    }, FADE_MS + 100);
    return () => clearTimeout(t);
  }, [fading, front]);

  // Measure layer is always rendered so the loop can measure before the first page.
  const bundle = chrome?.bundle ?? state.bundle.value;
  const timeZone = bundle?.county.timeZone ?? FALLBACK_TIME_ZONE;
  return (
    <div class="dsp">
      <header class="dsp-head">
        <div class="dsp-centre">
          <div class="dsp-name">{bundle?.site.name ?? ''}</div>
          <div class="dsp-county">
            {bundle?.county.name ?? ''}
            {bundle?.county.demo ? <span class="dsp-demo">示例数据</span> : null}
          </div>
        </div>
        <Clock timeZone={timeZone} />
      </header>
      <main class="dsp-stage">
        {[0, 1].map((slot) => {
          const layer = layers[slot];
          const isFront = slot === front;
          const role = isFront ? 'is-front' : pending.current?.slot === slot ? 'is-next' : layer ? 'is-behind' : 'is-empty';
          const cls = `dsp-layer ${role}`;
          return (
            <div class={cls} data-slot={slot} key={slot} aria-hidden={isFront ? undefined : 'true'}>
              {layer ? (
                layer.view.type === 'page' ? (
                  <SlideView view={layer.view} />
                ) : (
                  <ClosedScreen bundle={layer.bundle} label={layer.view.nextOpenLabel} />
                )
              ) : null}
            </div>
          );
        })}
        <div class="dsp-layer dsp-measure" ref={measureRef} aria-hidden="true" />
      </main>
      <footer class="dsp-foot">
        <Marquee items={chrome?.tickerItems ?? []} urgent={(chrome?.urgentCount ?? 0) > 0} speedEm={3} />
      </footer>
    </div>
  );
}
