// The county admin API, `/county/api/*`: what the county page (hub/ui) calls. Every request
// carries the county access token; every body is checked with the schemas of
// shared/sync/countyApi.ts, and a refusal names the field in Chinese.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import {
  COUNTY_API_PREFIX,
  DEFAULT_ISSUER,
  createNodeRequest,
  enrollmentFileName,
  escalationsQuery,
  issueInstructionRequest,
  publishCalendarRequest,
  publishCatalogRequest,
  replyFileName,
  rebuildFileName,
  replaceNodeRequest,
  replacementFileName,
  revokeNodeRequest,
  type CreateNodeResponse,
  type ReplaceNodeResponse,
  type ImportFileResponse,
  type PublishResponse,
} from '../shared/sync/countyApi';
import { countyRecordRequest, countySearchRequest, searchAuditQuery } from '../shared/sync/countySearchApi';
import { SYNC_REJECT_STATUS } from '../shared/sync/protocol';
import {
  COUNTY_FIGURE_PATHS,
  figureRecordsQuery,
  figureTrendQuery,
  figuresQuery,
  reportFileQuery,
} from '../shared/sync/countyFiguresApi';
import { DEFAULT_COUNTY_NAME } from '../shared/sync/countyReports';
import type { FontLocation } from '../electron/backend/documents/fonts';
import { countyReportFile } from './countyReports/countyReportFile';
import { FigureQueryError } from './figures/countyFigures';
import { zodIssuesToFieldErrors } from '../shared/validation/errors';
import { CountyHttpError, contentTypeIs, readBody, sendBytes, sendError, sendJson } from './countyHttp';
import { clientAddress, openCountyRecord, searchAudit, searchCounty } from './countySearch';
import { bearerToken, countyTokenMatches } from './countyToken';
import type { Hub } from './hub';
import { HubInputError, HubRejection } from './rejection';

/** A township's USB file: at most a few batches of 8 MiB and attachments of 24 MiB. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/** Catalogs, calendars and instructions are small; this is generous. */
export const MAX_JSON_BYTES = 8 * 1024 * 1024;

export interface CountyApiContext {
  hub: Hub;
  countyToken: string;
  /** Written into enrollment files: the address townships reach the hub at. */
  publicUrl: string;
  /** The certificate townships pin (PEM and SHA-256 fingerprint). */
  certificate: { pem: string; fingerprint: string } | null;
  /** The period reports' header (`--county-name`; default 本县) and where their fonts are found. */
  reports?: { countyName?: string; fonts?: FontLocation };
  log: (line: string) => void;
}

