/**
 * 公示公告 and 政府信息公开: lists and detail pages. Announcements respect
 * their validity (expired hidden, future not yet shown). Rich text was
 * rendered and sanitised at publish time and arrives signed, so it is inserted
 * as HTML.
 */
import { useMemo } from 'preact/hooks';
import { isLive } from '../bundle/validity.ts';
import { liveAnnouncements, noticeSpeechText } from '../present/announcements.ts';
import { dateText, validityTexts } from '../present/dates.ts';
import { literalEntry, normaliseQuery, search } from '../search/match.ts';
import { ReadAloudButton } from '../ui/ReadAloudButton.tsx';
import { Empty, Highlight, RowButton, ScreenTitle } from './common.tsx';
import type { ScreenProps } from './context.ts';
import { Keyboard, QueryField } from './Keyboard.tsx';
import './Notices.css';
import { RichText } from './RichText.tsx';
import './RichText.css';

export function Announcements({ session, bundle, now }: ScreenProps) {
  const tz = bundle.county.timeZone;
  const list = liveAnnouncements(bundle.announcements, now.value, tz);
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
                  {validityTexts(a, tz).map((t) => (
                    <span key={t}>{t}</span>
                  ))}
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

export function AnnouncementDetail({ session, bundle, now, id }: ScreenProps & { id: string }) {
  const a = bundle.announcements.find((x) => x.id === id);
  const tz = bundle.county.timeZone;
  if (!a || !isLive(a, now.value, tz)) {
    return (
      <>
        <ScreenTitle>这条公告已过期</ScreenTitle>
        <Empty>这条公告已经不在有效期内。请点“返回”看其他公告。</Empty>
      </>
    );
  }
  return (
    <article class="notice">
      <ScreenTitle sub={validityTexts(a, tz).join(' · ')}>
        {a.priority === 'urgent' && <span class="badge badge-urgent">紧急</span>} {a.title}
      </ScreenTitle>
      <div class="item-actions">
        <ReadAloudButton key={a.id} session={session} text={noticeSpeechText(a)} />
      </div>
      <RichText class="card rich" html={a.html} />
    </article>
  );
}

export function Documents({ session, bundle }: ScreenProps) {
  const text = session.docSearchText.value;
  const q = normaliseQuery(text);
  // Its own dependency: a start shows stored content first and fills its search data in just after.
  const searchEntries = bundle.search;
  const entries = useMemo(
    () => [...searchEntries.filter((e) => e.ref.startsWith('doc:')), ...bundle.documents.map((d) => literalEntry(`doc:${d.id}`, d.number))],
    [bundle, searchEntries],
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
                    <span>{dateText(doc!.date, bundle.county.timeZone)}</span>
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
      <ScreenTitle sub={`${d.issuer} · ${d.number} · ${dateText(d.date, bundle.county.timeZone)}`}>{d.title}</ScreenTitle>
      <div class="item-actions">
        <ReadAloudButton key={d.id} session={session} text={noticeSpeechText(d)} />
      </div>
      <RichText class="card rich" html={d.html} />
    </article>
  );
}
