// Why the camera cannot show a picture, in one sentence a clerk can act on. Document cameras
// (高拍仪) are ordinary USB video devices to the browser, so the reasons are the browser's own:
// none plugged in, permission refused, the vendor's own program holding it, unplugged while open.

/** The upload button of every attachment card, named where the camera cannot help. */
const UPLOAD_INSTEAD = '也可以用“添加照片或扫描件”上传文件';

export const CAMERA_PROBLEMS = {
  notFound: `未检测到高拍仪或摄像头，请检查连线；${UPLOAD_INSTEAD}`,
  denied: `没有使用摄像头的权限，请在浏览器或系统的隐私设置中允许本程序使用摄像头后点“重试”；${UPLOAD_INSTEAD}`,
  busy: '高拍仪正被其他程序占用（如厂商自带的拍照软件），请关闭那个程序后点“重试”',
  unplugged: '高拍仪已断开，请检查连线后点“重试”；已拍下的照片仍可保存',
  insecure: `此页面不能使用摄像头（须在本机程序中或通过 https 打开）；${UPLOAD_INSTEAD}`,
} as const;

export type CameraProblem = keyof typeof CAMERA_PROBLEMS;

/** The sentence for what `getUserMedia` (or opening a device) threw. */
export function cameraProblemOf(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return CAMERA_PROBLEMS.notFound;
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return CAMERA_PROBLEMS.denied;
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return CAMERA_PROBLEMS.busy;
    default:
      return `高拍仪打不开（${name || '未知原因'}），请点“重试”；${UPLOAD_INSTEAD}`;
  }
}
