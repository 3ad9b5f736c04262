// Which camera this computer photographs with: a counter may have a document camera (高拍仪) and
// a laptop's own webcam; the one chosen is kept on this machine (localStorage), as the counter's
// window and receipt paper are, and tried first next time.

const DEVICE_KEY = 'township-desk.camera.deviceId';

export interface VideoDevice {
  deviceId: string;
  label: string;
}

export function rememberedCamera(): string | null {
  try {
    return window.localStorage.getItem(DEVICE_KEY);
  } catch {
    return null;
  }
}

export function rememberCamera(deviceId: string | null): void {
  try {
    if (deviceId) window.localStorage.setItem(DEVICE_KEY, deviceId);
    else window.localStorage.removeItem(DEVICE_KEY);
  } catch {
    // Storage may be unavailable (a locked-down profile): the first camera is used each time.
  }
}

/** The video inputs; labels are known once the page may use a camera (after the first opening). */
export async function listCameras(): Promise<VideoDevice[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'videoinput' && d.deviceId !== '')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `摄像头 ${i + 1}` }));
}

/**
 * What to ask for: the chosen camera exactly, or any; as large a picture as the camera gives
 * (document cameras take 5–16 megapixels, a webcam's default 640×480 makes text unreadable).
 */
export function videoConstraints(deviceId: string | null): MediaStreamConstraints {
  return {
    audio: false,
    video: {
      ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
      width: { ideal: 4096 },
      height: { ideal: 3072 },
    },
  };
}
