/**
 * 公示公告 and 政府信息公开: lists and detail pages. Announcements respect
 * their validity (expired hidden, future not yet shown). Rich text was
 * rendered and sanitised at publish time and arrives signed, so it is inserted
 * as HTML.
 */
import { useMemo } from 'preact/hooks';
import type { Announcement } from '../bundle/schema.ts';
import { isLive, parseInstant } from '../bundle/validity.ts';
import { literalEntry, normaliseQuery, search } from '../search/match.ts';
import { speak, speechAvailability } from '../speech/speak.ts';
import { chineseDate, zonedParts } from '../time/zoned.ts';
import { Empty, Highlight, RowButton, ScreenTitle } from './common.tsx';
import type { ScreenProps } from './context.ts';
import { Icon } from './icons.tsx';
import { Keyboard, QueryField } from './Keyboard.tsx';
import { RichText } from './RichText.tsx';
import './RichText.css';

function dateText(iso: string | undefined, timeZone: string): string {
  const t = parseInstant(iso);
  return t === null ? '' : chineseDate(zonedParts(t, timeZone));
}

export function liveAnnouncements(list: readonly Announcement[], now: number): Announcement[] {
  return list
    .filter((a) => isLive(a, now))
    .sort(
      (a, b) =>
        (a.priority === 'urgent' ? 0 : 1) - (b.priority === 'urgent' ? 0 : 1) ||
        (parseInstant(b.publishAt) ?? 0) - (parseInstant(a.publishAt) ?? 0),
    );
}

export function Announcements({ session, bundle, now }: ScreenProps) {
  const list = liveAnnouncements(bundle.announcements, now.value);
  const tz = bundle.county.timeZone;
  return (
    <>
      <ScreenTitle sub="只显示在有效期内的公告">公示公告</ScreenTitle>
      <ul class="row-list">
        {list.map((a) => (
          <li key={a.id}>
            <RowButton
              onClick={() => session.go({ name: 'announcement', id: a.id })}
              title={
                <>
                  {a.priority === 'urgent' && <span class="badge badge-urgent">紧急</span>} {a.title}
                </>
              }
              meta={
                <>
                  <span>发布：{dateText(a.publishAt, tz)}</span>
                  {a.expireAt && <span>有效期至：{dateText(a.expireAt, tz)}</span>}
                </>
              }
            />
          </li>
        ))}
      </ul>
      {list.length === 0 && <Empty>现在没有公告。</Empty>}
    </>
  );
}

function ReadAloud({ session, text }: { session: ScreenProps['session']; text: string }) {
  const s = speechAvailability();
  return (
    <button
      type="button"
      class="action-btn"
      onClick={() => (s.ok ? speak(text) : (session.dialog.value = { kind: 'speech-unavailable', reason: s.reason }))}
    >
      <Icon name="speak" />
      <span>朗读</span>
      {!s.ok && <span class="action-sub">本机没有中文语音</span>}
    </button>
  );
}

export function AnnouncementDetail({ session, bundle, now, id }: ScreenProps & { id: string }) {
  const a = bundle.announcements.find((x) => x.id === id);
  const tz = bundle.county.timeZone;
  if (!a || !isLive(a, now.value)) {
    return (
      <>
        <ScreenTitle>这条公告已过期</ScreenTitle>
        <Empty>这条公告已经不在有效期内。请点“返回”看其他公告。</Empty>
      </>
    );
  }
  return (
    <article class="notice">
      <ScreenTitle sub={`发布：${dateText(a.publishAt, tz)}${a.expireAt ? ` · 有效期至：${dateText(a.expireAt, tz)}` : ''}`}>
        {a.priority === 'urgent' && <span class="badge badge-urgent">紧急</span>} {a.title}
      </ScreenTitle>
      <div class="item-actions">
        <ReadAloud session={session} text={`${a.title}。${a.text}`} />
      </div>
      <RichText class="card rich" html={a.html} />
    </article>
  );
}

export function Documents({ session, bundle }: ScreenProps) {
  const text = session.docSearchText.value;
  const q = normaliseQuery(text);
  const entries = useMemo(
    () => [...bundle.search.filter((e) => e.ref.startsWith('doc:')), ...bundle.documents.map((d) => literalEntry(`doc:${d.id}`, d.number))],
    [bundle],
  );
  const results = useMemo(() => (q ? search(entries, q) : []), [entries, q]);
  const byRef = new Map(bundle.documents.map((d) => [`doc:${d.id}`, d]));
  const shown = q
    ? results.map((r) => ({ doc: byRef.get(r.ref), r })).filter((x) => x.doc)
    : [...bundle.documents].sort((a, b) => b.date.localeCompare(a.date)).map((doc) => ({ doc, r: undefined }));
  return (
    <div class="search-screen docs-screen">
      <div class="search-head">
        <ScreenTitle>政府信息公开</ScreenTitle>
        <QueryField
          id="doc-query"
          text={session.docSearchText}
          label="查文件：按标题的拼音字母，或文号里的数字（如 2018）"
          placeholder="请按下方字母或数字键"
        />
      </div>
      <div class="search-results" aria-live="polite">
        {q && <h2>找到 {shown.length} 份文件</h2>}
        <ul class="row-list compact">
          {shown.map(({ doc, r }) => (
            <li key={doc!.id}>
              <RowButton
                onClick={() => session.go({ name: 'document', id: doc!.id })}
                title={r && r.entry.text === doc!.title ? <Highlight text={doc!.title} hits={r.match.hits} /> : doc!.title}
                meta={
                  <>
                    <span>
                      文号：{r && r.entry.text === doc!.number ? <Highlight text={doc!.number} hits={r.match.hits} /> : doc!.number}
                    </span>
                    <span>{doc!.issuer}</span>
                    <span>{doc!.date}</span>
                  </>
                }
              />
            </li>
          ))}
        </ul>
        {shown.length === 0 && (
          <Empty>
            没有找到“{text.toUpperCase()}”。请按“删除”少输几个字母，或拨打 {bundle.site.phones.consultation.number} 咨询。
          </Empty>
        )}
      </div>
      <Keyboard text={session.docSearchText} digits />
    </div>
  );
}

export function DocumentDetail({ session, bundle, id }: ScreenProps & { id: string }) {
  const d = bundle.documents.find((x) => x.id === id);
  if (!d) {
    return (
      <>
        <ScreenTitle>没有找到这份文件</ScreenTitle>
        <Empty>请点“返回”查看其他文件。</Empty>
      </>
    );
  }
  return (
    <article class="notice">
      <ScreenTitle sub={`${d.issuer} · ${d.number} · ${d.date}`}>{d.title}</ScreenTitle>
      <div class="item-actions">
        <ReadAloud session={session} text={`${d.title}。${d.text}`} />
      </div>
      <RichText class="card rich" html={d.html} />
    </article>
  );
}
