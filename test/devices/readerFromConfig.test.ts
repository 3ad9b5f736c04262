// The reader setting: each accepted form gives its driver, anything else a Chinese error that
// names the forms. Nothing here opens a device.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readerFromConfig } from '../../electron/backend/devices/idCard/readerFromConfig';
import { SdtapiIdCardReader } from '../../electron/backend/devices/idCard/sdtapiReader';
import { SerialIdCardReader } from '../../electron/backend/devices/idCard/serialReader';
import { SimulatedIdCardReader } from '../../electron/backend/devices/idCard/simulatedReader';

describe('readerFromConfig', () => {
  test('no setting, an empty one and `none` mean no reader', () => {
    for (const spec of [undefined, null, '', '  ', 'none']) assert.equal(readerFromConfig(spec), null, String(spec));
  });

  test('`simulated` is the simulated reader', () => {
    assert.ok(readerFromConfig('simulated') instanceof SimulatedIdCardReader);
  });

  test('`serial:<path>` at 115 200 baud unless a speed follows `@`', () => {
    const plain = readerFromConfig('serial:/dev/ttyUSB0');
    assert.ok(plain instanceof SerialIdCardReader);
    assert.equal(plain.description, '串口读卡器（/dev/ttyUSB0，115200 波特）');
    assert.equal(readerFromConfig('serial:COM3@9600')!.description, '串口读卡器（COM3，9600 波特）');
    // A path with `@` in it keeps it; only trailing digits are a speed.
    assert.equal(
      readerFromConfig('serial:/dev/serial/by-id/usb-reader@1:1.0-port0@57600')!.description,
      '串口读卡器（/dev/serial/by-id/usb-reader@1:1.0-port0，57600 波特）',
    );
  });

  test('`sdtapi` looks for the USB port; `sdtapi:<port>` uses that one', () => {
    const auto = readerFromConfig('sdtapi');
    assert.ok(auto instanceof SdtapiIdCardReader);
    assert.equal(auto.description, '厂商读卡库读卡器（sdtapi.dll，USB 端口自动查找）');
    assert.equal(readerFromConfig('sdtapi:1001')!.description, '厂商读卡库读卡器（sdtapi.dll，端口 1001）');
    assert.equal(readerFromConfig('sdtapi:2')!.description, '厂商读卡库读卡器（sdtapi.dll，端口 2）');
  });

  test('anything else is refused with a Chinese message naming the accepted forms', () => {
    const cases: Array<[string, RegExp]> = [
      ['usb', /身份证读卡器设置“usb”无法识别。可用的写法：none/],
      ['Simulated', /无法识别/],
      ['serial:', /缺少串口名/],
      ['serial:/dev/ttyUSB0@12345', /波特率 12345 不是读卡器支持的 115200、57600、38400、19200、9600 之一/],
      ['sdtapi:1017', /端口“1017”应为 1–16（串口）或 1001–1016（USB）/],
      ['sdtapi:0', /端口“0”/],
      ['sdtapi:COM3', /端口“COM3”/],
    ];
    for (const [spec, message] of cases) {
      assert.throws(
        () => readerFromConfig(spec),
        (error: Error) => message.test(error.message) && /serial:<串口>\[@<波特率>\]/.test(error.message),
        spec,
      );
    }
  });
});
