/** Search by pinyin letters (initials, full, mixed) over the publisher's index; results on every key. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { isLive } from '../bundle/validity.ts';
import { normaliseQuery, prepareSearch, search } from '../search/match.ts';
import { Highlight, ModeBadge, RowButton, ScreenTitle } from './common.tsx';
import type { ScreenProps } from './context.ts';
import { LabelledSection } from '../ui/CardSection.tsx';
import { Icon } from '../ui/icons.tsx';
import { Keyboard, QueryField } from './Keyboard.tsx';
import './Search.css';

/**
 * The screen's frame: title, query box and keyboard render once; only the query box and the
 * results (SearchResults, the one reader of the letters) render again on each key.
 */
export function Search(props: ScreenProps) {
  const { session, bundle } = props;
  // What the first keys would compute over every entry, done while the resident looks at the
  // keys: one step after another in idle time (a key typed before the end does its own part).
  useEffect(() => {
    if (typeof requestIdleCallback !== 'function') return;
    const steps = prepareSearch(bundle.search, bundle.searchIndex);
    let next = 0;
    let id = 0;
    const work = (deadline: IdleDeadline) => {
      while (next < steps.length && deadline.timeRemaining() > 4) steps[next++]();
      if (next < steps.length) id = requestIdleCallback(work);
    };
    id = requestIdleCallback(work);
    return () => cancelIdleCallback(id);
    // bundle.search too: a start shows stored content first and fills its search data in just after.
  }, [bundle, bundle.search]);
  return (
    <div class="search-screen">
      <div class="search-head">
        <ScreenTitle>搜索事项</ScreenTitle>
        <QueryField
          id="item-query"
          text={session.searchText}
          label="按字母键输入拼音：每个字的第一个字母（如 低保 → d b）或全拼（dibao）"
          placeholder="请按下方字母键"
        />
      </div>
      <SearchResults {...props} />
      <Keyboard text={session.searchText} />
    </div>
  );
}

/** How many results are searched for; how many rows are drawn before 显示更多 (about a screenful). */
const RESULT_LIMIT = 40;
const FIRST_ROWS = 10;

function SearchResults(props: ScreenProps) {
  const { session, bundle, look, now } = props;
  const text = session.searchText.value;
  const q = normaliseQuery(text);
  const liveAnn = useMemo(
    () => new Set(bundle.announcements.filter((a) => isLive(a, now.value, bundle.county.timeZone)).map((a) => `ann:${a.id}`)),
    [bundle, now.value],
  );
  const docs = useMemo(() => new Map(bundle.documents.map((d) => [`doc:${d.id}`, d])), [bundle]);
  // Its own dependency: a start shows stored content first and fills its search data in just after.
  const searchEntries = bundle.search;
  const anns = useMemo(() => new Map(bundle.announcements.map((a) => [`ann:${a.id}`, a])), [bundle]);
  const results = useMemo(
    () =>
      q
        ? search(searchEntries, q, {
            popularity: (ref) => look.item.get(ref)?.popularity ?? 0,
            filter: (e) =>
              e.ref.startsWith('ann:') ? liveAnn.has(e.ref) : e.ref.startsWith('doc:') ? docs.has(e.ref) : look.item.has(e.ref),
            limit: RESULT_LIMIT,
            index: bundle.searchIndex,
          })
        : [],
    [bundle, searchEntries, q, liveAnn, docs, look],
  );
  // The query whose every result is shown (after 显示更多); a new key shows the first rows again.
  const [allFor, setAllFor] = useState<string | undefined>(undefined);
  const rows = allFor === q ? results : results.slice(0, FIRST_ROWS);
  return (
    // data-query: the normalised query these results are for (the bench waits for it).
    <div class="search-results" aria-live="polite" data-query={q}>
      {!q && (
        <LabelledSection heading="大家常查">
          <ul class="row-list compact">
            {look.popular.slice(0, 8).map((i) => (
              <li key={i.code}>
                <RowButton onClick={() => session.go({ name: 'item', code: i.code })} title={i.name} meta={<ModeBadge item={i} />} />
              </li>
            ))}
          </ul>
        </LabelledSection>
      )}
      {q && results.length > 0 && (
        <LabelledSection heading={<>找到 {results.length} 项（黄色标出的是对上的字）</>}>
          <ul class="row-list compact">
            {rows.map((r) => {
              const item = look.item.get(r.ref);
              const doc = docs.get(r.ref);
              const ann = anns.get(r.ref);
              const title = item?.name ?? doc?.title ?? ann?.title ?? r.entry.text;
              const open = () =>
                session.go(
                  item ? { name: 'item', code: item.code } : doc ? { name: 'document', id: doc.id } : { name: 'announcement', id: ann!.id },
                );
              return (
                <li key={r.ref}>
                  <RowButton
                    result
                    onClick={open}
                    title={r.entry.text === title ? <Highlight text={title} hits={r.match.hits} /> : title}
                    meta={
                      <>
                        {item && <ModeBadge item={item} />}
                        {doc && <span class="badge badge-plain">政府文件 {doc.number}</span>}
                        {ann && <span class="badge badge-plain">公告</span>}
                        {r.entry.text !== title && (
                          <span class="alias">
                            也叫：
                            <Highlight text={r.entry.text} hits={r.match.hits} />
                          </span>
                        )}
                      </>
                    }
                  />
                </li>
              );
            })}
          </ul>
          {rows.length < results.length && (
            <button type="button" class="action-btn more-results" onClick={() => setAllFor(q)}>
              显示更多（还有 {results.length - rows.length} 项）
            </button>
          )}
        </LabelledSection>
      )}
      {q && results.length === 0 && <NoResult {...props} text={text} />}
    </div>
  );
}

