import { describe, expect, it } from 'vitest';
import { isCallbackPhone, phoneProblem, phoneText } from './phone.ts';

describe('callback phone', () => {
  it('accepts mobiles and landlines with area code, refuses the rest', () => {
    for (const ok of ['13800138000', '19912345678', '01065529988', '02087654321', '08395212032', '07553456789'])
      expect(isCallbackPhone(ok), ok).toBe(true);
    for (const bad of ['', '1380013800', '138001380001', '12800138000', '5212032', '0839', '0839521203', '00012345678', '23800138000'])
      expect(isCallbackPhone(bad), bad).toBe(false);
  });

  it('says what is missing in Chinese', () => {
    expect(phoneProblem('138')).toBe('手机号码是11位，还差8位');
    expect(phoneProblem('12800138000')).toBe('这个手机号码不对，请核对后重新输入');
    expect(phoneProblem('5212032')).toBe('座机号码请在前面加上区号（0开头），手机号码以1开头');
    expect(phoneProblem('0839')).toBe('座机号码请输入区号加号码，例如 0839 5212032');
    expect(phoneProblem('13800138000')).toBeNull();
  });

  it('groups digits for reading', () => {
    expect(phoneText('13800138000')).toBe('138 0013 8000');
    expect(phoneText('1380')).toBe('138 0');
    expect(phoneText('08395212032')).toBe('0839 521 2032');
    expect(phoneText('01065529988')).toBe('010 6552 9988');
  });
});
