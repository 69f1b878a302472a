/**
 * Screen test for the technician: colour bars, a touch-accuracy grid (every cell turns green
 * where a finger lands, and the miss from its centre is shown), then full white, red, green,
 * blue and black for spotting dead pixels. A tap moves on; the last one returns to the panel.
 */
import { useState } from 'preact/hooks';

const BARS = ['#ffffff', '#ffff00', '#00ffff', '#00ff00', '#ff00ff', '#ff0000', '#0000ff', '#000000'];
const FULL = [
  ['#ffffff', '白色'],
  ['#ff0000', '红色'],
  ['#00ff00', '绿色'],
  ['#0000ff', '蓝色'],
  ['#000000', '黑色'],
] as const;
const GRID = 5;

function TouchGrid({ onNext }: { onNext: () => void }) {
  const [hits, setHits] = useState<Record<number, number>>({});
  const done = Object.keys(hits).length;
  return (
    <div class="tp-grid" aria-label="触摸精度测试">
      {Array.from({ length: GRID * GRID }, (_, i) => (
        <button
          type="button"
          key={i}
          class={hits[i] !== undefined ? 'tp-hit' : ''}
          onPointerDown={(e) => {
            const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
            const miss = Math.round(Math.hypot(e.clientX - (r.left + r.width / 2), e.clientY - (r.top + r.height / 2)));
            setHits((h) => ({ ...h, [i]: miss }));
          }}
        >
          <span class="tp-target" />
          {hits[i] !== undefined ? <span class="tp-miss">偏差 {hits[i]} 像素</span> : null}
        </button>
      ))}
      <div class="tp-bar">
        <span>
          请依次点每个格子中心的圆点：已点 {done} / {GRID * GRID}
        </span>
        <button type="button" class="tp-next" onClick={onNext}>
          下一项：坏点检查
        </button>
      </div>
    </div>
  );
}

export function TestPattern({ onDone }: { onDone: () => void }) {
  const [step, setStep] = useState(0);
  const next = () => (step >= FULL.length + 1 ? onDone() : setStep(step + 1));
  if (step === 0) {
    return (
      <div class="tp tp-bars" onClick={next} aria-label="彩条测试图">
        {BARS.map((c) => (
          <div key={c} style={{ background: c }} />
        ))}
        <p class="tp-label">彩条：颜色应从左到右依次为白、黄、青、绿、品红、红、蓝、黑，边界清楚。点一下继续</p>
      </div>
    );
  }
  if (step === 1) return <div class="tp">{<TouchGrid onNext={next} />}</div>;
  const [colour, name] = FULL[step - 2];
  return (
    <div class="tp tp-full" style={{ background: colour }} onClick={next} aria-label={`坏点检查：${name}`}>
      <span class="tp-corner" style={{ color: colour === '#000000' ? '#444' : '#00000055' }}>
        {name} {step - 1}/{FULL.length}
      </span>
    </div>
  );
}