/** Suggestions when nothing matches: what the longest matching beginning of the letters finds, else the popular items. */
function suggestions({ bundle, look }: ScreenProps, q: string): { prefix: string; codes: string[] } {
  for (let n = q.length - 1; n >= 1; n--) {
    const prefix = q.slice(0, n);
    const found = search(bundle.search, prefix, {
      popularity: (ref) => look.item.get(ref)?.popularity ?? 0,
      filter: (e) => look.item.has(e.ref),
      limit: 4,
      index: bundle.searchIndex,
    }).filter((r) => r.match.contiguous);
    if (found.length) return { prefix, codes: found.map((r) => r.ref) };
  }
  return { prefix: '', codes: look.popular.slice(0, 4).map((i) => i.code) };
}

function NoResult(props: ScreenProps & { text: string }) {
  const { session, bundle, look, text } = props;
  const sug = suggestions(props, normaliseQuery(text));
  return (
    <LabelledSection
      class="no-result"
      heading={
        <>
          <Icon name="warn" />
          没有找到“{text.toUpperCase()}”
        </>
      }
    >
      <p class="help-phone">
        <Icon name="phone" />
        请问大厅工作人员，或打咨询电话 <strong class="phone">{bundle.site.phones.consultation.number}</strong>（
        {bundle.county.hotline.label} <strong class="phone">{bundle.county.hotline.number}</strong>）
      </p>
      <ul class="tips">
        <li>少按几个字母试试，比如只按每个字的第一个字母：低保 → D B</li>
        <li>按“删除”去掉最后一个字母，或按“清空”重新输入</li>
      </ul>
      {sug.codes.length > 0 && (
        <LabelledSection level={3} heading={<>{sug.prefix ? `只按“${sug.prefix.toUpperCase()}”能找到：` : '您是不是要找：'}</>}>
          <ul class="row-list compact suggestions">
            {sug.codes.map((code) => {
              const i = look.item.get(code)!;
              return (
                <li key={code}>
                  <RowButton onClick={() => session.go({ name: 'item', code })} title={i.name} />
                </li>
              );
            })}
          </ul>
        </LabelledSection>
      )}
      <div class="no-result-actions">
        <button type="button" class="action-btn" onClick={() => session.go({ name: 'departments' })}>
          <Icon name="dept" />
          按部门查找
        </button>
        <button type="button" class="action-btn" onClick={() => session.go({ name: 'topics' })}>
          <Icon name="topic" />
          按主题查找
        </button>
      </div>
    </LabelledSection>
  );
}
