/**
 * Masking of personal data (PIPL 个人信息保护法 art. 28/51 "去标识化"): what roles that do not need 法定代表人/联系人
 * details see instead of them. Pure string functions; the server decides who gets the clear text.
 */

/**
 * Masks a person's name, keeping the surname.
 * @example maskPersonName('张三丰') // '张**'
 * @example maskPersonName('Li Lei') // 'L*****'
 */
export function maskPersonName(name: string | null): string | null {
  if (name === null) return null;
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/**
 * Masks a phone number, keeping the first three and last four digits of a mobile, the last four of anything else.
 * @example maskPhone('13812345678') // '138****5678'
 * @example maskPhone('0551-6212345') // '********2345'
 */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const p = phone.trim();
  if (/^1\d{10}$/.test(p)) return `${p.slice(0, 3)}****${p.slice(7)}`;
  if (p.length <= 4) return '*'.repeat(p.length);
  return '*'.repeat(p.length - 4) + p.slice(-4);
}

/**
 * Masks a 居民身份证号码 (or any ID number), keeping the first six (region) and last four characters.
 * @example maskIdNumber('110105199001011234') // '110105********1234'
 */
export function maskIdNumber(id: string | null): string | null {
  if (id === null) return null;
  const p = id.trim();
  if (p.length <= 10) return '*'.repeat(p.length);
  return p.slice(0, 6) + '*'.repeat(p.length - 10) + p.slice(-4);
}
