// The setting of the desktop app's client mode (electron/main/clientMode.ts): the hall's address
// and its certificate's SHA-256 fingerprint. Shared, so that the first-run page (连接到大厅主机)
// refuses what the main process would refuse, with the same words beside the field.
import { z } from 'zod';

export const CLIENT_MODE_FILE = 'client-mode.json';

/**
 * The WHATWG URL class, which every runtime of this code has (Node, Chromium) but shared/'s type
 * check does not see: the address must be read exactly as the window will read it.
 */
const WebUrl = (
  globalThis as unknown as {
    URL: new (text: string) => { protocol: string; hostname: string; username: string; password: string; href: string };
  }
).URL;

const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

/** `ab cd ef…` or `abcdef…` → `AB:CD:EF:…`; anything else is returned as typed, for the check to refuse. */
export function normalizeFingerprint(text: string): string {
  const hex = text.replace(/[\s:]/g, '').toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? hex.match(/../g)!.join(':') : text.trim();
}

export const clientModeSetting = z.strictObject({
  hallUrl: z
    .string({ message: '大厅地址（hallUrl）：请填写大厅主机的访问网址，如 https://192.168.1.10:4781/' })
    .trim()
    .refine(
      (text) => {
        try {
          const url = new WebUrl(text);
          return url.protocol === 'https:' && url.hostname !== '' && !url.username && !url.password;
        } catch {
          return false;
        }
      },
      { message: '大厅地址（hallUrl）：应为 https:// 开头的网址，如 https://192.168.1.10:4781/（大厅网络只用 HTTPS）' },
    ),
  fingerprint: z
    .string({ message: '证书指纹（fingerprint）：请照抄大厅网络页面上的 SHA-256 指纹' })
    // As read out or copied: any case, with or without colons or spaces.
    .transform((text) => normalizeFingerprint(text))
    .refine((text) => FINGERPRINT.test(text), {
      message: '证书指纹（fingerprint）：应为 64 个十六进制字符（SHA-256，可带冒号），请照抄大厅网络页面上的指纹',
    }),
});

/** The setting as saved: the address as a URL writes it, the fingerprint as `AB:CD:…`. */
export interface ClientModeValues {
  hallUrl: string;
  fingerprint: string;
}

export type ClientModeInputCheck =
  | { ok: true; values: ClientModeValues }
  /** `field` null: something about the whole (an unknown key, not an object). */
  | { ok: false; field: 'hallUrl' | 'fingerprint' | null; message: string };

/** Validates what was typed (or sent over IPC); each refusal names its field in Chinese. */
export function checkClientModeInput(input: unknown): ClientModeInputCheck {
  const parsed = clientModeSetting.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path[0];
    if (issue.code === 'unrecognized_keys') {
      return {
        ok: false,
        field: null,
        message: `有不认识的项：${issue.keys.join('、')}（只能有 hallUrl 和 fingerprint）`,
      };
    }
    return {
      ok: false,
      field: field === 'hallUrl' || field === 'fingerprint' ? field : null,
      message: field === undefined ? '大厅连接设置应包含大厅地址（hallUrl）和证书指纹（fingerprint）' : issue.message,
    };
  }
  return { ok: true, values: { hallUrl: new WebUrl(parsed.data.hallUrl).href, fingerprint: parsed.data.fingerprint } };
}
