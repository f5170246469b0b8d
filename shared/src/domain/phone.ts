/** Masks a phone number for display: 13812341234 → 138****1234; short numbers keep only the last two digits. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.trim();
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length >= 7) return `${digits.slice(0, 2)}****${digits.slice(-2)}`;
  return '*'.repeat(Math.max(0, digits.length - 2)) + digits.slice(-2);
}

/** Masks a person's name: 张三 → 张*, 欧阳娜娜 → 欧***. */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return name ?? null;
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/**
 * A phone number as intake takes it (digits, `+` and `-`; 3–20 characters: mobiles, fixed lines with area code,
 * short service numbers). The contract's PhoneString and the console's forms use this one pattern.
 */
export const PHONE_NUMBER_PATTERN = '^[0-9+\\-]{3,20}$';

/** Mainland mobile numbers, with or without +86: only those can receive an SMS (短信). */
export const MOBILE_PATTERN = '^(\\+?86)?1[3-9]\\d{9}$';

export function isPhoneNumber(value: string): boolean {
  return new RegExp(PHONE_NUMBER_PATTERN).test(value);
}

export function isMobileNumber(value: string): boolean {
  return new RegExp(MOBILE_PATTERN).test(value);
}
