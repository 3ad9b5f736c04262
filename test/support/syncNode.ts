// A township node as the hub sees it, for tests: its own key pairs (of the suite its enrollment
// file names: international or 国密), a change log that counts up
// from 1, and the envelopes it would send (registration, batches chained by hash, rotations,
// attachments), sealed with the real envelope code. Nothing here talks HTTP or touches a
// database, so the hub's tests, the node's tests and the bench can all drive a hub with it.
import { randomUUID } from 'node:crypto';
import { fromBase64Url, sha256Hex, toBase64Url, utf8 } from '../../shared/sync/bytes';
import { openEnvelope, parseEnvelope, sealEnvelope, verifyEnvelope } from '../../shared/sync/envelope';
import type { BoxKeyPair, SigningKeyPair } from '../../shared/sync/keys';
import { DEFAULT_SUITE, suiteOf, type SuiteId } from '../../shared/sync/suites';
import {
  downPayload,
  type ChangeEntry,
  type DownPayload,
  type EnrollmentFile,
  type RegistrationPayload,
  type RotationPayload,
} from '../../shared/sync/protocol';

export interface BatchOptions {
  /** Defaults to the hash of the last batch this node made. */
  prev?: string;
  first?: number;
  last?: number;
  downApplied?: number;
  /** The header's created time (a retired key vouches only for what was sealed before rotation). */
  created?: string;
  /** Sign with this key instead of the node's current one. */
  signer?: SigningKeyPair;
  /** Seal to this key instead of the hub's. */
  recipientPublicKey?: Uint8Array;
  /** Do not move the chain on (for a tampered or refused batch the node would not keep). */
  detached?: boolean;
  /** Seal this instead of `{ entries }` (a payload that fails the schema). */
  plaintext?: Uint8Array;
  /** Seal with this suite instead of the node's (the keys given must be of it). */
  suite?: SuiteId;
}

export interface TestNode {
  readonly nodeId: string;
  /** The suite of its enrollment (every envelope is sealed with it unless `suite` is given). */
  readonly suite: SuiteId;
  readonly enrollment: EnrollmentFile;
  signing: SigningKeyPair;
  box: BoxKeyPair;
  /** The next change-log sequence `entries()` hands out. */
  nextSeq: number;
  /** Hash of the last batch made (the next batch's prev). */
  lastBatchHash: string;
  downApplied: number;
  readonly signingKeyId: string;
  readonly boxKeyId: string;
  /** The registration envelope (signed with the node's signing key, sealed to the hub). */
  registration(overrides?: Partial<RegistrationPayload>): Uint8Array;
  /** `n` change entries with the next sequence numbers (advances `nextSeq`). */
  entries(n: number, make?: (seq: number) => Partial<ChangeEntry>): ChangeEntry[];
  /** One entry of the given kind with the next sequence number. */
  entry(entity: string, entityId: string, op: string, data: unknown): ChangeEntry;
  /** A batch envelope of these entries, chained to the previous batch. */
  batch(entries: ChangeEntry[], options?: BatchOptions): Uint8Array;
  /** A rotation envelope signed with the current key; afterwards the node uses the new keys. */
  rotation(options?: { rotatedAt?: string; signer?: SigningKeyPair }): Uint8Array;
  /** A 'file' envelope carrying `content`. */
  file(content: Uint8Array, options?: { sha256?: string }): Uint8Array;
  /** Opens a 'down' envelope from the hub: checks the hub's signature, decrypts, parses. */
  openDown(envelope: Uint8Array): DownPayload;
}

