/**
 * The 朗读 / 停止朗读 button of an item, a notice or a document: one tap reads `text`, the next
 * tap stops it, leaving the screen stops it too. Without a Chinese voice it opens the dialog
 * that explains why, instead of failing silently.
 */
import { useEffect, useState } from 'preact/hooks';
import type { KioskSession } from '../session/session.ts';
import { speak, speechAvailability, stopSpeaking } from '../speech/speak.ts';
import { Icon } from './icons.tsx';

export function ReadAloudButton({ session, text }: { session: KioskSession; text: string }) {
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
  const speech = speechAvailability();
  const onClick = () => {
    if (!speech.ok) {
      session.dialog.value = { kind: 'speech-unavailable', reason: speech.reason };
      return;
    }
    if (speaking) {
      stopSpeaking();
      setSpeaking(false);
    } else {
      setSpeaking(speak(text));
    }
  };
  return (
    <button type="button" class="action-btn" aria-pressed={speech.ok ? speaking : undefined} onClick={onClick}>
      <Icon name="speak" />
      <span>{speaking ? '停止朗读' : '朗读'}</span>
      {!speech.ok && <span class="action-sub">本机没有中文语音</span>}
    </button>
  );
}
