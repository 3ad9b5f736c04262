// 拍照: the document camera (高拍仪) — or any camera — photographs a material straight into a
// record's attachments. The live picture; 拍照 (Space or Enter) freezes it; the clerk turns it
// upright (90° turns, a deskew slider of ±15°), cuts it to the page (CropBox), and 保存 sends it
// as a JPEG through the one upload path to the record's own attach procedure, with a caption.
// Then the live picture again, for the next page; the dialog stays open until 关闭.
import { CameraOutlined, RotateLeftOutlined, RotateRightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Modal, Select, Slider, Space, Spin, Typography } from 'antd';
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { AttachmentRow, AttachmentUpload } from '../attachmentRows';
import { isComposing, isTypingTarget } from '../keyboard';
import { confirmLeave, useUnsavedInput } from '../leaveGuard';
import { PickedFileLine, useFileSend } from '../PickedFile';
import { CropBox } from './CropBox';
import { isWhole, MAX_DESKEW, turnedSize, WHOLE, type Crop, type Turn } from './frameGeometry';
import { drawPreview, freezeFrame, pictureJpeg, pictureName, savedSize } from './pictureCanvas';
import { useCamera } from './useCamera';

/** Where the picture is shown: beside the controls, inside a dialog that fits 1366×768. */
const PICTURE_BOX = { width: 640, height: 470 };

export interface CameraCaptureProps<T extends AttachmentRow> {
  open: boolean;
  onClose: () => void;
  /** The record's own attach procedure (the same the upload button uses). */
  add: (upload: AttachmentUpload) => Promise<T>;
  onAdded: (attachment: T) => void;
  /** The record's own choices for a new attachment (the material it shows, the record it belongs to). */
  extraControls?: ReactNode;
  captionPlaceholder?: string;
}

export function CameraCaptureDialog<T extends AttachmentRow>(props: CameraCaptureProps<T>) {
  return (
    <Modal
      open={props.open}
      title="拍照"
      width={1000}
      centered
      destroyOnHidden
      mask={{ closable: false }}
      // Esc and × go through the capture's own close, which asks about a picture not yet saved.
      keyboard={false}
      closable={false}
      footer={null}
      onCancel={props.onClose}
    >
      {props.open && <CameraCapture {...props} />}
    </Modal>
  );
}

