// A simulated ID-card reader on one end of a pty pair: it decodes the host's SAM command frames
// and answers each as the test's script says — a card, no card, a failure status, half a frame,
// garbage, or nothing. It keeps every byte the host sent, so a test can compare them byte for byte.
import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import type { IdCardText } from '../../../shared/devices/idCard';
import { encodeCardText } from '../../../electron/backend/devices/idCard/cardText';
import {
  CARD_PHOTO_BLOCK_BYTES,
  encodeReadAnswer,
  encodeSamResponse,
  parseSamCommand,
  SAM_STATUS,
  SamFrameDecoder,
  type SamCommand,
} from '../../../electron/backend/devices/idCard/samFrames';

/** What the device writes back for one command: bytes (in chunks, in order) or nothing. */
export type SamAnswer = Buffer[];
export type SamScript = (command: SamCommand, index: number) => SamAnswer;

export const samAnswers = {
  /** 找卡成功 with the card's IIN (4 bytes). */
  found: (): SamAnswer => [encodeSamResponse({ sw1: 0, sw2: 0, sw3: SAM_STATUS.findCardSuccess }, Buffer.alloc(4))],
  noCard: (): SamAnswer => [encodeSamResponse({ sw1: 0, sw2: 0, sw3: SAM_STATUS.findCardFailed })],
  /** 选卡成功 with the card's serial number (8 bytes). */
  selected: (): SamAnswer => [encodeSamResponse({ sw1: 0, sw2: 0, sw3: SAM_STATUS.success }, Buffer.alloc(8))],
  card: (text: IdCardText): SamAnswer => [cardFrame(text)],
  status: (sw3: number): SamAnswer => [encodeSamResponse({ sw1: 0, sw2: 0, sw3 })],
  silence: (): SamAnswer => [],
};

/** The whole answer to 30 01 for a card: text block and a photo block of recognisable filler. */
export function cardFrame(text: IdCardText): Buffer {
  const photo = Buffer.alloc(CARD_PHOTO_BLOCK_BYTES, 0x57);
  return encodeSamResponse({ sw1: 0, sw2: 0, sw3: SAM_STATUS.success }, encodeReadAnswer(encodeCardText(text), photo));
}

/** Emits `command` (a SamCommand) for each command frame, after answering it. */
export class SimulatedSamDevice extends EventEmitter {
  /** Every byte the host wrote, in order. */
  received: Buffer = Buffer.alloc(0);
  readonly commands: SamCommand[] = [];
  private script: SamScript = () => [];
  private readonly decoder = new SamFrameDecoder({ minLength: 3 });

  private constructor(private readonly port: SerialPort) {
    super();
    port.on('data', (chunk: Buffer) => this.receive(chunk));
    // socat killed by a test: the device's end goes away too.
    port.on('error', () => {});
  }

  static async open(path: string): Promise<SimulatedSamDevice> {
    const port = new SerialPort({ path, baudRate: 115_200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    return new SimulatedSamDevice(port);
  }

  /** Answers the coming commands by `script` (and forgets what was received before). */
  answer(script: SamScript): void {
    this.script = script;
    this.received = Buffer.alloc(0);
    this.commands.length = 0;
    this.decoder.reset();
  }

  async close(): Promise<void> {
    if (this.port.isOpen) await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }

  private receive(chunk: Buffer): void {
    this.received = Buffer.concat([this.received, chunk]);
    for (const payload of this.decoder.push(chunk)) {
      const command = parseSamCommand(payload);
      if (!command) continue;
      const index = this.commands.push(command) - 1;
      for (const part of this.script(command, index)) this.port.write(part);
      this.emit('command', command);
    }
  }
}
