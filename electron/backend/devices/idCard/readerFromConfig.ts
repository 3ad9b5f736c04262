// The reader a machine uses, from one setting (a command-line option or the administrator's
// setting): `none`, `simulated`, `serial:<path>[@<baud>]`, `sdtapi[:<port>]`.
import type { IdCardReader } from './reader';
import { SdtapiIdCardReader } from './sdtapiReader';
import { SerialIdCardReader } from './serialReader';
import { SimulatedIdCardReader } from './simulatedReader';

/** The speeds a SAM module can be set to. */
export const SAM_BAUD_RATES = [115_200, 57_600, 38_400, 19_200, 9_600] as const;

export const READER_SETTING_FORMS =
  'none（不用读卡器）、simulated（模拟读卡器）、serial:<串口>[@<波特率>]（如 serial:/dev/ttyUSB0、serial:COM3@115200）、' +
  'sdtapi[:<端口>]（厂商读卡库，端口 1001–1016 为 USB、1–16 为串口，省略则自动查找 USB 端口）';

/** `null` for no reader; throws an Error naming the accepted forms for anything else. */
export function readerFromConfig(spec: string | null | undefined): IdCardReader | null {
  const value = (spec ?? '').trim();
  if (value === '' || value === 'none') return null;
  if (value === 'simulated') return new SimulatedIdCardReader();

  if (value.startsWith('serial:')) {
    // The speed is split off at the last `@` only when digits follow it, so a path may hold `@`.
    const match = /^serial:(.+?)(?:@(\d+))?$/.exec(value);
    const path = match?.[1]?.trim();
    if (!match || !path) throw settingError(value, '缺少串口名');
    if (match[2] === undefined) return new SerialIdCardReader({ path });
    const baudRate = Number(match[2]);
    if (!(SAM_BAUD_RATES as readonly number[]).includes(baudRate)) {
      throw settingError(value, `波特率 ${match[2]} 不是读卡器支持的 ${SAM_BAUD_RATES.join('、')} 之一`);
    }
    return new SerialIdCardReader({ path, baudRate });
  }

  if (value === 'sdtapi') return new SdtapiIdCardReader();
  if (value.startsWith('sdtapi:')) {
    const port = value.slice('sdtapi:'.length).trim();
    const number = /^\d+$/.test(port) ? Number(port) : NaN;
    if (!((number >= 1 && number <= 16) || (number >= 1001 && number <= 1016))) {
      throw settingError(value, `端口“${port}”应为 1–16（串口）或 1001–1016（USB）`);
    }
    return new SdtapiIdCardReader({ port: number });
  }

  throw settingError(value);
}

function settingError(value: string, reason?: string): Error {
  return new Error(
    `身份证读卡器设置“${value}”无法识别${reason ? `：${reason}` : ''}。可用的写法：${READER_SETTING_FORMS}`,
  );
}
