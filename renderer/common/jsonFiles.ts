/** Saves `data` as a pretty-printed JSON file through the browser's download. */
export function downloadJson(fileName: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/** The parsed contents of a chosen JSON file, or a Chinese sentence saying why not. */
export async function readJsonFile(file: File): Promise<{ ok: true; data: unknown } | { ok: false; message: string }> {
  try {
    return { ok: true, data: JSON.parse(await file.text()) as unknown };
  } catch {
    return { ok: false, message: `“${file.name}”不是有效的 JSON 文件` };
  }
}
