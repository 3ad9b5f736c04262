import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  pageSizeMicrons,
  planPrintJob,
  printOutcomeFrom,
  toPrinterInfos,
  type PrintJobPlan,
} from '../../electron/main/printJob';
import type { PrinterInfo, PrinterSettings, PrintRequest } from '../../shared/documents/printing';

const RECEIPT_80 = { pageSize: 'receipt80', widthMm: 80, heightMm: 123.5 };
const A4 = { pageSize: 'a4Formal', widthMm: 210, heightMm: 297 };

const printers: PrinterInfo[] = [
  { name: 'XP-80C', displayName: '芯烨 XP-80C', isDefault: false },
  { name: 'HP_LaserJet', displayName: 'HP LaserJet', isDefault: true },
];

function request(overrides: Partial<PrintRequest> = {}): PrintRequest {
  return {
    fileUrl: '/files/abcdefghijklmnop/receipt.pdf',
    documentType: 'receipt',
    paper: RECEIPT_80,
    copies: 1,
    showDialog: false,
    ...overrides,
  };
}

const settings = (byDocumentType: PrinterSettings['byDocumentType']): PrinterSettings => ({ byDocumentType });

function planned(plan: PrintJobPlan): Extract<PrintJobPlan, { ok: true }> {
  assert.equal(plan.ok, true, JSON.stringify(plan));
  return plan as Extract<PrintJobPlan, { ok: true }>;
}

function refused(plan: PrintJobPlan): string {
  assert.equal(plan.ok, false, JSON.stringify(plan));
  const outcome = (plan as Extract<PrintJobPlan, { ok: false }>).outcome;
  assert.equal(outcome.reason, 'failed');
  return outcome.message;
}

describe('paper', () => {
  test('a thermal slip is printed at its own width and length, not scaled', () => {
    const plan = planned(planPrintJob(request(), settings({}), printers));
    assert.deepEqual(plan.options.pageSize, { width: 80000, height: 123500 });
    assert.equal(plan.options.scaleFactor, 100);
  });

  test('A4 is given explicitly too, in microns, with no scale factor', () => {
    const plan = planned(planPrintJob(request({ documentType: 'certificate', paper: A4 }), settings({}), printers));
    assert.deepEqual(plan.options.pageSize, { width: 210000, height: 297000 });
    assert.equal('scaleFactor' in plan.options, false);
  });

  test('millimetres are rounded to whole microns', () => {
    assert.deepEqual(pageSizeMicrons({ pageSize: 'receipt58', widthMm: 58, heightMm: 100.0004 }), {
      width: 58000,
      height: 100000,
    });
  });

  test('no margins, no background, portrait, no header or footer', () => {
    const { options } = planned(planPrintJob(request(), settings({}), printers));
    assert.deepEqual(options.margins, { marginType: 'none' });
    assert.equal(options.printBackground, false);
    assert.equal(options.landscape, false);
    assert.equal('header' in options || 'footer' in options || 'dpi' in options, false);
  });

  test('a page smaller than Chromium accepts is refused before printing', () => {
    const message = refused(
      planPrintJob(request({ paper: { pageSize: 'receipt80', widthMm: 80, heightMm: 0.2 } }), settings({}), printers),
    );
    assert.match(message, /纸张尺寸无效/);
  });
});

