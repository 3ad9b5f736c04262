// The demo township after a day's work through the API: what the data-folder and backup tests
// look for in the files (a receipt that names a resident, a scanned letter with their ID number).
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { catalogFile } from '../../shared/catalog/catalog';
import { DEMO_PASSWORD } from '../../demo/demoTownship';
import type { HallOptions } from '../../electron/hall/hallOptions';
import { startHall, type RunningHall } from '../../electron/hall/startHall';
import { TestClient } from './testHall';

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
const item = demoCatalog.items.find((candidate) => candidate.code === 'NY-005')!;

export interface TownshipAtWork {
  hall: RunningHall;
  /** One demo resident's ID number, phone and name: on the receipt and in the scanned letter. */
  secrets: string[];
  receiptPath: string;
  attachmentPath: string;
  scan: Buffer;
}

/**
 * The demo township, and a day's work on it through the API: a clerk accepts a case for a demo
 * resident (the receipt names them) and the petition desk adds a scanned letter (a PDF with the
 * resident's ID number and phone in clear).
 */
export async function townshipAtWork(
  dataDir: string,
  dbKeyFile: string | null,
  demoResidents = 120,
): Promise<TownshipAtWork> {
  const hall = await startHall({ ...localHallOptions(dataDir), demo: true, demoResidents, dbKeyFile });
  const { db } = hall.backend;
  const resident = await db
    .selectFrom('residents')
    .select(['id', 'id_number', 'phone', 'name'])
    .where('phone', '!=', '')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const secrets = [resident.id_number, resident.phone!, resident.name];

  const clerk = new TestClient(hall.url);
  await clerk.ok('auth.login', { username: 'demo-clerk', password: DEMO_PASSWORD });
  const intake = await clerk.ok('counter.intake', {
    requestId: randomUUID(),
    residentId: resident.id,
    itemCode: item.code,
    receivedMaterials: item.materials.filter((m) => m.required).map((m) => m.name),
    window: '3号窗口',
    decision: 'accept',
    receiptPaper: 'a5',
  });

  const desk = new TestClient(hall.url);
  await desk.ok('auth.login', { username: 'demo-petition', password: DEMO_PASSWORD });
  const petition = await db.selectFrom('petitions').select('id').orderBy('id').executeTakeFirstOrThrow();
  const scan = Buffer.from(
    `%PDF-1.4\n% 来信扫描件：${resident.name} 身份证 ${resident.id_number} 电话 ${resident.phone}\n%%EOF\n`,
    'utf8',
  );
  const attachment = await desk.ok('petitions.addAttachment', {
    petitionId: petition.id,
    fileName: '来信.pdf',
    mimeType: 'application/pdf',
    uploadId: await desk.upload(scan),
  });
  const receiptRow = await db
    .selectFrom('issued_documents')
    .select('file_path')
    .where('id', '=', intake.document!.id)
    .executeTakeFirstOrThrow();
  const attachmentRow = await db
    .selectFrom('petition_attachments')
    .select('file_path')
    .where('id', '=', attachment.id)
    .executeTakeFirstOrThrow();
  return { hall, secrets, receiptPath: receiptRow.file_path, attachmentPath: attachmentRow.file_path, scan };
}

/** A hall host on loopback, any free port, no UI and no demo, on `dataDir`. */
export function localHallOptions(dataDir: string): HallOptions {
  return {
    dataDir,
    host: '127.0.0.1',
    port: 0,
    staticDir: null,
    tlsCertFile: null,
    tlsKeyFile: null,
    demo: false,
    demoResidents: 0,
  };
}