function fitted({ width, height }: { width: number; height: number }) {
  const scale = Math.min(PICTURE_BOX.width / width, PICTURE_BOX.height / height, 1);
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

function CameraCapture<T extends AttachmentRow>({
  onClose,
  add,
  onAdded,
  extraControls,
  captionPlaceholder = '说明，如 户口簿首页、身份证反面',
}: CameraCaptureProps<T>) {
  const { message } = App.useApp();
  const camera = useCamera();
  const video = useRef<HTMLVideoElement>(null);
  const preview = useRef<HTMLCanvasElement>(null);
  const shutter = useRef<HTMLButtonElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const [frame, setFrame] = useState<HTMLCanvasElement | null>(null);
  const [turn, setTurn] = useState<Turn>({ quarters: 0, deskew: 0 });
  const [crop, setCrop] = useState<Crop>(WHOLE);
  const [caption, setCaption] = useState('');
  const [saved, setSaved] = useState(0);
  const [encoding, setEncoding] = useState(false);
  const send = useFileSend(
    (file, receipt) => add({ fileName: file.name, mimeType: 'image/jpeg', uploadId: receipt.uploadId, caption }),
    (attachment) => {
      void message.success(`已添加附件 ${attachment.fileName}`);
      onAdded(attachment);
      setSaved((n) => n + 1);
      setCaption('');
      retake();
    },
  );
  // A picture taken and not saved, or a caption typed, is input a way out asks about.
  useUnsavedInput(() => frame !== null || caption.trim() !== '' || send.picked !== null);

  const stream = camera.state.phase === 'live' ? camera.state.stream : null;
  useEffect(() => {
    const element = video.current;
    setReady(false);
    if (!element || !stream) return;
    element.srcObject = stream;
    // Autoplay of a muted video is allowed; a refusal (the dialog closed at once) changes nothing.
    element.play().catch(() => {});
    return () => {
      element.srcObject = null;
    };
  }, [stream, frame]);

  useEffect(() => {
    if (ready && !frame) shutter.current?.focus();
  }, [ready, frame]);

  useLayoutEffect(() => {
    if (frame && preview.current) drawPreview(preview.current, frame, turn);
  }, [frame, turn]);

  function capture() {
    const element = video.current;
    if (!element || !ready || element.videoWidth === 0) return;
    setFrame(freezeFrame(element));
    setCrop(WHOLE);
    send.discard();
  }

  function retake() {
    setFrame(null);
    setCrop(WHOLE);
    setTurn((t) => ({ ...t, deskew: 0 }));
  }

  function turnBy(quarters: number) {
    setTurn((t) => ({ ...t, quarters: (t.quarters + quarters + 4) % 4 }));
    // A crop of the picture before the turn would cut another part after it.
    setCrop(WHOLE);
  }

  async function save() {
    if (!frame || send.busy || encoding) return;
    setEncoding(true);
    let file: File;
    try {
      const blob = await pictureJpeg(frame, turn, crop);
      file = new File([blob], pictureName(new Date()), { type: 'image/jpeg' });
    } catch {
      void message.error('照片没有保存：编码失败，请重拍');
      return;
    } finally {
      setEncoding(false);
    }
    await send.send(file);
  }

  function close() {
    const dirty = frame !== null || caption.trim() !== '' || send.picked !== null;
    void confirmLeave('close', dirty).then((leave) => leave && onClose());
  }

  // Space or Enter takes the picture, Enter saves it, Esc closes — unless the key belongs to a
  // field, a button, a list or a slider that has the focus.
  const keys = useRef<(event: KeyboardEvent) => void>(() => {});
  keys.current = (event) => {
    if (event.defaultPrevented || isComposing(event)) return;
    const target = event.target as HTMLElement | null;
    const inside =
      target === document.body || (target !== null && content.current?.closest('.ant-modal')?.contains(target));
    if (!inside || document.querySelector('.ant-modal-confirm')) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
      return;
    }
    const owned =
      isTypingTarget(target) || target?.closest('button, [role="slider"], [role="combobox"], [role="group"]') !== null;
    if (owned) return;
    if (!frame && (event.key === ' ' || event.key === 'Enter')) {
      event.preventDefault();
      capture();
    } else if (frame && event.key === 'Enter') {
      event.preventDefault();
      void save();
    }
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keys.current(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  const size = frame ? savedSize(frame, turn, crop) : null;
  // The preview keeps the turned picture's proportions, whatever size it is drawn at.
  const shown = frame ? fitted(turnedSize(frame.width, frame.height, turn)) : null;
  const state = camera.state;
  const busy = send.busy || encoding;

  return (
    <div ref={content}>
      <Flex gap={16} align="start">
        <Flex
          vertical
          align="center"
          justify="center"
          style={{ width: PICTURE_BOX.width, minHeight: PICTURE_BOX.height, background: '#1f1f1f', borderRadius: 6 }}
        >
          {frame ? (
            <CropBox crop={crop} onChange={setCrop}>
              <canvas
                ref={preview}
                aria-label="拍下的照片"
                style={{ display: 'block', width: shown!.width, height: shown!.height }}
              />
            </CropBox>
          ) : (
            <>
              {state.phase === 'opening' && (
                <Flex vertical align="center" gap={8}>
                  <Spin />
                  <Typography.Text style={{ color: '#ffffff' }}>正在打开高拍仪…</Typography.Text>
                </Flex>
              )}
              {state.phase === 'failed' && (
                <Alert
                  type="warning"
                  showIcon
                  role="alert"
                  style={{ margin: 24 }}
                  title={state.problem}
                  action={
                    <Button size="small" onClick={camera.retry}>
                      重试
                    </Button>
                  }
                />
              )}
              <video
                ref={video}
                aria-label="高拍仪画面"
                muted
                playsInline
                onPlaying={() => setReady(true)}
                style={{
                  display: state.phase === 'live' ? 'block' : 'none',
                  maxWidth: PICTURE_BOX.width,
                  maxHeight: PICTURE_BOX.height,
                }}
              />
            </>
          )}
        </Flex>
        <Flex vertical gap={12} style={{ flex: 1, minWidth: 0 }}>
          <Select<string>
            aria-label="选择摄像头"
            placeholder="摄像头"
            style={{ width: '100%' }}
            disabled={busy}
            value={state.phase === 'live' ? (state.deviceId ?? undefined) : undefined}
            onChange={camera.choose}
            options={camera.devices.map((d) => ({ value: d.deviceId, label: d.label }))}
            notFoundContent="未检测到摄像头"
          />
          {frame ? (
            <>
              {state.phase === 'failed' && (
                <Typography.Text type="warning" role="alert">
                  {state.problem}
                </Typography.Text>
              )}
              <Space wrap>
                <Button icon={<RotateLeftOutlined />} onClick={() => turnBy(-1)} disabled={busy}>
                  向左转 90°
                </Button>
                <Button icon={<RotateRightOutlined />} onClick={() => turnBy(1)} disabled={busy}>
                  向右转 90°
                </Button>
              </Space>
              <div>
                <Typography.Text>纠偏（{turn.deskew}°）</Typography.Text>
                <Flex align="center" gap={8}>
                  <Slider
                    ariaLabelForHandle="纠偏角度"
                    style={{ flex: 1 }}
                    min={-MAX_DESKEW}
                    max={MAX_DESKEW}
                    step={0.5}
                    value={turn.deskew}
                    disabled={busy}
                    onChange={(deskew: number) => setTurn((t) => ({ ...t, deskew }))}
                    tooltip={{ formatter: (value) => `${value}°` }}
                  />
                  <Button size="small" onClick={() => setTurn((t) => ({ ...t, deskew: 0 }))} disabled={busy}>
                    摆正
                  </Button>
                </Flex>
              </div>
              <Typography.Text type="secondary">
                在照片上拖动框选要保留的部分，或拖动蓝色边线；选中边线或裁剪框后可用方向键微调（Shift 加大步长）。
              </Typography.Text>
              <Flex gap={8} wrap align="center">
                <Typography.Text aria-label="保存尺寸">
                  保存尺寸 {size!.width}×{size!.height} 像素
                </Typography.Text>
                <Typography.Text type="secondary" aria-label="原图尺寸">
                  （原图 {frame.width}×{frame.height}）
                </Typography.Text>
                {!isWhole(crop) && (
                  <Button size="small" type="link" onClick={() => setCrop(WHOLE)} disabled={busy}>
                    不裁剪
                  </Button>
                )}
              </Flex>
              {extraControls && (
                <Flex gap={8} wrap align="center">
                  {extraControls}
                </Flex>
              )}
              <Input
                aria-label="照片说明"
                maxLength={200}
                placeholder={captionPlaceholder}
                status={send.fieldErrors.caption ? 'error' : undefined}
                value={caption}
                onChange={(event) => setCaption(event.target.value)}
                onPressEnter={() => void save()}
              />
              {send.fieldErrors.caption && (
                <Typography.Text type="danger" role="alert" data-field-error>
                  {send.fieldErrors.caption}
                </Typography.Text>
              )}
              <PickedFileLine send={send} label="正在保存的照片" />
              <Flex gap={8}>
                <Button type="primary" onClick={() => void save()} loading={busy}>
                  保存
                </Button>
                <Button onClick={retake} disabled={busy}>
                  重拍
                </Button>
              </Flex>
            </>
          ) : (
            <>
              <Typography.Text type="secondary">
                把材料平放在高拍仪下，画面清晰后按“拍照”（或空格键、回车键）。拍下后可以转正、裁剪，再保存。
              </Typography.Text>
              <Button
                ref={shutter}
                type="primary"
                size="large"
                icon={<CameraOutlined />}
                disabled={!ready || state.phase !== 'live'}
                onClick={capture}
              >
                拍照
              </Button>
            </>
          )}
          {saved > 0 && <Typography.Text type="success">本次已保存 {saved} 张</Typography.Text>}
        </Flex>
      </Flex>
      <Flex justify="end" style={{ marginTop: 16 }}>
        <Button onClick={close}>关闭</Button>
      </Flex>
    </div>
  );
}