describe('printer and dialog', () => {
  test('silent to the chosen printer', () => {
    const plan = planned(
      planPrintJob(request({ copies: 3 }), settings({ receipt: { deviceName: 'XP-80C', silent: true } }), printers),
    );
    assert.equal(plan.options.silent, true);
    assert.equal(plan.options.deviceName, 'XP-80C');
    assert.equal(plan.options.copies, 3);
    assert.equal(plan.reportedDeviceName, 'XP-80C');
  });

  test('a silent print whose printer is gone does not print, and says how to fix it', () => {
    const message = refused(
      planPrintJob(request(), settings({ receipt: { deviceName: 'GP-58', silent: true } }), printers),
    );
    assert.equal(message, '设置的打印机“GP-58”不在本机的打印机列表中，请在“打印设置”中重新选择');
  });

  test('“show the dialog” overrides silent; the chosen printer is preselected', () => {
    const plan = planned(
      planPrintJob(
        request({ showDialog: true }),
        settings({ receipt: { deviceName: 'XP-80C', silent: true } }),
        printers,
      ),
    );
    assert.equal(plan.options.silent, false);
    assert.equal(plan.options.deviceName, 'XP-80C');
    assert.equal(plan.reportedDeviceName, null, 'the clerk may pick another printer in the dialog');
  });

  test('a dialog print with a missing printer just opens the dialog', () => {
    // set to the dialog, or silent but the clerk asked for the dialog
    for (const silent of [false, true]) {
      const plan = planned(
        planPrintJob(request({ showDialog: silent }), settings({ receipt: { deviceName: 'GP-58', silent } }), printers),
      );
      assert.equal(plan.options.silent, false);
      assert.equal('deviceName' in plan.options, false);
    }
  });

  test('no setting for the type: the dialog, on the system default', () => {
    const plan = planned(
      planPrintJob(request(), settings({ other: { deviceName: 'XP-80C', silent: true } }), printers),
    );
    assert.equal(plan.options.silent, false);
    assert.equal('deviceName' in plan.options, false);
  });

  test('only own settings count: a document type named like an Object method has none', () => {
    for (const documentType of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const plan = planned(planPrintJob(request({ documentType }), settings({}), printers));
      assert.equal(plan.options.silent, false, documentType);
      assert.equal('deviceName' in plan.options, false, documentType);
    }
  });

  test('silent to the default printer: deviceName left out, named when the OS says which it is', () => {
    const choice = settings({ receipt: { deviceName: null, silent: true } });
    const plan = planned(planPrintJob(request(), choice, printers));
    assert.equal(plan.options.silent, true);
    assert.equal('deviceName' in plan.options, false);
    assert.equal(plan.reportedDeviceName, 'HP_LaserJet');

    const noDefault = printers.map((p) => ({ ...p, isDefault: false }));
    const unnamed = planned(planPrintJob(request(), choice, noDefault));
    assert.equal('deviceName' in unnamed.options, false);
    assert.equal(unnamed.reportedDeviceName, null);
    assert.match(refused(planPrintJob(request(), choice, [])), /没有可用的打印机/);
    // with the dialog the clerk can still print
    assert.equal(planPrintJob(request({ showDialog: true }), choice, []).ok, true);
  });
});

describe('outcome', () => {
  const silentPlan = planned(
    planPrintJob(request(), settings({ receipt: { deviceName: 'XP-80C', silent: true } }), printers),
  );

  test('success reports where it went and whether silently', () => {
    assert.deepEqual(printOutcomeFrom(silentPlan, true, ''), { ok: true, deviceName: 'XP-80C', silent: true });
  });

  test('a dismissed dialog is a cancellation, not an error', () => {
    for (const reason of ['cancelled', 'Print job canceled']) {
      assert.deepEqual(printOutcomeFrom(silentPlan, false, reason), {
        ok: false,
        reason: 'cancelled',
        message: '已取消打印',
      });
    }
  });

  test('any other failure is reported in Chinese with Electron’s reason', () => {
    assert.deepEqual(printOutcomeFrom(silentPlan, false, 'Print job failed'), {
      ok: false,
      reason: 'failed',
      message: '打印失败：Print job failed',
    });
    assert.equal((printOutcomeFrom(silentPlan, false, '') as { message: string }).message, '打印失败：原因不明');
  });
});

describe('printers from Electron', () => {
  test('isDefault from the old field or from the platform options; unnamed entries dropped', () => {
    // as Electron 45 reports them (and older builds, with isDefault)
    const fromElectron = [
      { name: 'A', displayName: 'Printer A', description: '', options: { 'printer-is-default': 'true' } },
      { name: 'B', displayName: '', isDefault: true, options: {} },
      { name: 'C', displayName: 'C', options: { 'printer-is-default': 'false' } },
      { name: 'D', displayName: 'D', options: null },
      { name: '', displayName: 'nameless' },
      { displayName: 'no name' },
    ];
    assert.deepEqual(toPrinterInfos(fromElectron), [
      { name: 'A', displayName: 'Printer A', isDefault: true },
      { name: 'B', displayName: 'B', isDefault: true },
      { name: 'C', displayName: 'C', isDefault: false },
      { name: 'D', displayName: 'D', isDefault: false },
    ]);
  });
});
