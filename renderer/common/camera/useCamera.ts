// The camera while the capture dialog is open: the chosen device opened (the one remembered on
// this computer, or any when it is gone), the list of devices to choose from, and one sentence
// when it cannot be used or is unplugged. Every track is stopped when the dialog closes or the
// device changes — a document camera left running keeps its lamp on and is busy for other programs.
import { useCallback, useEffect, useState } from 'react';
import { CAMERA_PROBLEMS, cameraProblemOf } from './cameraProblems';
import { listCameras, rememberCamera, rememberedCamera, videoConstraints, type VideoDevice } from './cameraDevices';

export type CameraState =
  | { phase: 'opening' }
  | { phase: 'live'; stream: MediaStream; deviceId: string | null }
  | { phase: 'failed'; problem: string };

export interface Camera {
  state: CameraState;
  devices: VideoDevice[];
  /** Opens another device and remembers it on this computer. */
  choose: (deviceId: string) => void;
  /** Tries again after a failure (plugged in, the other program closed). */
  retry: () => void;
}

function stopAll(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/** The remembered camera, or any when it is not there any more (then forgotten). */
async function openCamera(deviceId: string | null): Promise<MediaStream> {
  try {
    return await navigator.mediaDevices.getUserMedia(videoConstraints(deviceId));
  } catch (error) {
    const gone = error instanceof DOMException && ['OverconstrainedError', 'NotFoundError'].includes(error.name);
    if (!deviceId || !gone) throw error;
    rememberCamera(null);
    return navigator.mediaDevices.getUserMedia(videoConstraints(null));
  }
}

export function useCamera(): Camera {
  const [state, setState] = useState<CameraState>({ phase: 'opening' });
  const [devices, setDevices] = useState<VideoDevice[]>([]);
  const [wanted, setWanted] = useState<string | null>(() => rememberedCamera());
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let closed = false;
    let stream: MediaStream | null = null;
    const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    setState({ phase: 'opening' });
    if (!media?.getUserMedia) {
      // Outside a secure context (http on the LAN) the browser offers no camera at all.
      setState({ phase: 'failed', problem: CAMERA_PROBLEMS.insecure });
      return;
    }
    const refreshList = () =>
      void listCameras().then(
        (list) => !closed && setDevices(list),
        () => {},
      );
    void (async () => {
      try {
        stream = await openCamera(wanted);
      } catch (error) {
        if (!closed) setState({ phase: 'failed', problem: cameraProblemOf(error) });
        refreshList();
        return;
      }
      if (closed) {
        stopAll(stream);
        return;
      }
      const track = stream.getVideoTracks()[0];
      track?.addEventListener('ended', () => {
        if (!closed) setState({ phase: 'failed', problem: CAMERA_PROBLEMS.unplugged });
      });
      setState({ phase: 'live', stream, deviceId: track?.getSettings().deviceId ?? null });
      refreshList();
    })();
    media.addEventListener('devicechange', refreshList);
    return () => {
      closed = true;
      media.removeEventListener('devicechange', refreshList);
      if (stream) stopAll(stream);
    };
  }, [wanted, attempt]);

  const choose = useCallback((deviceId: string) => {
    rememberCamera(deviceId);
    setWanted(deviceId);
    setAttempt((n) => n + 1);
  }, []);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return { state, devices, choose, retry };
}
