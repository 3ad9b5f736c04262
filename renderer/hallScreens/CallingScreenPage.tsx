import { useEffect } from 'react';
import { usePolledQuery } from '../common/usePolledQuery';
import { isUnpaired, type ScreenPageProps } from './screenErrors';
import { ScreenMessage } from './ScreenMessage';
import { callWords, useCallAnnouncer } from './useCallAnnouncer';
import { useClock } from './useClock';

/**
 * The board is read every two seconds, one request at a time (the next only once the last has
 * answered): a few hundred bytes, so a hall's TV costs the host next to nothing.
 */
const BOARD_REFRESH_MS = 2000;
/** The calls listed under the latest one. */
const EARLIER_CALLS = 5;

/**
 * 叫号屏 on the hall's TV: the latest call large (number → window) and said aloud in Chinese, the
 * calls before it, each category's waiting count and a clock.
 */
export function CallingScreenPage({ identity, onUnpaired }: ScreenPageProps) {
  const board = usePolledQuery('queue.board', {}, () => BOARD_REFRESH_MS, true);
  const announcer = useCallAnnouncer(board.data?.calls);
  const now = useClock(board.data?.now);

  useEffect(() => {
    if (board.error && isUnpaired(board.error)) onUnpaired(board.error.message);
  }, [board.error, onUnpaired]);

  if (!board.data) {
    return board.error && !isUnpaired(board.error) ? (
      <ScreenMessage title="暂时连不上大厅主机" detail={`${board.error.message}（自动重试中）`} />
    ) : (
      <ScreenMessage title="正在打开叫号屏……" />
    );
  }
  const [latest, ...earlier] = board.data.calls;

  return (
    <main className="hall-screen" aria-label={identity.name}>
      <header className="hall-screen-header">
        <span>{board.data.hallName || identity.hallName}</span>
        <span className="hall-screen-clock" aria-label="时间">
          {now.toLocaleDateString('zh-CN', { month: 'long', day: 'numeric', weekday: 'long' })}{' '}
          {now.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false })}
        </span>
      </header>
      <div className="calling-main">
        <section className="calling-latest" aria-label="当前叫号" aria-live="polite">
          {latest ? (
            <>
              <div className="calling-latest-number" data-testid="calling-latest-number">
                {latest.ticketNumber}
              </div>
              <div className="calling-latest-window">请到 {latest.windowName}</div>
              <div className="calling-latest-words">
                {callWords(latest)}
                {latest.recallCount > 0 ? `（第 ${latest.recallCount + 1} 次呼叫）` : ''}
              </div>
            </>
          ) : (
            <div className="calling-latest-words">欢迎光临，请取号后留意叫号</div>
          )}
        </section>
        <div className="calling-side">
          <section className="calling-panel" aria-label="最近叫号">
            <h2>最近叫号</h2>
            <ul className="calling-rows">
              {earlier.slice(0, EARLIER_CALLS).map((call) => (
                <li key={call.id}>
                  <span className="calling-number">{call.ticketNumber}</span>
                  <span>{call.windowName}</span>
                </li>
              ))}
              {earlier.length === 0 && <li>—</li>}
            </ul>
          </section>
          <section className="calling-panel" aria-label="等候人数">
            <h2>等候人数</h2>
            <ul className="calling-rows">
              {board.data.waiting.map((w) => (
                <li key={w.categoryId}>
                  <span>
                    {w.prefix} {w.categoryName}
                  </span>
                  <span>{w.waiting} 人</span>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
      <footer className="hall-screen-footer">
        <span>{identity.name}</span>
        <SoundControl announcer={announcer} />
      </footer>
    </main>
  );
}

function SoundControl({ announcer }: { announcer: ReturnType<typeof useCallAnnouncer> }) {
  if (!announcer.supported) return <span role="status">此浏览器不支持语音播报，只显示号码</span>;
  return (
    <span style={{ display: 'flex', gap: '2vmin', alignItems: 'center' }}>
      {announcer.chineseVoice === false && (
        <span role="status">本机没有安装中文语音，播报可能无声或不是中文：请安装中文（简体）语音包</span>
      )}
      {announcer.soundOn ? (
        <button type="button" className="hall-screen-button" onClick={announcer.switchOff}>
          语音播报：开（点此关闭）
        </button>
      ) : (
        <button type="button" className="hall-screen-button is-urgent" onClick={announcer.switchOn}>
          点此开启语音播报
        </button>
      )}
    </span>
  );
}
