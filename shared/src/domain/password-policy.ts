/**
 * Password rules for staff accounts: at least 10 characters and at least three of the four classes
 * (lower case, upper case, digits, symbols). Returns a Chinese reason when the password is refused.
 */
export const PASSWORD_MIN_LENGTH = 10;

export function checkPasswordPolicy(password: string, username?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位`;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}
