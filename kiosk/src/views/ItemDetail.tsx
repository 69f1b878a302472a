/**
 * Item detail (办事指南): the badge and where to go first, the 一次告知 materials
 * checklist, then all nine disclosure elements in the notice's order
 * (DISCLOSURE_FIELDS), with the procedure drawn as a step diagram. Actions:
 * read aloud, QR to take it away, print the materials list, rate.
 */
import { useEffect, useState } from 'preact/hooks';
import { DISCLOSURE_FIELDS, type DisclosureKey, type Material, type ServiceItem, type SiteBundle, type Step } from '../bundle/schema.ts';
import { speak, speechAvailability, stopSpeaking } from '../speech/speak.ts';
import { hoursText } from '../time/opening-hours.ts';
import { chineseDate, clockText, zonedParts } from '../time/zoned.ts';
import { qrSvg } from './qr.ts';
import { ModeBadge, ScreenTitle, visitsText } from './common.tsx';
import type { ScreenProps } from './context.ts';
import { Icon } from './icons.tsx';
import './ItemDetail.css';
import './PrintSheet.css';

export function itemPublicUrl(bundle: SiteBundle, code: string): string {
  return `${bundle.county.publicItemUrl}${encodeURIComponent(code)}`;
}

function materialForm(m: Material): string {
  return `${m.form}${m.form === '填写' ? '' : ` ${m.copies}份`}`;
}

/** The text read aloud: what a resident most needs, in the order they need it. */
export function itemSpeechText(item: ServiceItem): string {
  const parts = [
    item.name,
    `${item.timeLimit}`,
    `去哪里办：${item.where}`,
    `需要带的材料：${item.materials.map((m, i) => `第${i + 1}，${m.name}，${materialForm(m)}${m.optional ? '，视情况提供' : ''}${m.note ? `，${m.note}` : ''}`).join('；') || '不需要材料'}`,
    `办理条件：${item.conditions.join('；')}`,
    `办理步骤：${item.steps.map((s, i) => `第${i + 1}步，${s.title}${s.detail ? `，${s.detail}` : ''}`).join('；')}`,
    `收费：${item.charged ? item.feeStandard : '不收费'}`,
    `咨询电话：${item.phone}`,
  ];
  return parts.join('。');
}

