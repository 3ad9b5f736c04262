// The cost of the cipher suite (issue 17): sealing and opening a 1 MiB batch — change-log JSON, as
// the township seals it (Node's zlib at level 9, then encrypted to the hub and signed) and as the
// hub opens it (hash of the envelope for the chain, signature, decryption, inflate) — once per
// suite, and the same for a 1 MiB attachment (incompressible, level 1). Beside them the primitives
// on their own, per MiB and per operation, to show where the time goes.
//
//   node --import tsx bench/run.ts --only suites
import { randomBytes, randomUUID } from 'node:crypto';
import { gcm } from '@noble/ciphers/aes.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8 } from '../shared/sync/bytes';
import { openEnvelope, parseEnvelope, sealEnvelope, verifyEnvelope } from '../shared/sync/envelope';
import { sm3, sm4GcmOpen, sm4GcmSeal } from '../shared/sync/guomi';
import type { ChangeEntry } from '../shared/sync/protocol';
import { SUITE_IDS, SUITE_LABELS, suiteOf, type SuiteId } from '../shared/sync/suites';
import { nodeDeflateRaw } from '../electron/backend/sync/nodeDeflate';
import { round, summarize, type LatencySummary } from './stats';

export interface SuiteBenchOptions {
  /** Timed repetitions of each seal and open (after two untimed warm-ups). */
  runs: number;
  log: (line: string) => void;
}

const MiB = 1024 * 1024;

/** Change-log entries like a counter's, until their JSON is `bytes` long. */
function batchOf(bytes: number): { plaintext: Uint8Array; entries: number } {
  const entries: ChangeEntry[] = [];
  let size = 14;
  for (let seq = 1; size < bytes; seq++) {
    const entry: ChangeEntry = {
      seq,
      id: randomUUID(),
      entity: 'counterCase',
      entityId: randomUUID(),
      op: 'accept',
      data: {
        caseNumber: `SL-2026-${String(seq).padStart(6, '0')}`,
        itemCode: '11410000MB1234567X4000117002000',
        itemName: '城乡居民基本养老保险参保登记',
        resident: { id: randomUUID(), name: '张秀英', idNumber: `410${String(seq * 7919).padStart(15, '0')}` },
        receivedMaterials: ['居民身份证', '户口簿', '参保登记表'],
        promisedOn: '2026-11-20',
        documentSha256: randomBytes(32).toString('hex'),
        note: `第 ${seq} 件，东岗村第一村民小组，经办人窗口二号`,
      },
      actorId: randomUUID(),
      actorName: '窗口工作人员甲',
      at: new Date(Date.UTC(2026, 10, 1) + seq * 37_000).toISOString(),
    };
    entries.push(entry);
    size += Buffer.byteLength(JSON.stringify(entry)) + 1;
  }
  return { plaintext: utf8(JSON.stringify({ entries })), entries: entries.length };
}

