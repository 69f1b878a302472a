/**
 * Request shapes (valibot) and the one way a bad request is answered: 400 with a Chinese
 * message and the JSON path of the first wrong field.
 */
import * as v from 'valibot';
import { COMMAND_KINDS, LIMITS, RATING_TARGETS, SCREEN_MODES, type ApiError } from '../../kiosk/src/uplink/api.ts';

export const UUID = v.pipe(
  v.string('应为文本'),
  v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, '不是有效的编号（UUID）'),
);
const Text = (max: number) => v.pipe(v.string('应为文本'), v.maxLength(max, `不能超过 ${max} 个字符`));
const Int = (min: number, max: number) =>
  v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(min, `不能小于 ${min}`), v.maxValue(max, `不能大于 ${max}`));
const Time = v.pipe(
  v.number('应为时间（毫秒）'),
  v.integer('应为整数毫秒'),
  v.minValue(0, '时间不合理'),
  v.maxValue(4102444800000, '时间不合理'),
);
const Screen = v.object({ width: Int(0, 100_000), height: Int(0, 100_000) });

export const EnrolSchema = v.object({
  code: Text(32),
  mode: v.picklist(SCREEN_MODES, '模式应为 kiosk、display 或 ticker'),
  appBuild: Text(100),
  screen: Screen,
});

const NullableInt = v.nullable(Int(0, 2 ** 31 - 1));
const NullableText = (n: number) => v.nullable(Text(n));
export const HeartbeatSchema = v.object({
  id: UUID,
  at: Time,
  siteCode: Text(64),
  mode: v.picklist(SCREEN_MODES, '模式应为 kiosk、display 或 ticker'),
  appBuild: Text(100),
  contentVersion: NullableInt,
  contentPublishedAt: NullableText(40),
  contentExpiresAt: NullableText(40),
  lastCheckAt: v.nullable(Time),
  lastCheckOk: v.nullable(v.boolean('应为 true 或 false')),
  lastError: NullableText(1000),
  uptimeSeconds: Int(0, 10 * 365 * 86400),
  storage: v.object({
    usedBytes: v.nullable(v.pipe(v.number(), v.minValue(0))),
    quotaBytes: v.nullable(v.pipe(v.number(), v.minValue(0))),
    persisted: v.nullable(v.boolean()),
  }),
  screen: Screen,
  onScreen: Text(200),
  queued: v.object({ ratings: Int(0, 1e9), playLog: Int(0, 1e9), heartbeats: Int(0, 1e9) }),
  flags: v.pipe(v.array(Text(64)), v.maxLength(50, '标记过多')),
  reloads: v.pipe(v.array(v.object({ at: Time, reason: Text(64) })), v.maxLength(100, '重载记录过多')),
  doneCommands: v.pipe(v.array(Text(64)), v.maxLength(100, '命令过多')),
});

/** A batch needs ids on every entry (a refusal is reported by id); the rest is checked one by one. */
export const RatingBatchSchema = v.object({
  ratings: v.pipe(
    v.array(v.looseObject({ id: UUID }), '应为评价列表'),
    v.maxLength(LIMITS.maxRatingsPerBatch, `一次最多上传 ${LIMITS.maxRatingsPerBatch} 条评价`),
  ),
});

export const RatingSchema = v.object({
  id: UUID,
  at: Time,
  siteCode: Text(64),
  level: v.picklist([1, 2, 3, 4, 5], '评价等级应为 1 到 5'),
  target: v.object({
    kind: v.picklist(RATING_TARGETS, '评价对象不正确'),
    id: v.optional(Text(64)),
    name: v.optional(Text(100)),
  }),
  reasons: v.pipe(v.array(Text(40), '差评原因应为列表'), v.maxLength(20, '差评原因过多')),
  comment: v.optional(Text(LIMITS.commentChars)),
  callbackPhone: v.optional(v.pipe(v.string(), v.regex(/^\d{7,12}$/, '回访电话应为 7 到 12 位数字'))),
  contentVersion: NullableInt,
});

export const PlayLogBatchSchema = v.object({
  entries: v.pipe(
    v.array(v.looseObject({ id: UUID }), '应为播放记录列表'),
    v.maxLength(LIMITS.maxPlayLogPerBatch, `一次最多上传 ${LIMITS.maxPlayLogPerBatch} 条播放记录`),
  ),
});

export const PlayLogSchema = v.object({
  id: UUID,
  siteCode: Text(64),
  slide: Text(200),
  title: Text(200),
  from: Time,
  to: Time,
  contentVersion: Int(0, 2 ** 31 - 1),
});

export const LoginSchema = v.object({ username: Text(64), password: Text(200) });
export const EnrolmentCreateSchema = v.object({ siteCode: Text(64), name: v.optional(Text(60)) });
export const RenameSchema = v.object({ name: v.pipe(Text(60), v.minLength(1, '名称不能为空')) });
export const CommandSchema = v.object({ kind: v.picklist(COMMAND_KINDS, '命令不正确') });
export const CaseUpdateSchema = v.object({
  state: v.optional(v.picklist(['待核实', '整改中', '已办结', '申诉', '无效'], '状态不正确')),
  note: v.pipe(Text(1000), v.minLength(1, '请填写处理说明')),
  calledBack: v.optional(v.boolean()),
});

export class BadRequest extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly status: 400 | 404 | 409 | 413 | 422 = 400,
    readonly code = 'bad_request',
  ) {
    super(message);
  }
  body(): ApiError {
    return { error: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) };
  }
}

/** First problem of a failed parse, as "field: message". */
export function firstIssue(issues: readonly v.BaseIssue<unknown>[], prefix = ''): { field: string; message: string } {
  const issue = issues[0];
  const path = v.getDotPath(issue) ?? '';
  const field = prefix + (path ? (prefix ? '.' : '') + path : '');
  // valibot's own (English) defaults, for what the schemas above do not word themselves.
  let message = issue.message;
  if (message.startsWith('Invalid key')) message = '缺少此项';
  else if (message.startsWith('Invalid type')) message = '类型不正确';
  else if (message.startsWith('Invalid')) message = '取值不正确';
  return { field, message };
}

export function parseOrThrow<T extends v.GenericSchema>(schema: T, input: unknown): v.InferOutput<T> {
  const r = v.safeParse(schema, input);
  if (r.success) return r.output;
  const { field, message } = firstIssue(r.issues);
  throw new BadRequest(field ? `请求数据不正确（${field}）：${message}` : `请求数据不正确：${message}`, field || undefined);
}
