/**
 * The paper a resident takes home (打印材料清单): the materials list with the item's where,
 * fee and phones, and a QR code to the full guide. Hidden on screen; print.css shows only it.
 */
import type { ServiceItem, SiteBundle } from '../bundle/schema.ts';
import { itemPublicUrl } from '../present/item-url.ts';
import { materialText, NO_MATERIALS } from '../present/materials.ts';
import { hoursText } from '../time/opening-hours.ts';
import { chineseDate, clockText, zonedParts } from '../time/zoned.ts';
import { qrSvg } from '../ui/qr.ts';
import './PrintSheet.css';

export function PrintSheet({ item, bundle, now }: { item: ServiceItem; bundle: SiteBundle; now: number }) {
  const p = zonedParts(now, bundle.county.timeZone);
  const url = itemPublicUrl(bundle, item.code);
  const qr = qrSvg(url);
  return (
    <section class="print-sheet" aria-hidden="true">
      <h2 class="ps-title">材料清单（一次告知）</h2>
      <p class="ps-item">{item.name}</p>
      <p class="ps-meta">
        事项编码 {item.code} · {item.mode === '即办件' ? '即办件，当场办结' : `承诺件，${item.promiseDays}个工作日`}
      </p>
      <ol class="ps-list">
        {item.materials.map((m, i) => (
          <li key={i}>□ {materialText(m)}</li>
        ))}
        {item.materials.length === 0 && <li>{NO_MATERIALS}</li>}
      </ol>
      <p class="ps-line">办理地点：{item.where}</p>
      <p class="ps-line">收费：{item.charged ? item.feeStandard : '不收费'}</p>
      <p class="ps-line">咨询电话：{item.phone}</p>
      <p class="ps-line">监督电话：{bundle.site.phones.supervision.number}</p>
      <p class="ps-line">开放时间：{hoursText(bundle.site.hours)}</p>
      <div class="ps-qr">
        <svg viewBox={`0 0 ${qr.size} ${qr.size}`} shape-rendering="crispEdges">
          <path d={qr.path} fill="#000" />
        </svg>
        <span>手机扫码查看完整办事指南：{url}</span>
      </div>
      <p class="ps-foot">
        {bundle.site.name} · 打印于 {chineseDate(p)} {clockText(p)}
        {bundle.county.demo ? ' · 示例数据' : ''}
      </p>
    </section>
  );
}