type Route = {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handle: (ctx: CountyApiContext, req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void>;
};

const NODE_ID = '([^/]{1,64})';

/** A fixed path (no parameters) as a route pattern. */
const exactly = (path: string): RegExp => new RegExp(`^${path}$`);

const ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^townships$/,
    handle: async (ctx, _req, res) => sendJson(res, 200, await ctx.hub.townships()),
  },
  {
    method: 'POST',
    pattern: /^nodes$/,
    handle: async (ctx, req, res) => {
      const { townshipName, suite } = await jsonBody(req, res, createNodeRequest);
      if (!ctx.certificate) {
        throw new CountyHttpError(503, '县级平台没有配置 TLS 证书，无法生成入网文件');
      }
      const created = await ctx.hub.createNode({
        townshipName,
        hubUrl: ctx.publicUrl,
        certificatePem: ctx.certificate.pem,
        certificateFingerprint: ctx.certificate.fingerprint,
        suite,
      });
      const answer: CreateNodeResponse = { ...created, fileName: enrollmentFileName(created.enrollment.townshipName) };
      sendJson(res, 201, answer);
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^nodes/${NODE_ID}/revoke$`),
    handle: async (ctx, req, res, [nodeId]) => {
      const { reason } = await jsonBody(req, res, revokeNodeRequest);
      await ctx.hub.revokeNode(nodeId!, reason);
      sendJson(res, 200, { nodeId, revoked: true });
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^nodes/${NODE_ID}/replacement$`),
    handle: async (ctx, req, res, [nodeId]) => {
      const { reason } = await jsonBody(req, res, replaceNodeRequest);
      if (!ctx.certificate) throw new CountyHttpError(503, '县级平台没有配置 TLS 证书，无法生成入网文件');
      const { enrollment } = await ctx.hub.authorizeReplacement(nodeId!, {
        reason,
        hubUrl: ctx.publicUrl,
        certificatePem: ctx.certificate.pem,
        certificateFingerprint: ctx.certificate.fingerprint,
      });
      const answer: ReplaceNodeResponse = {
        nodeId: nodeId!,
        enrollment,
        fileName: replacementFileName(enrollment.townshipName),
      };
      sendJson(res, 200, answer);
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^nodes/${NODE_ID}/reply-file$`),
    handle: async (ctx, _req, res, [nodeId]) => {
      const file = await ctx.hub.replyFile(nodeId!);
      const township = (await ctx.hub.townships()).find((t) => t.nodeId === nodeId);
      sendBytes(res, file, replyFileName(township?.townshipName ?? nodeId!, new Date()));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^nodes/${NODE_ID}/rebuild-file$`),
    handle: async (ctx, _req, res, [nodeId]) => {
      const file = await ctx.hub.rebuildPackage(nodeId!);
      const township = (await ctx.hub.townships()).find((t) => t.nodeId === nodeId);
      sendBytes(res, file, rebuildFileName(township?.townshipName ?? nodeId!));
    },
  },
  {
    method: 'POST',
    pattern: /^import-file$/,
    handle: async (ctx, req, res) => {
      if (!contentTypeIs(req, 'application/octet-stream')) {
        throw new CountyHttpError(415, '同步文件须以 application/octet-stream 上传');
      }
      const bytes = await readBody(req, res, MAX_IMPORT_BYTES);
      if (bytes.length === 0) throw new CountyHttpError(400, '上传的同步文件是空的');
      const result = await ctx.hub.importFile(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
      const now = new Date();
      // Reply files are small (acknowledgements and a few packages): inline in the answer,
      // so there are no download links to expire or to guess.
      const answer: ImportFileResponse = {
        outcomes: result.outcomes,
        replies: result.replies.map((reply) => ({
          nodeId: reply.nodeId,
          townshipName: reply.townshipName,
          fileName: replyFileName(reply.townshipName, now),
          base64: Buffer.from(reply.file).toString('base64'),
        })),
      };
      ctx.log(`已导入同步文件（${bytes.length} 字节，${result.outcomes.length} 个数据包）`);
      sendJson(res, 200, answer);
    },
  },
  {
    method: 'POST',
    pattern: /^catalog$/,
    handle: async (ctx, req, res) => {
      const { file, nodeIds } = await jsonBody(req, res, publishCatalogRequest);
      const answer: PublishResponse = await ctx.hub.publishCatalog(file, nodeIds ?? 'all');
      sendJson(res, 200, answer);
    },
  },
  {
    method: 'POST',
    pattern: /^calendar$/,
    handle: async (ctx, req, res) => {
      const { file, version, nodeIds } = await jsonBody(req, res, publishCalendarRequest);
      const answer: PublishResponse = await ctx.hub.publishCalendar(file, version, nodeIds ?? 'all');
      sendJson(res, 200, answer);
    },
  },
  {
    method: 'POST',
    pattern: /^instructions$/,
    handle: async (ctx, req, res) => {
      const input = await jsonBody(req, res, issueInstructionRequest);
      const instruction = await ctx.hub.issueInstruction(
        {
          kind: input.kind,
          title: input.title,
          body: input.body,
          dueOn: input.dueOn,
          responsibleRole: input.responsibleRole,
          issuedBy: input.issuedBy || DEFAULT_ISSUER,
          refersTo: input.refersTo ?? null,
          about: input.about ?? null,
        },
        input.nodeIds ?? 'all',
      );
      sendJson(res, 201, instruction);
    },
  },
  {
    method: 'GET',
    pattern: /^instructions$/,
    handle: async (ctx, _req, res) => sendJson(res, 200, await ctx.hub.instructionStatus()),
  },
  {
    // The county reads a township's records as they stand (the last entry of each record).
    method: 'GET',
    pattern: new RegExp(`^nodes/${NODE_ID}/records$`),
    handle: async (ctx, req, res, [nodeId]) => {
      const query = new URL(req.url ?? '/', 'https://hub.invalid').searchParams;
      const limit = Number(query.get('limit') ?? 100);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
        throw new CountyHttpError(400, 'limit（条数）应为 1–10000 的整数', 'limit');
      }
      sendJson(res, 200, await ctx.hub.records(nodeId!, query.get('entity') ?? undefined, limit));
    },
  },
  {
    // The matters townships escalated (提交统筹), the county's counterpart of its instructions.
    method: 'GET',
    pattern: /^escalations$/,
    handle: async (ctx, req, res) => sendJson(res, 200, await ctx.hub.escalatedMatters(queryOf(req, escalationsQuery))),
  },
  {
    method: 'GET',
    pattern: exactly(COUNTY_FIGURE_PATHS.overview),
    handle: async (ctx, req, res) => sendJson(res, 200, await ctx.hub.countyFigures(queryOf(req, figuresQuery).period)),
  },
  {
    method: 'GET',
    pattern: exactly(COUNTY_FIGURE_PATHS.trend),
    handle: async (ctx, req, res) => sendJson(res, 200, await ctx.hub.figureTrend(queryOf(req, figureTrendQuery))),
  },
  {
    method: 'GET',
    pattern: exactly(COUNTY_FIGURE_PATHS.records),
    handle: async (ctx, req, res) => sendJson(res, 200, await ctx.hub.figureRecords(queryOf(req, figureRecordsQuery))),
  },
  {
    // 月度汇报 / 季度考评 / 年终总评 as PDF or xlsx (countyReports/), drawn from the figures now.
    method: 'GET',
    pattern: exactly(COUNTY_FIGURE_PATHS.reportFile),
    handle: async (ctx, req, res) => {
      const { period, format } = queryOf(req, reportFileQuery);
      const file = await countyReportFile(await ctx.hub.countyFigures(period), format, {
        countyName: ctx.reports?.countyName ?? DEFAULT_COUNTY_NAME,
        generatedAt: ctx.hub.now(),
        fonts: ctx.reports?.fonts,
      });
      sendBytes(res, file.bytes, file.fileName, file.contentType);
    },
  },
  {
    // 跨乡镇查询 (countySearch.ts): POST, so an ID number never stands in an address or a log line.
    method: 'POST',
    pattern: /^search$/,
    handle: async (ctx, req, res) =>
      sendJson(
        res,
        200,
        await searchCounty(ctx.hub, await jsonBody(req, res, countySearchRequest), clientAddress(req)),
      ),
  },
  {
    method: 'POST',
    pattern: /^search\/record$/,
    handle: async (ctx, req, res) =>
      sendJson(
        res,
        200,
        await openCountyRecord(ctx.hub, await jsonBody(req, res, countyRecordRequest), clientAddress(req)),
      ),
  },
  {
    method: 'GET',
    pattern: /^search\/audit$/,
    handle: async (ctx, req, res) =>
      sendJson(res, 200, await searchAudit(ctx.hub, queryOf(req, searchAuditQuery).limit)),
  },
  {
    method: 'GET',
    pattern: /^rejections$/,
    handle: async (ctx, req, res) => {
      const raw = new URL(req.url ?? '/', 'https://hub.invalid').searchParams.get('limit');
      const limit = raw === null ? 500 : Number(raw);
      if (!Number.isInteger(limit) || limit < 1 || limit > 5000) {
        throw new CountyHttpError(400, 'limit（条数）应为 1–5000 的整数', 'limit');
      }
      sendJson(res, 200, await ctx.hub.rejections(limit));
    },
  },
];

