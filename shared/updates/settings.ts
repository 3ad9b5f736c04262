// The administrator's update settings (系统管理 → 软件更新), kept on this PC beside the printer
// settings (electron/main/updateSettingsStore.ts), and the page's answer to "any unsaved input?".
import { z } from 'zod';

export const formsAnswer = z.strictObject({ id: z.number().int().nonnegative(), dirty: z.boolean() });

const FINGERPRINT_HEX = /^[0-9A-F]{64}$/;

/** `AB:CD:…` (as Node and `openssl x509 -fingerprint -sha256` print it), from any spacing or case; '' stays ''. */
export function normalizeFingerprint(text: string): string {
  const hex = text
    .replace(/^sha256\s*(fingerprint)?\s*=?\s*/i, '')
    .replace(/[\s:]/g, '')
    .toUpperCase();
  if (!FINGERPRINT_HEX.test(hex)) return text.trim();
  return hex.match(/../g)!.join(':');
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

export const updateSettings = z.strictObject({
  /** '' = the server built into the package (app-update.yml). */
  serverUrl: z
    .string()
    .trim()
    .max(500, '更新服务器地址不能超过 500 个字符')
    .refine((text) => text === '' || isHttpsUrl(text), {
      message: '更新服务器地址必须是 https:// 开头的完整网址，例如 https://10.1.2.3/township-desk/',
    }),
  /** '' = none; else the SHA-256 fingerprint of the server's own certificate, which alone is then trusted. */
  certificateFingerprint: z
    .string()
    .max(200, '证书指纹不能超过 200 个字符')
    .transform(normalizeFingerprint)
    .refine((text) => text === '' || /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/.test(text), {
      message: '证书指纹应为 SHA-256 指纹：64 位十六进制数字（可用冒号分隔）',
    }),
  /** '' = none; else the county's CA certificate (PEM): the server's certificate must chain to it. */
  caCertificatePem: z
    .string()
    .trim()
    .max(20_000, 'CA 证书不能超过 20000 个字符')
    .refine((text) => text === '' || PEM_CERTIFICATE.test(text), {
      message: 'CA 证书应为 PEM 格式（以 -----BEGIN CERTIFICATE----- 开头的文本）',
    }),
});

/** https, a host name (zod's URL check: shared/ sees no URL class). */
function isHttpsUrl(text: string): boolean {
  return z.url({ protocol: /^https$/, hostname: /^.+$/ }).safeParse(text).success;
}

/** The first problem of settings that did not pass `updateSettings`, as one sentence naming the field. */
export function updateSettingsProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return '更新设置的内容无效';
  if (issue.code === 'invalid_type' || issue.code === 'unrecognized_keys') return '更新设置的内容无效';
  return issue.message;
}
