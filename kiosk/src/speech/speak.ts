/**
 * Read aloud through the Web Speech API in Chinese. Kiosk browsers often have
 * no Chinese voice (headless Chromium has none at all): availability is
 * detected, and the caller explains it in words instead of failing silently.
 */

export type SpeechAvailability = { ok: true } | { ok: false; reason: string };

function synth(): SpeechSynthesis | undefined {
  return typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : undefined;
}

function chineseVoice(s: SpeechSynthesis): SpeechSynthesisVoice | undefined {
  const voices = s.getVoices();
  return voices.find((v) => /^zh[-_]CN/i.test(v.lang)) ?? voices.find((v) => /^(zh|cmn)/i.test(v.lang));
}

export function speechAvailability(): SpeechAvailability {
  const s = synth();
  if (!s || typeof SpeechSynthesisUtterance === 'undefined') {
    return { ok: false, reason: '这台查询机不支持朗读功能。请向窗口工作人员咨询，或扫码在手机上查看。' };
  }
  if (!chineseVoice(s)) {
    return { ok: false, reason: '这台查询机没有安装中文语音，暂时不能朗读。请向窗口工作人员咨询，或扫码在手机上查看。' };
  }
  return { ok: true };
}

/** Voices load asynchronously in some browsers: call once at start. */
export function warmUpVoices(): void {
  const s = synth();
  if (!s) return;
  s.getVoices();
  s.addEventListener?.('voiceschanged', () => s.getVoices(), { once: true });
}

/** Speak text in Chinese, replacing anything being spoken. Returns false when unavailable. */
export function speak(text: string, rate = 0.9): boolean {
  const s = synth();
  if (!s || !speechAvailability().ok) return false;
  s.cancel();
  const u = new SpeechSynthesisUtterance(text);
  const voice = chineseVoice(s);
  try {
    if (voice) u.voice = voice;
  } catch {
    /* a voice object the engine does not accept: the lang below still selects Chinese */
  }
  u.lang = voice?.lang ?? 'zh-CN';
  u.rate = rate;
  s.speak(u);
  return true;
}

export function stopSpeaking(): void {
  synth()?.cancel();
}

export function isSpeaking(): boolean {
  return synth()?.speaking ?? false;
}