function Materials({ item }: { item: ServiceItem }) {
  if (item.materials.length === 0) return <p class="field-text">不需要提交材料。</p>;
  return (
    <ul class="materials">
      {item.materials.map((m, i) => (
        <li key={i} class={m.optional ? 'optional' : ''}>
          <span class="check-box" aria-hidden="true" />
          <span class="mat-body">
            <span class="mat-name">
              {i + 1}. {m.name}
            </span>
            <span class="mat-tags">
              <span class="tag">{m.form}</span>
              {m.form !== '填写' && <span class="tag">{m.copies}份</span>}
              {m.optional ? <span class="tag tag-optional">视情况提供</span> : <span class="tag tag-required">必须带</span>}
            </span>
            {m.note && <span class="mat-note">{m.note}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}

function StepDiagram({ steps }: { steps: Step[] }) {
  return (
    <ol class="steps" aria-label="办理流程图">
      {steps.map((s, i) => (
        <li key={i} class="step">
          <span class="step-num" aria-hidden="true">
            {i + 1}
          </span>
          <span class="step-body">
            <span class="step-title">
              <span class="sr-only">第{i + 1}步：</span>
              {s.title}
            </span>
            {(s.actor || s.days) && (
              <span class="step-meta">
                {s.actor && <span>{s.actor}</span>}
                {s.days ? <span>{s.days}个工作日</span> : null}
              </span>
            )}
            {s.detail && <span class="step-detail">{s.detail}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}

function FieldValue({ item, k }: { item: ServiceItem; k: DisclosureKey }) {
  switch (k) {
    case 'basis':
    case 'conditions': {
      const list = item[k];
      return (
        <ul class="field-list">
          {list.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ul>
      );
    }
    case 'steps':
      return <StepDiagram steps={item.steps} />;
    case 'timeLimit':
      return (
        <p class="field-text">
          {item.timeLimit}
          {item.legalDays && item.mode === '承诺件' && !item.timeLimit.includes('法定') ? `（法定${item.legalDays}个工作日）` : ''}
        </p>
      );
    default:
      return <p class="field-text">{item[k]}</p>;
  }
}

function PrintSheet({ item, bundle, now }: { item: ServiceItem; bundle: SiteBundle; now: number }) {
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
          <li key={i}>
            □ {m.name}（{materialForm(m)}）{m.optional ? '〔视情况提供〕' : ''}
            {m.note ? ` —— ${m.note}` : ''}
          </li>
        ))}
        {item.materials.length === 0 && <li>不需要提交材料</li>}
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

export function ItemDetail({ session, bundle, look, now, code }: ScreenProps & { code: string }) {
  const item = look.item.get(code);
  const [speaking, setSpeaking] = useState(false);
  const [, setVoicesTick] = useState(0);
  useEffect(() => {
    const s = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
    const onVoices = () => setVoicesTick((n) => n + 1);
    s?.addEventListener?.('voiceschanged', onVoices);
    return () => {
      s?.removeEventListener?.('voiceschanged', onVoices);
      stopSpeaking();
    };
  }, []);
  if (!item) {
    return (
      <>
        <ScreenTitle>没有找到这个事项</ScreenTitle>
        <p class="empty">
          本站没有编码为 {code} 的事项，可能已经调整。请点下方“首页”重新查找，或拨打 {bundle.site.phones.consultation.number}。
        </p>
      </>
    );
  }
  const dept = look.department.get(item.departmentId);
  const speech = speechAvailability();
  const win = item.window ? bundle.site.windows.find((w) => w.number === item.window) : undefined;
  const onSpeak = () => {
    if (!speech.ok) {
      session.dialog.value = { kind: 'speech-unavailable', reason: speech.reason };
      return;
    }
    if (speaking) {
      stopSpeaking();
      setSpeaking(false);
    } else {
      setSpeaking(speak(itemSpeechText(item)));
    }
  };
  return (
    <article class="item-detail">
      <ScreenTitle sub={`${dept?.name ?? ''}${dept ? ' · ' : ''}${item.type} · 事项编码 ${item.code}`}>{item.name}</ScreenTitle>
      <div class="item-badges">
        <ModeBadge item={item} />
        <span class="badge badge-plain">{visitsText(item.visits)}</span>
        <span class="badge badge-plain">{item.charged ? '收费' : '不收费'}</span>
      </div>

      <div class="item-actions" role="group" aria-label="这个事项可以">
        <button type="button" class="action-btn" aria-pressed={speech.ok ? speaking : undefined} onClick={onSpeak}>
          <Icon name="speak" />
          <span>{speaking ? '停止朗读' : '朗读'}</span>
          {!speech.ok && <span class="action-sub">本机没有中文语音</span>}
        </button>
        <button type="button" class="action-btn" onClick={() => (session.dialog.value = { kind: 'qr', itemCode: item.code })}>
          <Icon name="qr" />
          <span>扫码带走</span>
        </button>
        <button type="button" class="action-btn" onClick={() => window.print()}>
          <Icon name="print" />
          <span>打印材料清单</span>
        </button>
        <button
          type="button"
          class="action-btn"
          onClick={() => session.go({ name: 'evaluate', target: { kind: 'item', id: item.code, name: item.name } })}
        >
          <Icon name="rate" />
          <span>评价此事项</span>
        </button>
      </div>

      <section class="card where-card" aria-labelledby="where-h">
        <h2 id="where-h">
          <Icon name="place" />
          去哪里办
        </h2>
        <p class="where-main">{item.where}</p>
        {win && win.name && !item.where.includes(win.name) && (
          <p>
            （{win.number}号窗口：{win.name}）
          </p>
        )}
        {bundle.site.kind === 'village' && bundle.site.agent && !item.where.includes(bundle.site.agent.name) && (
          <p>
            本站代办员：<strong>{bundle.site.agent.name}</strong>，电话 <span class="phone">{bundle.site.agent.phone}</span>
            {item.level === '乡镇' && bundle.site.parent ? `。这项要到${bundle.site.parent.name}办理，代办员可以帮您代办。` : ''}
          </p>
        )}
        <p>
          <Icon name="phone" />
          咨询电话：<span class="phone">{item.phone}</span>
        </p>
      </section>

      <section class="card" aria-labelledby="mat-h">
        <h2 id="mat-h">要带的材料（一次告知）</h2>
        <Materials item={item} />
      </section>

      <section class="card disclosure" aria-labelledby="disc-h">
        <h2 id="disc-h">办事公开信息</h2>
        {DISCLOSURE_FIELDS.map((f) => (
          <section key={f.key} class={`field field-${f.key}`} data-field={f.key} aria-labelledby={`f-${f.key}`}>
            <h3 id={`f-${f.key}`}>{f.label}</h3>
            <FieldValue item={item} k={f.key} />
          </section>
        ))}
      </section>

      {item.faq && item.faq.length > 0 && (
        <section class="card" aria-labelledby="faq-h">
          <h2 id="faq-h">常见问题</h2>
          <dl class="faq">
            {item.faq.map((f, i) => (
              <div key={i}>
                <dt>问：{f.q}</dt>
                <dd>答：{f.a}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <PrintSheet item={item} bundle={bundle} now={now.value} />
    </article>
  );
}
