// The township's receiving side for its village nodes: the county hub's receiving library
// (hub/hub.ts: enrollment, sealed batches applied exactly once, USB files, downward packages,
// refusals) opened on the township's own machine, one level down (ARCHITECTURE principle 9) —
// not a second copy of it. Its database sits beside the township's, encrypted with the same
// key; what it applies is then taken into the township's tables (projection.ts) and forwarded
// to the county with the township's own entries, and the township's answers go down through it
// (answers.ts). The files the villages send (their attachments) are kept in the township's
// encrypted data files, not plain as the county keeps them, and copied under the paths their
// rows name once both are here (villageFiles.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { openHub, type Hub } from '../../../../hub/hub';
import { handleSyncRequest } from '../../../../hub/syncRoutes';
import type { DataFiles } from '../../db/dataFiles';
import type { Db } from '../../db/database';
import type { RecordTables } from '../../workflow/recordTables';
import { answersFor, markAnswered, packagesOf, type VillageNode } from './answers';
import { projectVillage } from './projection';
import { takeInVillageFiles, villageAttachmentTables, villageFileStore } from './villageFiles';

export const VILLAGE_RECEIVER_FOLDER = 'village-nodes';
const VILLAGE_PATHS = '/sync/v1/';

export interface VillageReceiverOptions {
  db: Db;
  dataDir: string;
  databaseKey: Uint8Array | null;
  /** The township's data files: the villages' files are kept and taken in there. */
  files: DataFiles;
  /** The kinds of record, whose declared attachment tables say which village rows name files. */
  records: RecordTables;
  now: () => Date;
  log: (line: string) => void;
}

export interface VillageReceiver {
  /** The receiving library, opened on first use. */
  hub(): Promise<Hub>;
  /** Serves a village node's /sync/v1/* request; false when the path is not one. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Takes in what the villages sent and sends down what answers them (serialized). */
  catchUp(): Promise<void>;
  /** At start: catches up in the background when village nodes are enrolled here. */
  resume(): Promise<void>;
  close(): Promise<void>;
}

export function createVillageReceiver(options: VillageReceiverOptions): VillageReceiver {
  let opening: Promise<Hub> | null = null;
  let queue: Promise<void> = Promise.resolve();
  const { db } = options;
  const storedFiles = villageFileStore(options.files, VILLAGE_RECEIVER_FOLDER);
  const attachmentTables = villageAttachmentTables(options.records);

  async function activeNodes(): Promise<VillageNode[]> {
    return db.selectFrom('village_nodes').select(['id', 'village_id']).where('status', '=', 'active').execute();
  }

  function activeNode(nodeId: string): Promise<VillageNode | undefined> {
    return db
      .selectFrom('village_nodes')
      .select(['id', 'village_id'])
      .where('id', '=', nodeId)
      .where('status', '=', 'active')
      .executeTakeFirst();
  }

  async function answer(hub: Hub, node: VillageNode): Promise<void> {
    const { rows, through, links } = await answersFor(db, node);
    for (const pkg of packagesOf('乡镇的答复与基础数据', rows))
      await hub.publishRecords(pkg.about, pkg.rows, [node.id]);
    await markAnswered(db, node.id, through, links, options.now().toISOString());
  }

  /** One round at a time: two batches arriving together must not take in the same entry twice. */
  function serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** What a node sent taken in (and its blocks answered), then what answers it put in line. */
  async function settle(hub: Hub, node: VillageNode): Promise<void> {
    const { blocks } = await projectVillage(db, hub.db, node.id, new Set(attachmentTables));
    if (blocks.length) await hub.publishNumberBlocks(blocks, [node.id]);
    await answer(hub, node);
  }

  const catchUp = () =>
    serialized(async () => {
      const hub = await open();
      for (const node of await activeNodes()) await settle(hub, node);
      await takeInFiles();
    });

  /** The villages' files whose rows are here, into the township's data files (villageFiles.ts). */
  const takeInFiles = () => takeInVillageFiles(db, options.files, storedFiles, attachmentTables, options.log);

  function open(): Promise<Hub> {
    opening ??= openHub({
      dataDir: path.join(options.dataDir, VILLAGE_RECEIVER_FOLDER),
      databaseKey: options.databaseKey,
      now: options.now,
      log: options.log,
      nodeNoun: '村级节点',
      sealKeysFile: true,
      storedFiles,
      rowKeepers: [],
    }).then(wrap);
    return opening;
  }

  /**
   * The library with the township's steps around it: a batch applied is taken in at once (the
   * village's acknowledgement then means the township has it), and before a village's download
   * its answers are put in line.
   */
  function wrap(hub: Hub): Hub {
    return {
      ...hub,
      async applyBatch(envelope, via, address) {
        const accepted = await hub.applyBatch(envelope, via, address);
        await catchUp().catch((error: unknown) => options.log(`村级节点的记录未能并入：${String(error)}`));
        return accepted;
      },
      // A file that arrives after its row (the batches go first) is taken in as it arrives.
      async storeFile(envelope, via, address) {
        const stored = await hub.storeFile(envelope, via, address);
        await serialized(takeInFiles).catch((error: unknown) =>
          options.log(`村级节点的附件文件未能存入：${String(error)}`),
        );
        return stored;
      },
      // Taken in first as well: a batch applied just before the township stopped is not left
      // waiting for the village's next one.
      async downFor(nodeId, after) {
        const node = await activeNode(nodeId);
        if (node) await serialized(() => settle(hub, node));
        return hub.downFor(nodeId, after);
      },
      async replyFile(nodeId) {
        const node = await activeNode(nodeId);
        if (node) await serialized(() => settle(hub, node));
        return hub.replyFile(nodeId);
      },
      async importFile(bytes) {
        const result = await hub.importFile(bytes);
        await catchUp();
        // The replies were sealed before the answers to what was imported: sealed again.
        const replies = await Promise.all(
          result.replies.map(async (reply) => ({ ...reply, file: await hub.replyFile(reply.nodeId) })),
        );
        return { ...result, replies };
      },
    };
  }

  return {
    hub: open,
    catchUp,
    async resume() {
      // What a stop left between applied and taken in, at start, without holding the start up.
      if (!(await db.selectFrom('village_nodes').select('id').limit(1).executeTakeFirst())) return;
      catchUp().catch((error: unknown) => options.log(`村级节点的记录未能并入：${String(error)}`));
    },
    async handle(req, res) {
      if (!(req.url ?? '').startsWith(VILLAGE_PATHS)) return false;
      // No village node enrolled here: nothing listens (the receiving library is not even opened).
      const any = await db.selectFrom('village_nodes').select('id').limit(1).executeTakeFirst();
      if (!any) return false;
      return handleSyncRequest(await open(), req, res);
    },
    async close() {
      await queue;
      if (opening) await (await opening).close();
    },
  };
}
