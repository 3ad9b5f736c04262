// The county hub's public 核验 service: anyone (a resident's phone opening a paper's QR link, the
// county page's 文书核验 box) posts the link, and the hub checks the township's signature with
// the public key the township registered. No token: a verification names only what the paper
// itself prints (kind, number, date, masked name).
import { z } from 'zod';

/** POST, JSON `{ link }`; answers `HubVerification`. */
export const HUB_VERIFY_PATH = '/public/v1/verify-document';

/** Where the county page shows its public 核验 page: the base address townships set is `https://hub/verify`. */
export const HUB_VERIFY_PAGE = '/verify';

export const hubVerifyRequest = z.strictObject({
  link: z
    .string()
    .trim()
    .min(1, { message: '核验链接：请粘贴文书二维码中的链接' })
    .max(2000, { message: '核验链接：内容过长，不是文书的核验链接' })
    .describe('核验链接'),
});

export const HUB_VERIFICATION_STATUSES = [
  /** Signed by an enrolled township's registered key. */
  'genuine',
  /** A link with the bare code (nothing could sign it): only the township can check it. */
  'unsigned',
  /** Signed, but by no key registered here. */
  'unknownKey',
  /** The signature does not match the facts. */
  'forged',
  /** The township or its key was revoked. */
  'revoked',
  /** Not a verification link at all, or a damaged one. */
  'malformed',
] as const;
export type HubVerificationStatus = (typeof HUB_VERIFICATION_STATUSES)[number];

export const hubVerification = z.object({
  status: z.enum(HUB_VERIFICATION_STATUSES),
  /** One sentence: 真实：青山镇 受理回执 SL-2026-000306 2026-09-29 张*三 */
  message: z.string(),
  /** The township whose key signed it (genuine or revoked). */
  township: z.string().nullable(),
  /** What the link claims, when it could be read (trustworthy only when genuine). */
  facts: z
    .object({ code: z.string(), kind: z.string(), number: z.string(), issuedOn: z.string(), holder: z.string() })
    .nullable(),
});
export type HubVerification = z.infer<typeof hubVerification>;