/** False when the path is not under /county/api/; otherwise the request is answered. */
export async function handleCountyRequest(
  ctx: CountyApiContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const pathname = new URL(req.url ?? '/', 'https://hub.invalid').pathname;
  if (!pathname.startsWith(COUNTY_API_PREFIX)) return false;
  try {
    // Checked before anything else, the body included: without the token nothing is read.
    if (!countyTokenMatches(ctx.countyToken, bearerToken(req.headers.authorization))) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="county"');
      throw new CountyHttpError(401, '缺少或错误的县级访问口令，请重新输入县级平台启动时显示的口令');
    }
    const rest = pathname.slice(COUNTY_API_PREFIX.length);
    const matching = ROUTES.map((route) => ({ route, match: route.pattern.exec(rest) })).filter((m) => m.match);
    if (matching.length === 0) throw new CountyHttpError(404, `没有这个接口：${pathname}`);
    const found = matching.find((m) => m.route.method === req.method);
    if (!found) {
      res.setHeader('Allow', matching.map((m) => m.route.method).join(', '));
      throw new CountyHttpError(405, `${pathname} 不接受 ${req.method ?? ''} 请求`);
    }
    const params = found.match!.slice(1).map((part) => decodeURIComponent(part));
    await found.route.handle(ctx, req, res, params);
  } catch (error) {
    answerError(ctx, res, error);
  }
  return true;
}

