/** The text read aloud for an item: what a resident most needs, in the order they need it. */
import type { ServiceItem } from '../bundle/schema.ts';
import { materialSpeech } from './materials.ts';

export function itemSpeechText(item: ServiceItem): string {
  const parts = [
    item.name,
    `${item.timeLimit}`,
    `去哪里办：${item.where}`,
    `需要带的材料：${item.materials.map(materialSpeech).join('；') || '不需要材料'}`,
    `办理条件：${item.conditions.join('；')}`,
    `办理步骤：${item.steps.map((s, i) => `第${i + 1}步，${s.title}${s.detail ? `，${s.detail}` : ''}`).join('；')}`,
    `收费：${item.charged ? item.feeStandard : '不收费'}`,
    `咨询电话：${item.phone}`,
  ];
  return parts.join('。');
}