export function makeTestNode(enrollment: EnrollmentFile): TestNode {
  const hubBox = fromBase64Url(enrollment.hubBoxPublicKey);
  const hubSigning = fromBase64Url(enrollment.hubSigningPublicKey);
  const suiteId = enrollment.suite ?? DEFAULT_SUITE;
  const suite = suiteOf(suiteId);
  let seq = 1;
  const node: TestNode = {
    nodeId: enrollment.nodeId,
    suite: suiteId,
    enrollment,
    signing: suite.generateSigningKeyPair(),
    box: suite.generateBoxKeyPair(),
    get nextSeq() {
      return seq;
    },
    set nextSeq(value: number) {
      seq = value;
    },
    lastBatchHash: '',
    downApplied: 0,
    get signingKeyId() {
      return suite.keyId(node.signing.publicKey);
    },
    get boxKeyId() {
      return suite.keyId(node.box.publicKey);
    },

    registration(overrides = {}) {
      const payload: RegistrationPayload = {
        nodeId: enrollment.nodeId,
        token: enrollment.token,
        signingPublicKey: toBase64Url(node.signing.publicKey),
        boxPublicKey: toBase64Url(node.box.publicKey),
        townshipName: enrollment.townshipName,
        registeredAt: new Date().toISOString(),
        ...overrides,
      };
      return sealEnvelope({
        suite: suiteId,
        header: { kind: 'registration', node: enrollment.nodeId },
        plaintext: utf8(JSON.stringify(payload)),
        recipientPublicKey: hubBox,
        signer: node.signing,
      });
    },

    entries(n, make) {
      const out: ChangeEntry[] = [];
      for (let i = 0; i < n; i++) {
        const s = seq++;
        out.push({
          seq: s,
          id: randomUUID(),
          entity: 'resident',
          entityId: `r-${s}`,
          op: 'create',
          data: { name: `居民${s}`, village: '东岗村', note: '测试数据' },
          actorId: null,
          actorName: '测试',
          at: new Date(Date.UTC(2026, 10, 1) + s * 1000).toISOString(),
          ...make?.(s),
        });
      }
      return out;
    },

    entry(entity, entityId, op, data) {
      return node.entries(1, () => ({ entity, entityId, op, data }))[0]!;
    },

    batch(entries, options = {}) {
      const first = options.first ?? entries[0]!.seq;
      const last = options.last ?? entries[entries.length - 1]!.seq;
      const envelope = sealEnvelope({
        suite: options.suite ?? suiteId,
        header: {
          kind: 'batch',
          node: enrollment.nodeId,
          first,
          last,
          prev: options.prev ?? node.lastBatchHash,
          downApplied: options.downApplied ?? node.downApplied,
          ...(options.created ? { created: options.created } : {}),
        },
        plaintext: options.plaintext ?? utf8(JSON.stringify({ entries })),
        recipientPublicKey: options.recipientPublicKey ?? hubBox,
        signer: options.signer ?? node.signing,
      });
      if (!options.detached) node.lastBatchHash = suite.hashHex(envelope);
      return envelope;
    },

    rotation(options = {}) {
      const signing = suite.generateSigningKeyPair();
      const box = suite.generateBoxKeyPair();
      const payload: RotationPayload = {
        nodeId: enrollment.nodeId,
        signingPublicKey: toBase64Url(signing.publicKey),
        boxPublicKey: toBase64Url(box.publicKey),
        rotatedAt: options.rotatedAt ?? new Date().toISOString(),
      };
      const envelope = sealEnvelope({
        suite: suiteId,
        header: { kind: 'rotation', node: enrollment.nodeId },
        plaintext: utf8(JSON.stringify(payload)),
        recipientPublicKey: hubBox,
        signer: options.signer ?? node.signing,
      });
      node.signing = signing;
      node.box = box;
      return envelope;
    },

    file(content, options = {}) {
      return sealEnvelope({
        suite: suiteId,
        header: { kind: 'file', node: enrollment.nodeId, sha256: options.sha256 ?? sha256Hex(content) },
        plaintext: content,
        recipientPublicKey: hubBox,
        signer: node.signing,
      });
    },

    openDown(envelope) {
      const parsed = parseEnvelope(envelope);
      if (parsed.header.kind !== 'down') throw new Error(`不是下发数据包：${parsed.header.kind}`);
      verifyEnvelope(parsed, hubSigning);
      return downPayload.parse(JSON.parse(new TextDecoder().decode(openEnvelope(parsed, node.box.privateKey))));
    },
  };
  return node;
}
