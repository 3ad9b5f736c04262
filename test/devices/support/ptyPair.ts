// Two pseudo-terminals joined by socat: what one end writes, the other reads, as over a serial
// cable. The simulated reader opens one end, the driver under test the other. socat announces
// each end on stderr (`N PTY is /dev/pts/3`) and then `starting data transfer loop`: the pair is
// ready when that line comes, so nothing waits a fixed time.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { stopChild } from '../../support/dispose';

export interface PtyPair {
  /** The end the simulated reader opens. */
  devicePath: string;
  /** The end the driver under test opens. */
  driverPath: string;
  /** Kills socat at once: both ends go away, as when the reader's cable is pulled. */
  cut(): void;
  stop(): Promise<void>;
}

/** Whether the serial tests run here; in CI a missing socat is a failure, not a skip. */
export function socatAvailable(): boolean {
  if (spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0) return true;
  if (process.env.CI === 'true')
    throw new Error('CI 环境中找不到 socat：串口读卡器的测试需要它（apt-get install socat）');
  return false;
}

export async function startPtyPair(readyWithinMs = 15_000): Promise<PtyPair> {
  const child: ChildProcess = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const paths = await new Promise<string[]>((resolve, reject) => {
    let log = '';
    const found: string[] = [];
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${reason}\n${log}`));
    };
    const timer = setTimeout(() => fail(`socat did not set up the pty pair within ${readyWithinMs} ms`), readyWithinMs);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      log += text;
      for (const match of text.matchAll(/PTY is (\/dev\/\S+)/g)) found.push(match[1]!);
      if (/starting data transfer loop/.test(log)) {
        clearTimeout(timer);
        if (found.length === 2) resolve(found);
        else fail('socat started without announcing two ptys');
      }
    });
    child.once('error', (error) => fail(`socat failed to start: ${error.message}`));
    child.once('exit', (code) => fail(`socat exited (${code}) before the pty pair was ready`));
  });
  return {
    devicePath: paths[0]!,
    driverPath: paths[1]!,
    cut: () => child.kill('SIGKILL'),
    stop: () => stopChild(child, 5_000),
  };
}
