import type { FormRule } from 'antd';
import { PASSWORD_MIN_LENGTH } from '../../shared/auth/api';

/** The same rule the backend applies (`passwordField`), checked as the user types. */
export const newPasswordRules: FormRule[] = [
  { required: true, message: '请输入密码' },
  { min: PASSWORD_MIN_LENGTH, message: `至少 ${PASSWORD_MIN_LENGTH} 个字符` },
  { max: 128, message: '最多 128 个字符' },
  {
    validator: (_, value: string | undefined) =>
      !value || (/[A-Za-z]/.test(value) && /\d/.test(value))
        ? Promise.resolve()
        : Promise.reject(new Error('须同时包含字母和数字')),
  },
];

export function confirmPasswordRule(field: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: (_, value: string | undefined) => {
      if (!value) return Promise.reject(new Error('请再输入一遍密码'));
      return value === getFieldValue(field) ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'));
    },
  });
}
