// The county's check of a paper's verification link (shared/documents/verificationLink.ts):
// the link names the township's signing key by its id; the signature over the paper's facts is
// checked with the public key the township registered here. The hub never holds the township's
// database or any private key of it: an enrolled township's public key is all it takes.
import { factsLine, parseVerificationInput, readVerificationToken } from '../shared/documents/verificationLink';
import type { HubVerification } from '../shared/documents/hubVerification';
import { fromBase64Url } from '../shared/sync/bytes';
import { suiteOf } from '../shared/sync/suites';
import type { HubContext } from './context';
import { papersVouchedUntil } from './envelopes';

export async function verifyDocumentLink(ctx: HubContext, link: string): Promise<HubVerification> {
  const given = parseVerificationInput(link);
  if (!given) return malformed('请粘贴文书二维码中的核验链接');
  if ('code' in given) {
    return {
      status: 'unsigned',
      message: `这个链接只含核验码（${given.code}），没有乡镇的签名，县级平台无法核验：请凭核验码向出具文书的乡镇核验`,
      township: null,
      facts: null,
    };
  }
  const read = readVerificationToken(given.token);
  if (!read.ok) return malformed(read.message);
  const { token } = read;
  const facts = {
    code: token.facts.code,
    kind: token.facts.kind,
    number: token.facts.number,
    issuedOn: token.facts.issuedOn,
    holder: token.facts.holder,
  };
  // A key id is 64 bits of a hash: unique enough to find the key, and the signature is checked
  // against the key itself, so a collision could only make a lookup ambiguous, never a forgery pass.
  const keys = await ctx.db
    .selectFrom('hub_node_keys')
    .innerJoin('hub_nodes', 'hub_nodes.id', 'hub_node_keys.node_id')
    .select([
      'hub_node_keys.public_key',
      'hub_node_keys.state',
      'hub_node_keys.sealed_before',
      'hub_nodes.township_name',
      'hub_nodes.status',
      'hub_nodes.suite',
    ])
    .where('hub_node_keys.key_id', '=', token.keyId)
    .where('hub_node_keys.purpose', '=', 'signing')
    .execute();
  // Each township's key is checked in the township's own suite (Ed25519, or SM2 under 国密).
  const signer = keys.find((key) => token.signedBy(fromBase64Url(key.public_key), suiteOf(key.suite).verify));
  if (!signer) {
    return keys.length === 0
      ? {
          status: 'unknownKey',
          message: `签名密钥 ${token.keyId} 未在县级平台登记：这份文书不是已入网乡镇出具的，或链接被改动过`,
          township: null,
          facts,
        }
      : {
          status: 'forged',
          message: '签名与链接中的信息不符：链接被改动过，或不是该乡镇出具的，请向出具文书的乡镇核实',
          township: null,
          facts,
        };
  }
  const township = signer.township_name;
  const vouching = papersVouchedUntil(signer);
  if (signer.status === 'revoked' || !vouching.vouches) {
    return {
      status: 'revoked',
      message: `${township}的${signer.status === 'revoked' ? '节点' : '签名密钥'}已被县级平台吊销，无法确认这份文书，请向${township}核实`,
      township,
      facts,
    };
  }
  if (vouching.until !== null && facts.issuedOn > vouching.until) {
    return {
      status: 'forged',
      message: `签名密钥 ${token.keyId} 已于 ${vouching.until} 更换，之后出具的文书不会用它签名，请向${township}核实`,
      township,
      facts,
    };
  }
  return { status: 'genuine', message: `真实：${township} ${factsLine(facts)}`, township, facts };
}

function malformed(message: string): HubVerification {
  return { status: 'malformed', message, township: null, facts: null };
}