function timed(runs: number, work: () => void): LatencySummary {
  for (let i = 0; i < 2; i++) work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

interface Measured {
  seal: LatencySummary;
  open: LatencySummary;
  envelopeBytes: number;
}

function sealAndOpen(suiteId: SuiteId, kind: 'batch' | 'file', plaintext: Uint8Array, runs: number): Measured {
  const suite = suiteOf(suiteId);
  const hub = suite.generateBoxKeyPair();
  const node = suite.generateSigningKeyPair();
  const header =
    kind === 'batch'
      ? { kind, node: 'bench-node', first: 1, last: 1, prev: '', downApplied: 0 }
      : { kind, node: 'bench-node', sha256: Buffer.from(sha256(plaintext)).toString('hex') };
  const seal = () =>
    sealEnvelope({
      suite: suiteId,
      header,
      plaintext,
      recipientPublicKey: hub.publicKey,
      signer: node,
      deflateRaw: nodeDeflateRaw,
    });
  const envelope = seal();
  const open = () => {
    const parsed = parseEnvelope(envelope);
    verifyEnvelope(parsed, node.publicKey);
    const opened = openEnvelope(parsed, hub.privateKey);
    if (opened.length !== plaintext.length) throw new Error('打开的内容长度不对');
  };
  return { seal: timed(runs, seal), open: timed(runs, open), envelopeBytes: envelope.length };
}

/** Milliseconds per MiB of a primitive over 1 MiB, median of `runs`. */
function perMiB(runs: number, work: (data: Uint8Array) => void): number {
  const data = new Uint8Array(randomBytes(MiB));
  return timed(runs, () => work(data)).p50;
}

export async function benchSyncSuites(options: SuiteBenchOptions) {
  const { runs, log } = options;
  const batch = batchOf(MiB);
  const file = new Uint8Array(randomBytes(MiB));
  const suites: Record<string, unknown> = {};
  for (const suiteId of SUITE_IDS) {
    log(`加密套件 ${SUITE_LABELS[suiteId]}：封装与打开 1 MiB 批次 × ${runs}……`);
    const suite = suiteOf(suiteId);
    const signing = suite.generateSigningKeyPair();
    const box = suite.generateBoxKeyPair();
    const message = new Uint8Array(randomBytes(1024));
    const signature = suite.sign(signing.privateKey, message);
    suites[suiteId] = {
      label: SUITE_LABELS[suiteId],
      batch1MiB: {
        entries: batch.entries,
        plaintextBytes: batch.plaintext.length,
        ...sealAndOpen(suiteId, 'batch', batch.plaintext, runs),
      },
      file1MiB: { plaintextBytes: file.length, ...sealAndOpen(suiteId, 'file', file, runs) },
      primitives: {
        signMs: timed(runs * 5, () => suite.sign(signing.privateKey, message)).p50,
        verifyMs: timed(runs * 5, () => suite.verify(signing.publicKey, message, signature)).p50,
        encapsulateMs: timed(runs * 5, () => suite.encapsulate(box.publicKey, utf8('bench'))).p50,
        hashMsPerMiB: perMiB(runs, (data) => suite.hashHex(data)),
      },
    };
  }
  // The AEADs alone over 1 MiB (the bulk of a file envelope's time).
  const key16 = new Uint8Array(randomBytes(16));
  const key32 = new Uint8Array(randomBytes(32));
  const nonce = new Uint8Array(randomBytes(12));
  const aad = utf8('header');
  const data = new Uint8Array(randomBytes(MiB));
  const aesSealed = gcm(key32, nonce, aad).encrypt(data);
  const smSealed = sm4GcmSeal(key16, nonce, aad, data);
  const aead = {
    aes256GcmSealMsPerMiB: timed(runs, () => gcm(key32, nonce, aad).encrypt(data)).p50,
    aes256GcmOpenMsPerMiB: timed(runs, () => gcm(key32, nonce, aad).decrypt(aesSealed)).p50,
    sm4GcmSealMsPerMiB: timed(runs, () => sm4GcmSeal(key16, nonce, aad, data)).p50,
    sm4GcmOpenMsPerMiB: timed(runs, () => sm4GcmOpen(key16, nonce, aad, smSealed)).p50,
    sha256MsPerMiB: timed(runs, () => sha256(data)).p50,
    sm3MsPerMiB: timed(runs, () => sm3(data)).p50,
  };
  const [international, guomi] = SUITE_IDS.map((id) => suites[id] as { batch1MiB: Measured; file1MiB: Measured });
  return {
    runs,
    suites,
    aead,
    /** 国密 ÷ international, p50: how much the choice costs. */
    ratios: {
      batchSeal: round(guomi!.batch1MiB.seal.p50 / international!.batch1MiB.seal.p50),
      batchOpen: round(guomi!.batch1MiB.open.p50 / international!.batch1MiB.open.p50),
      fileSeal: round(guomi!.file1MiB.seal.p50 / international!.file1MiB.seal.p50),
      fileOpen: round(guomi!.file1MiB.open.p50 / international!.file1MiB.open.p50),
    },
  };
}
