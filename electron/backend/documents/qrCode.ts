import QRCode from 'qrcode';

/**
 * The modules of a QR code as a square of booleans. Drawn as vector squares on the page, so
 * the code is sharp on any printer and the PDF bytes depend only on the text encoded.
 * Error correction M (15 %) survives a stamp or a fold across a corner.
 */
export function qrModules(text: string): boolean[][] {
  const code = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = code.modules.size;
  const rows: boolean[][] = [];
  for (let y = 0; y < size; y++) {
    const row: boolean[] = [];
    for (let x = 0; x < size; x++) row.push(code.modules.get(y, x) === 1);
    rows.push(row);
  }
  return rows;
}
