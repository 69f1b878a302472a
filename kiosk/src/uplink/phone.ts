/**
 * The callback phone a resident may leave with a 差评: digits only, an 11-digit mobile
 * (1[3-9]…) or a landline with its area code (010/02x + 8 digits, 0xxx + 7 or 8 digits).
 */
export const PHONE_MAX_DIGITS = 12;

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(0(10|2\d)\d{8}|0[3-9]\d{2}\d{7,8})$/;

export function isCallbackPhone(digits: string): boolean {
  return MOBILE.test(digits) || LANDLINE.test(digits);
}

/** Why `digits` is not a phone number yet, in Chinese for the resident; null when it is one. */
export function phoneProblem(digits: string): string | null {
  if (digits === '') return '请用下面的数字键输入电话号码';
  if (isCallbackPhone(digits)) return null;
  if (digits.startsWith('1')) {
    if (digits.length < 11) return `手机号码是11位，还差${11 - digits.length}位`;
    return '这个手机号码不对，请核对后重新输入';
  }
  if (digits.startsWith('0')) return '座机号码请输入区号加号码，例如 0839 5212032';
  return '座机号码请在前面加上区号（0开头），手机号码以1开头';
}

/** Digits grouped for reading: 138 0013 8000, 0839 521 2032, 010 6552 9988. */
export function phoneText(digits: string): string {
  if (digits.startsWith('1')) return [digits.slice(0, 3), digits.slice(3, 7), digits.slice(7)].filter(Boolean).join(' ');
  if (digits.startsWith('0')) {
    const area = /^0(10|2\d)/.test(digits) ? 3 : 4;
    const rest = digits.slice(area);
    const head = rest.length > 7 ? 4 : 3;
    return [digits.slice(0, area), rest.slice(0, head), rest.slice(head)].filter(Boolean).join(' ');
  }
  return digits;
}