function answerError(ctx: CountyApiContext, res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof CountyHttpError) return sendError(res, error.status, error.message, error.field);
  if (error instanceof HubRejection) return sendError(res, SYNC_REJECT_STATUS[error.code] ?? 400, error.message);
  if (error instanceof HubInputError) return sendError(res, 400, error.message);
  if (error instanceof FigureQueryError) return sendError(res, 404, error.message);
  if (error instanceof URIError) return sendError(res, 400, '网址中的编号无法解读');
  ctx.log(`县级接口出错：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  sendError(res, 500, '县级平台内部错误，请查看平台的运行日志');
}

/** The query string, checked against `schema` like a body (a name given twice: its last value). */
function queryOf<S extends z.ZodType>(req: IncomingMessage, schema: S): z.output<S> {
  const params = new URL(req.url ?? '/', 'https://hub.invalid').searchParams;
  const parsed = schema.safeParse(Object.fromEntries(params), { reportInput: true });
  if (parsed.success) return parsed.data;
  const [field, message] = Object.entries(zodIssuesToFieldErrors(schema, parsed.error.issues))[0] ?? [];
  throw new CountyHttpError(400, message ?? '查询条件不正确', field);
}

/** The JSON body, checked against `schema`; the first problem is the message, naming its field. */
async function jsonBody<S extends z.ZodType>(
  req: IncomingMessage,
  res: ServerResponse,
  schema: S,
): Promise<z.output<S>> {
  if (!contentTypeIs(req, 'application/json')) {
    throw new CountyHttpError(415, '请求须为 JSON（Content-Type: application/json）');
  }
  const text = (await readBody(req, res, MAX_JSON_BYTES)).toString('utf8');
  let input: unknown;
  try {
    input = text.length === 0 ? {} : JSON.parse(text);
  } catch {
    throw new CountyHttpError(400, '请求内容不是有效的 JSON');
  }
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return parsed.data;
  const [field, message] = Object.entries(zodIssuesToFieldErrors(schema, parsed.error.issues))[0] ?? [];
  throw new CountyHttpError(400, message ?? '请求内容不正确', field);
}
