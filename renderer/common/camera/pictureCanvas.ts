// Drawing the photographed page: the frame frozen from the camera, the turned preview the clerk
// crops on, and the JPEG saved — cut and turned at the camera's full resolution.
import { angleOf, cropPixels, turnedSize, type Crop, type Turn } from './frameGeometry';

/** The longest side of the preview: enough to crop by eye, small enough to redraw as the slider moves. */
const PREVIEW_SIDE = 1280;
const JPEG_QUALITY = 0.9;
/** The attachments' limit (20 MB) with room to spare: past it, the picture is encoded again more tightly. */
const MAX_JPEG_BYTES = 18 * 1024 * 1024;

/** The video's current frame, at its own size. */
export function freezeFrame(video: HTMLVideoElement): HTMLCanvasElement {
  const frame = document.createElement('canvas');
  frame.width = video.videoWidth;
  frame.height = video.videoHeight;
  frame.getContext('2d')!.drawImage(video, 0, 0, frame.width, frame.height);
  return frame;
}

/** Draws `frame` turned onto a fresh canvas `scale` times its size, from the crop's corner `offset` on. */
function drawTurned(
  target: HTMLCanvasElement,
  frame: HTMLCanvasElement,
  turn: Turn,
  scale: number,
  size: { width: number; height: number },
  offset = { x: 0, y: 0 },
): void {
  target.width = size.width;
  target.height = size.height;
  const context = target.getContext('2d')!;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, size.width, size.height);
  const turned = turnedSize(frame.width, frame.height, turn);
  context.save();
  context.translate(-offset.x, -offset.y);
  context.translate((turned.width * scale) / 2, (turned.height * scale) / 2);
  context.rotate((angleOf(turn) * Math.PI) / 180);
  context.scale(scale, scale);
  context.imageSmoothingQuality = 'high';
  context.drawImage(frame, -frame.width / 2, -frame.height / 2);
  context.restore();
}

/** The turned frame, scaled down to the preview's size, onto `target`. */
export function drawPreview(target: HTMLCanvasElement, frame: HTMLCanvasElement, turn: Turn): void {
  const turned = turnedSize(frame.width, frame.height, turn);
  const scale = Math.min(1, PREVIEW_SIDE / Math.max(turned.width, turned.height));
  drawTurned(target, frame, turn, scale, {
    width: Math.max(1, Math.round(turned.width * scale)),
    height: Math.max(1, Math.round(turned.height * scale)),
  });
}

/** The size of the file saved: the crop of the turned frame, in pixels. */
export function savedSize(frame: { width: number; height: number }, turn: Turn, crop: Crop) {
  const turned = turnedSize(frame.width, frame.height, turn);
  const { width, height } = cropPixels(crop, turned.width, turned.height);
  return { width, height };
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('照片编码失败，请重拍'))), 'image/jpeg', quality),
  );
}

/** The page as saved: turned and cut at full resolution, a JPEG under the attachments' limit. */
export async function pictureJpeg(frame: HTMLCanvasElement, turn: Turn, crop: Crop): Promise<Blob> {
  const turned = turnedSize(frame.width, frame.height, turn);
  const cut = cropPixels(crop, turned.width, turned.height);
  const canvas = document.createElement('canvas');
  drawTurned(canvas, frame, turn, 1, cut, cut);
  let blob = await toJpeg(canvas, JPEG_QUALITY);
  for (const quality of [0.75, 0.6]) {
    if (blob.size <= MAX_JPEG_BYTES) break;
    blob = await toJpeg(canvas, quality);
  }
  return blob;
}

/** `拍照-20261013-093015.jpg`: when it was taken, on this computer's clock. */
export function pictureName(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `拍照-${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}.jpg`;
}
