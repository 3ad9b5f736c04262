// The enrollment file the county hands out, checked field by field (every refusal names the
// field in Chinese), and the envelopes that announce the node's keys to the hub: 'registration'
// (signed by the new key itself, carrying the one-time token) and 'rotation' (signed by the
// current key, announcing the next).
import { X509Certificate } from 'node:crypto';
import type { z } from 'zod';
import { fromBase64Url, toBase64Url, utf8 } from '../../../shared/sync/bytes';
import { sealEnvelope } from '../../../shared/sync/envelope';
import { DEFAULT_SUITE, SUITE_LABELS, suiteOf, type SuiteId } from '../../../shared/sync/suites';
import {
  ENROLLMENT_FORMAT,
  enrollmentFile,
  registrationPayload,
  rotationPayload,
  type EnrollmentFile,
} from '../../../shared/sync/protocol';
import { failFields } from '../api/failure';
import type { KeySet } from './keyStore';
import type { StoredEnrollment } from './syncState';
import { checkHubUrl } from './transport';

const FIELD_LABELS: Record<string, string> = {
  format: '文件格式',
  version: '文件版本',
  nodeId: '节点编号',
  townshipName: '乡镇名称',
  suite: '加密算法套件',
  hubUrl: '平台地址',
  hubBoxPublicKey: '平台加密公钥',
  hubSigningPublicKey: '平台签名公钥',
  certificateFingerprint: '证书指纹',
  certificatePem: '平台证书',
  token: '入网口令',
  expiresAt: '有效期',
};

const HAS_CHINESE = /[\u4e00-\u9fff]/;

/** `file.<field>` → a sentence naming the field, from zod's issues. */
function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      errors['file'] ??= `入网文件中有不认识的内容“${issue.keys.join('、')}”，请使用县级平台导出的原文件`;
      continue;
    }
    const field = String(issue.path[0] ?? '');
    const key = field ? `file.${field}` : 'file';
    if (errors[key]) continue;
    const label = FIELD_LABELS[field] ?? field;
    // Missing first: a schema's own message (e.g. the URL's) would misdescribe an absent field.
    if (issue.code === 'invalid_type' && issue.input === undefined) errors[key] = `入网文件缺少“${label}”`;
    else if (HAS_CHINESE.test(issue.message)) errors[key] = `入网文件：${issue.message}`;
    else errors[key] = `入网文件的“${label}”不正确`;
  }
  return errors;
}

/** The file as given: an object, or its text (pasted code), possibly base64url-wrapped. */
function asObject(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  const text = input.trim();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    try {
      return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(text))) as unknown;
    } catch {
      failFields({ file: '入网文件：内容无法识别，请选择县级平台导出的入网文件（.json）' });
    }
  }
}

/** The suite the county chose for the township; a file from before the choice: the international one. */
export function suiteOfFile(file: EnrollmentFile): SuiteId {
  return file.suite ?? DEFAULT_SUITE;
}

function isKey(value: string, suite: SuiteId): boolean {
  try {
    return suiteOf(suite).isPublicKey(fromBase64Url(value));
  } catch {
    return false;
  }
}

const NOT_AN_ENROLLMENT_FILE = '入网文件：这不是县级平台发放的入网文件，请选择县级平台为本乡镇导出的“…-入网文件.json”';

