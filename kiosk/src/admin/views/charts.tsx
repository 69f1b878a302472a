/** Plain SVG charts: horizontal bars with their numbers written out, and a monthly trend line. */
import { bars, trend } from '../charts.ts';
import { percent } from '../format.ts';

export function BarChart({
  items,
  label,
  tones,
}: {
  items: { label: string; value: number }[];
  label: string;
  /** CSS class per bar (e.g. level tones), optional. */
  tones?: string[];
}) {
  const W = 100;
  const list = bars(items, W);
  return (
    <table class="ad-bars" aria-label={label}>
      <tbody>
        {list.map((b, i) => (
          <tr key={b.label} class={tones?.[i] ?? ''}>
            <th scope="row">{b.label}</th>
            <td class="bar">
              <svg viewBox={`0 0 ${W} 10`} preserveAspectRatio="none" aria-hidden="true">
                <rect class="track" x="0" y="0" width={W} height="10" />
                <rect class="fill" x="0" y="0" width={Math.max(b.length, b.value > 0 ? 0.6 : 0)} height="10" />
              </svg>
            </td>
            <td class="num">{b.value}</td>
            <td class="pct">{percent(b.share)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TrendChart({ months }: { months: { label: string; value: number | null; total: number }[] }) {
  const W = 640;
  const H = 200;
  const PAD = { l: 80, r: 40, t: 28, b: 40 };
  const t = trend(months, W - PAD.l - PAD.r, H - PAD.t - PAD.b);
  const ticks = [t.floor, (t.floor + 1) / 2, 1];
  const y = (v: number) => PAD.t + (H - PAD.t - PAD.b) * (1 - (v - t.floor) / (1 - t.floor));
  return (
    <svg class="ad-trend" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="满意率月度趋势">
      {ticks.map((v) => (
        <g key={v}>
          <line class="grid" x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} />
          <text class="axis" x={PAD.l - 8} y={y(v) + 5} text-anchor="end">
            {Math.round(v * 100)}%
          </text>
        </g>
      ))}
      <g transform={`translate(${PAD.l} ${PAD.t})`}>
        <path class="line" d={t.path} />
        {t.points.map((p) => (
          <g key={p.label}>
            {p.y !== null && <circle class="dot" cx={p.x} cy={p.y} r="5" />}
            {p.y !== null && (
              <text class="val" x={p.x} y={p.y - 11} text-anchor="middle">
                {percent(p.value, 0)}
              </text>
            )}
            <text class="axis" x={p.x} y={H - PAD.t - PAD.b + 26} text-anchor="middle">
              {p.label}
              {p.total === 0 ? '（无）' : ''}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
