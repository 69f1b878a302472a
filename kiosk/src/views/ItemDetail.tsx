/**
 * Item detail (办事指南): the badge and where to go first, the 一次告知 materials
 * checklist, then all nine disclosure elements in the notice's order
 * (DISCLOSURE_FIELDS), with the procedure drawn as a step diagram. Actions:
 * read aloud, QR to take it away, print the materials list (PrintSheet.tsx), rate.
 * The wordings (materials, speech text) come from present/.
 */
import { DISCLOSURE_FIELDS, type DisclosureKey, type ServiceItem, type Step } from '../bundle/schema.ts';
import { itemSpeechText } from '../present/item-speech.ts';
import { materialTags, NO_MATERIALS } from '../present/materials.ts';
import { CardSection, LabelledSection } from '../ui/CardSection.tsx';
import { Icon } from '../ui/icons.tsx';
import { ReadAloudButton } from '../ui/ReadAloudButton.tsx';
import { ModeBadge, ScreenTitle, visitsText } from './common.tsx';
import type { ScreenProps } from './context.ts';
import { PrintSheet } from './PrintSheet.tsx';
import './ItemDetail.css';

function Materials({ item }: { item: ServiceItem }) {
  if (item.materials.length === 0) return <p class="field-text">{NO_MATERIALS}。</p>;
  return (
    <ul class="materials">
      {item.materials.map((m, i) => {
        const t = materialTags(m);
        return (
          <li key={i} class={t.optional ? 'optional' : ''}>
            <span class="check-box" aria-hidden="true" />
            <span class="mat-body">
              <span class="mat-name">
                {i + 1}. {m.name}
              </span>
              <span class="mat-tags">
                <span class="tag">{t.form}</span>
                {t.copies && <span class="tag">{t.copies}</span>}
                <span class={t.optional ? 'tag tag-optional' : 'tag tag-required'}>{t.need}</span>
              </span>
              {m.note && <span class="mat-note">{m.note}</span>}
            </span>
          </li>
        );
      })}
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

export function ItemDetail({ session, bundle, look, now, code }: ScreenProps & { code: string }) {
  const item = look.item.get(code);
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
  const win = item.window ? bundle.site.windows.find((w) => w.number === item.window) : undefined;
  return (
    <article class="item-detail">
      <ScreenTitle sub={`${dept?.name ?? ''}${dept ? ' · ' : ''}${item.type} · 事项编码 ${item.code}`}>{item.name}</ScreenTitle>
      <div class="item-badges">
        <ModeBadge item={item} />
        <span class="badge badge-plain">{visitsText(item.visits)}</span>
        <span class="badge badge-plain">{item.charged ? '收费' : '不收费'}</span>
      </div>

      <div class="item-actions" role="group" aria-label="这个事项可以">
        <ReadAloudButton key={item.code} session={session} text={itemSpeechText(item)} />
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

      <CardSection
        class="where-card"
        heading={
          <>
            <Icon name="place" />
            去哪里办
          </>
        }
      >
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
      </CardSection>

      <CardSection heading="要带的材料（一次告知）">
        <Materials item={item} />
      </CardSection>

      <CardSection class="disclosure" heading="办事公开信息">
        {DISCLOSURE_FIELDS.map((f) => (
          <LabelledSection key={f.key} level={3} class={`field field-${f.key}`} data-field={f.key} heading={f.label}>
            <FieldValue item={item} k={f.key} />
          </LabelledSection>
        ))}
      </CardSection>

      {item.faq && item.faq.length > 0 && (
        <CardSection heading="常见问题">
          <dl class="faq">
            {item.faq.map((f, i) => (
              <div key={i}>
                <dt>问：{f.q}</dt>
                <dd>答：{f.a}</dd>
              </div>
            ))}
          </dl>
        </CardSection>
      )}
      <PrintSheet item={item} bundle={bundle} now={now.value} />
    </article>
  );
}
