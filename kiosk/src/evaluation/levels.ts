/** 好差评: the five national levels, with a face and words for each (colour is never the only signal). */
export interface Level {
  value: 1 | 2 | 3 | 4 | 5;
  label: string;
  /** Drawn face: mouth curve from -1 (sad) to 1 (happy). */
  smile: number;
  /** 差评 (不满意, 非常不满意) ask for a reason. */
  poor: boolean;
}

export const LEVELS: readonly Level[] = [
  { value: 5, label: '非常满意', smile: 1, poor: false },
  { value: 4, label: '满意', smile: 0.6, poor: false },
  { value: 3, label: '基本满意', smile: 0.1, poor: false },
  { value: 2, label: '不满意', smile: -0.5, poor: true },
  { value: 1, label: '非常不满意', smile: -1, poor: true },
];

/** Reason tags offered for a 差评. */
export const POOR_REASONS = [
  '等候时间太长',
  '材料要求没讲清楚',
  '让我跑了多次',
  '工作人员态度不好',
  '办理时间太长',
  '窗口没有人',
  '收费不合理',
  '查询机不好用',
  '其他问题',
] as const;

export function levelLabel(value: number): string {
  return LEVELS.find((l) => l.value === value)?.label ?? '';
}