/** Validates an enrollment file; refuses an expired one. Throws an ApiFailure naming the field. */
export function parseEnrollmentFile(input: unknown, now: Date): EnrollmentFile {
  const object = asObject(input);
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    failFields({ file: '入网文件：内容无法识别，请选择县级平台导出的入网文件（.json）' });
  }
  const parsed = enrollmentFile.safeParse(object, { reportInput: true });
  if (!parsed.success) {
    // Another file altogether (a catalog, a batch, a registration file): one sentence, not a
    // list of every field it lacks.
    if ((object as { format?: unknown }).format !== ENROLLMENT_FORMAT) failFields({ file: NOT_AN_ENROLLMENT_FILE });
    failFields(issuesToFieldErrors(parsed.error.issues));
  }
  const file = parsed.data;
  const errors: Record<string, string> = {};
  const urlProblem = checkHubUrl(file.hubUrl);
  if (urlProblem) errors['file.hubUrl'] = `入网文件：${urlProblem}`;
  const suite = suiteOfFile(file);
  if (!isKey(file.hubBoxPublicKey, suite)) {
    errors['file.hubBoxPublicKey'] = `入网文件的“平台加密公钥”不是有效的公钥（应为${SUITE_LABELS[suite]}的公钥）`;
  }
  if (!isKey(file.hubSigningPublicKey, suite)) {
    errors['file.hubSigningPublicKey'] = `入网文件的“平台签名公钥”不是有效的公钥（应为${SUITE_LABELS[suite]}的公钥）`;
  }
  try {
    if (new X509Certificate(file.certificatePem).fingerprint256 !== file.certificateFingerprint) {
      errors['file.certificateFingerprint'] = '入网文件：证书指纹与所附平台证书不符，文件可能被改动';
    }
  } catch {
    errors['file.certificatePem'] = '入网文件的“平台证书”不是有效的证书';
  }
  const expires = Date.parse(file.expiresAt);
  if (Number.isNaN(expires)) errors['file.expiresAt'] = '入网文件的“有效期”不是有效的时间';
  if (Object.keys(errors).length > 0) failFields(errors);
  if (expires <= now.getTime()) {
    failFields({ file: `入网文件已于 ${file.expiresAt.slice(0, 16).replace('T', ' ')} 过期，请向县级平台重新申请` });
  }
  return file;
}

export function toStoredEnrollment(file: EnrollmentFile, enrolledAt: string): StoredEnrollment {
  return {
    nodeId: file.nodeId,
    townshipName: file.townshipName,
    suite: suiteOfFile(file),
    hubUrl: file.hubUrl,
    hubBoxPublicKey: file.hubBoxPublicKey,
    hubSigningPublicKey: file.hubSigningPublicKey,
    certificateFingerprint: file.certificateFingerprint,
    certificatePem: file.certificatePem,
    expiresAt: file.expiresAt,
    enrolledAt,
  };
}

/** The node's public keys and the token, sealed to the hub and signed by the new signing key. */
export function sealRegistration(file: EnrollmentFile, keys: KeySet, now: Date): Uint8Array {
  const payload = registrationPayload.parse({
    nodeId: file.nodeId,
    token: file.token,
    signingPublicKey: toBase64Url(keys.signing.publicKey),
    boxPublicKey: toBase64Url(keys.box.publicKey),
    townshipName: file.townshipName,
    registeredAt: now.toISOString(),
  });
  return sealEnvelope({
    suite: keys.suite,
    header: { kind: 'registration', node: file.nodeId, created: now.toISOString() },
    plaintext: utf8(JSON.stringify(payload)),
    recipientPublicKey: fromBase64Url(file.hubBoxPublicKey),
    signer: keys.signing,
  });
}

/** The next keys, announced under the signature of the current ones. */
export function sealRotation(enrollment: StoredEnrollment, current: KeySet, next: KeySet, now: Date): Uint8Array {
  const payload = rotationPayload.parse({
    nodeId: enrollment.nodeId,
    signingPublicKey: toBase64Url(next.signing.publicKey),
    boxPublicKey: toBase64Url(next.box.publicKey),
    rotatedAt: now.toISOString(),
  });
  return sealEnvelope({
    suite: current.suite,
    header: { kind: 'rotation', node: enrollment.nodeId, created: now.toISOString() },
    plaintext: utf8(JSON.stringify(payload)),
    recipientPublicKey: fromBase64Url(enrollment.hubBoxPublicKey),
    signer: current.signing,
  });
}
