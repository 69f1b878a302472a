export type CopyExt = '.br' | '.gz';
export const COPIES: readonly CopyExt[];
export function compress(ext: CopyExt, data: Uint8Array): Buffer;
