/**
 * 好差评: pick what to rate (centre, this item, a window, a staff member, the
 * terminal), one of five levels shown as a face and in words, reasons for a
 * 差评 and — when the kiosk reports to a county hub — "希望工作人员回访吗？" with an
 * on-screen keypad for a phone number; then kept through state.actions.saveRating
 * (IndexedDB, queued for the hub; the phone in its own store) and thanked.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { LEVELS, POOR_REASONS, levelLabel, type Level } from '../evaluation/levels.ts';
import type { EvaluationTarget } from '../evaluation/target.ts';
import { isCallbackPhone, phoneProblem } from '../uplink/phone.ts';
import { ScreenTitle } from './common.tsx';
import type { ScreenProps } from './context.ts';
import { ChoiceChip } from '../ui/ChoiceChip.tsx';
import { Icon } from '../ui/icons.tsx';
import { PhoneKeypad } from './PhoneKeypad.tsx';
import './Evaluate.css';

export function Face({ smile }: { smile: number }) {
  // Mouth: quadratic curve whose control point moves down for a smile, up for a frown.
  const y = 34;
  const c = y + smile * 10;
  return (
    <svg class="face" viewBox="0 0 56 56" aria-hidden="true" focusable="false">
      <circle cx="28" cy="28" r="25" fill="currentColor" opacity="0.12" stroke="currentColor" stroke-width="3" />
      <circle cx="20" cy="22" r="3.2" fill="currentColor" />
      <circle cx="36" cy="22" r="3.2" fill="currentColor" />
      <path
        d={`M17 ${y - smile * 2} Q28 ${c} 39 ${y - smile * 2}`}
        fill="none"
        stroke="currentColor"
        stroke-width="3.4"
        stroke-linecap="round"
      />
    </svg>
  );
}

type Kind = EvaluationTarget['kind'];

export function Evaluate({ state, session, bundle, target }: ScreenProps & { target?: EvaluationTarget }) {
  const centre: EvaluationTarget = { kind: 'centre', id: bundle.site.code, name: bundle.site.name };
  const [kind, setKind] = useState<Kind>(target?.kind ?? 'centre');
  const [pick, setPick] = useState<EvaluationTarget | null>(target && target.kind !== 'centre' ? target : null);
  const [level, setLevel] = useState<Level | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');
  const ids = { what: useId(), level: useId(), why: useId() };
  /** 差评 with a hub: does the resident want a call back (null = not answered yet)? */
  const [callback, setCallback] = useState<boolean | null>(null);
  const [phone, setPhone] = useState('');
  const canCallBack = state.uplink.hub.value !== null;

  const kinds: { kind: Kind; label: string }[] = [
    { kind: 'centre', label: '服务中心' },
    ...(target?.kind === 'item' ? [{ kind: 'item' as Kind, label: `事项：${target.name ?? target.id}` }] : []),
    ...(bundle.site.windows.length ? [{ kind: 'window' as Kind, label: '某个窗口' }] : []),
    ...(bundle.staff.length ? [{ kind: 'staff' as Kind, label: '工作人员' }] : []),
    { kind: 'terminal', label: '这台查询机' },
  ];
  const chosen: EvaluationTarget | null =
    kind === 'centre'
      ? centre
      : kind === 'terminal'
        ? { kind: 'terminal', name: '自助查询机' }
        : kind === 'item'
          ? (target ?? null)
          : pick?.kind === kind
            ? pick
            : null;
  // After a face is chosen, bring the next step into view: the reasons for a 差评, else the submit button.
  // `level` is one of the LEVELS constants (one object per face) and `ids.why` is a stable useId,
  // so this runs when another face is chosen, as it did when keyed on `level.value`.
  useEffect(() => {
    if (!level) return;
    document
      .getElementById(level.poor ? ids.why : 'ev-submit')
      ?.scrollIntoView({ block: level.poor ? 'start' : 'nearest', behavior: 'smooth' });
  }, [level, ids.why]);

  const needReason = level?.poor && reasons.length === 0 && comment.trim() === '';
  const wantsCall = !!level?.poor && canCallBack && callback === true;
  const needPhone = wantsCall && !isCallbackPhone(phone);
  const canSubmit = !!level && !!chosen && !needReason && !needPhone && !saving;
  useEffect(() => {
    if (callback) document.getElementById('ev-callback')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [callback]);
  // A complete phone number: bring the submit button into view.
  const phoneOk = wantsCall && !needPhone;
  useEffect(() => {
    if (phoneOk) document.getElementById('ev-submit')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [phoneOk]);

  const submit = async () => {
    if (!level || !chosen) return;
    setSaving(true);
    setError('');
    try {
      await state.actions.saveRating(
        {
          siteCode: bundle.site.code,
          at: Date.now(),
          level: level.value,
          reasons: level.poor ? reasons : [],
          ...(level.poor && comment.trim() ? { comment: comment.trim().slice(0, 500) } : {}),
          target: chosen,
        },
        wantsCall ? phone : undefined,
      );
      session.replace({ name: 'thanks' });
    } catch {
      setSaving(false);
      setError('保存没有成功，请再按一次“提交评价”，或告诉大厅工作人员。');
    }
  };

  return (
    <div class="evaluate">
      <ScreenTitle
        sub={
          canCallBack
            ? '您的评价不记录姓名等个人信息，电话只在您要求回访时才留下；没有人可以要求您给好评'
            : '您的评价不记录姓名、电话等任何个人信息，没有人可以要求您给好评'
        }
      >
        意见与评价（好差评）
      </ScreenTitle>

      <section class="card" aria-labelledby={ids.what}>
        <h2 id={ids.what}>1. 您要评价</h2>
        <div class="chip-list" role="group" aria-labelledby={ids.what}>
          {kinds.map((k) => (
            <ChoiceChip key={k.kind} on={kind === k.kind} onClick={() => setKind(k.kind)}>
              {k.label}
            </ChoiceChip>
          ))}
        </div>
        {kind === 'window' && (
          <div class="chip-list sub-choice" role="group" aria-label="选择窗口">
            {bundle.site.windows.map((w) => {
              const on = pick?.kind === 'window' && pick.id === w.number;
              return (
                <ChoiceChip
                  key={w.number}
                  on={on}
                  onClick={() => setPick({ kind: 'window', id: w.number, name: `${w.number}号窗口 ${w.name}` })}
                >
                  {w.number}号窗口 {w.name}
                </ChoiceChip>
              );
            })}
          </div>
        )}
        {kind === 'staff' && (
          <div class="chip-list sub-choice" role="group" aria-label="选择工作人员">
            {bundle.staff.map((s) => {
              const on = pick?.kind === 'staff' && pick.id === s.id;
              return (
                <ChoiceChip key={s.id} on={on} onClick={() => setPick({ kind: 'staff', id: s.id, name: s.name })}>
                  {s.name}（{s.window}号窗口）
                </ChoiceChip>
              );
            })}
          </div>
        )}
      </section>

      <section class="card" aria-labelledby={ids.level}>
        <h2 id={ids.level}>2. 您满意吗？</h2>
        <div class="levels" role="radiogroup" aria-labelledby={ids.level}>
          {LEVELS.map((l) => {
            const on = level?.value === l.value;
            return (
              <button
                type="button"
                key={l.value}
                role="radio"
                aria-checked={on}
                class={`level level-${l.value} ${on ? 'selected' : ''}`}
                onClick={() => setLevel(l)}
              >
                <Face smile={l.smile} />
                <span class="level-label">{l.label}</span>
                {on && <span class="level-mark">已选</span>}
              </button>
            );
          })}
        </div>
      </section>

      {level?.poor && (
        <section class="card" aria-labelledby={ids.why}>
          <h2 id={ids.why}>3. 哪里让您不满意？（可以选几个）</h2>
          <div class="chip-list" role="group" aria-labelledby={ids.why}>
            {POOR_REASONS.map((r) => {
              const on = reasons.includes(r);
              return (
                <ChoiceChip key={r} on={on} onClick={() => setReasons(on ? reasons.filter((x) => x !== r) : [...reasons, r])}>
                  {r}
                </ChoiceChip>
              );
            })}
          </div>
          <label class="comment-label" for="ev-comment">
            还想说的话（可以不写；接了键盘才能输入文字）
          </label>
          <textarea
            id="ev-comment"
            rows={2}
            maxLength={500}
            value={comment}
            onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)}
          />
        </section>
      )}

      {level?.poor && canCallBack && (
        <section class="card" aria-labelledby="ev-callback">
          <h2 id="ev-callback">4. 希望工作人员回访吗？</h2>
          <p class="callback-note">留下电话，工作人员会打电话向您了解情况。电话只用于这次回访，只有负责的乡镇能看到。</p>
          <div class="chip-list" role="group" aria-labelledby="ev-callback">
            {[
              { on: true, label: '需要回访，留下电话' },
              { on: false, label: '不需要回访' },
            ].map((c) => {
              const on = callback === c.on;
              return (
                <button
                  type="button"
                  key={c.label}
                  class={`chip choice ${on ? 'selected' : ''}`}
                  aria-pressed={on}
                  onClick={() => {
                    setCallback(c.on);
                    if (!c.on) setPhone('');
                  }}
                >
                  {on && <Icon name="check" />}
                  {c.label}
                </button>
              );
            })}
          </div>
          {callback === true && <PhoneKeypad digits={phone} onChange={setPhone} />}
        </section>
      )}

      <div class="submit-row" id="ev-submit">
        <button type="button" class="primary-btn" disabled={!canSubmit} onClick={() => void submit()}>
          提交评价
        </button>
        <p class="submit-hint" aria-live="polite">
          {error ||
            (!level
              ? '请先点一个表情'
              : !chosen
                ? '请选择要评价的窗口或人员'
                : needReason
                  ? '请点一下不满意的原因'
                  : needPhone
                    ? (phoneProblem(phone) ?? '')
                    : `您选的是：${chosen.name ?? ''} · ${levelLabel(level.value)}${wantsCall ? ' · 需要回访' : ''}`)}
        </p>
      </div>
    </div>
  );
}

export function Thanks({ session, bundle }: ScreenProps) {
  return (
    <div class="thanks">
      <Icon name="check" class="thanks-icon" />
      <h1>谢谢您的评价！</h1>
      <p>您的意见已经记下。不满意的评价会有专人跟进处理。</p>
      <p>
        有急事也可以打监督电话 <span class="phone">{bundle.site.phones.supervision.number}</span>
      </p>
      <button type="button" class="primary-btn" onClick={() => session.home()}>
        <Icon name="home" />
        回到首页
      </button>
    </div>
  );
}
