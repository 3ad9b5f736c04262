import { useEffect, useState } from 'react';
import { RATING_LEVEL_LABELS, RATING_LEVELS, type RatingLevel } from '../../shared/counter/casesApi';
import type { PadCase } from '../../shared/hallScreens/api';
import { call, errorMessage } from '../api/client';
import { chineseDate } from '../common/dates';
import { usePolledQuery } from '../common/usePolledQuery';
import { isUnpaired, type ScreenPageProps } from './screenErrors';
import { ScreenMessage } from './ScreenMessage';

/** How often the pad asks what to show: a case accepted or presented appears within this. */
const PAD_REFRESH_MS = 2000;
/** The thanks stays up this long, then the welcome screen. */
const THANKS_SHOWN_MS = 5000;

const LEVEL_COLOURS: Record<RatingLevel, string> = {
  verySatisfied: '#389e0d',
  satisfied: '#52c41a',
  basicallySatisfied: '#d4b106',
  dissatisfied: '#fa8c16',
  veryDissatisfied: '#cf1322',
};

/**
 * 评价器 facing the resident at one window: a welcome while idle; the case just accepted here,
 * to check; the case the clerk presents (请群众评价), with the five-level 好差评 to tap. The tap is
 * the resident's own rating (群众评价), of that case only, once; then thanks, and idle again.
 */
export function RatingPadPage({ identity, onUnpaired }: ScreenPageProps) {
  const pad = usePolledQuery('hallScreens.padState', {}, () => PAD_REFRESH_MS, true);
  const [thanked, setThanked] = useState<string | null>(null);

  useEffect(() => {
    if (pad.error && isUnpaired(pad.error)) onUnpaired(pad.error.message);
  }, [pad.error, onUnpaired]);
  useEffect(() => {
    if (!thanked) return;
    const timer = setTimeout(() => setThanked(null), THANKS_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [thanked]);

  if (!pad.data) {
    return pad.error && !isUnpaired(pad.error) ? (
      <ScreenMessage title="暂时连不上大厅主机" detail={`${pad.error.message}（自动重试中）`} />
    ) : (
      <ScreenMessage title="正在打开评价器……" />
    );
  }
  const { shown } = pad.data;
  const hallName = pad.data.hallName || identity.hallName;

  return (
    <main className="hall-screen" aria-label={identity.name}>
      <header className="hall-screen-header">
        <span>{hallName}</span>
        <span>{pad.data.windowName}</span>
      </header>
      {thanked ? (
        <section className="pad-thanks" role="status">
          <span>感谢您的评价！</span>
          <span className="hall-screen-detail">{thanked}</span>
        </section>
      ) : shown?.stage === 'rating' ? (
        <RatingView
          key={`${shown.case.caseId}-${shown.presentedAt}`}
          padCase={shown.case}
          onRated={(level) => {
            setThanked(`您的评价“${RATING_LEVEL_LABELS[level]}”已记录`);
            pad.refresh();
          }}
          onUnpaired={onUnpaired}
        />
      ) : shown?.stage === 'acceptance' ? (
        <section className="pad-welcome" aria-label="请核对">
          <p className="pad-question">您的办件已受理，请核对</p>
          <CaseSummary padCase={shown.case} />
          <p className="hall-screen-detail">如有不符，请告诉窗口工作人员</p>
        </section>
      ) : (
        <section className="pad-welcome">
          <h1 className="hall-screen-title">欢迎来到{hallName}</h1>
          <p className="hall-screen-detail">{pad.data.windowName}竭诚为您服务。办结后请在这里对我们的服务作出评价。</p>
        </section>
      )}
      <footer className="hall-screen-footer">
        <span>{identity.name}</span>
      </footer>
    </main>
  );
}

function CaseSummary({ padCase }: { padCase: PadCase }) {
  return (
    <dl className="pad-case" aria-label="办件信息">
      <dt>受理编号</dt>
      <dd>{padCase.caseNumber || '—'}</dd>
      <dt>办理事项</dt>
      <dd>{padCase.itemName}</dd>
      <dt>申请人</dt>
      <dd>{padCase.applicantName}</dd>
      <dt>办理状态</dt>
      <dd>{padCase.statusLabel}</dd>
      <dt>{padCase.completedOn ? '办结日期' : '承诺办结日期'}</dt>
      <dd>
        {padCase.completedOn
          ? chineseDate(padCase.completedOn)
          : padCase.promisedDate
            ? chineseDate(padCase.promisedDate)
            : '当场办结'}
      </dd>
    </dl>
  );
}

function RatingView({
  padCase,
  onRated,
  onUnpaired,
}: {
  padCase: PadCase;
  onRated: (level: RatingLevel) => void;
  onUnpaired: (message: string) => void;
}) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function rate(level: RatingLevel) {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await call('hallScreens.padRate', { caseId: padCase.caseId, level, comment: comment.trim() || undefined });
      onRated(level);
    } catch (error) {
      if (isUnpaired(error)) onUnpaired(errorMessage(error));
      else setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="calling-side" style={{ flex: 1, justifyContent: 'center' }} aria-label="请您评价">
      <CaseSummary padCase={padCase} />
      <p className="pad-question">您对这次办事满意吗？请点选</p>
      <div className="pad-levels" role="group" aria-label="评价等级">
        {RATING_LEVELS.map((level) => (
          <button
            key={level}
            type="button"
            className="pad-level"
            disabled={busy}
            style={{ background: LEVEL_COLOURS[level] }}
            onClick={() => void rate(level)}
          >
            {RATING_LEVEL_LABELS[level]}
          </button>
        ))}
      </div>
      <input
        className="pad-comment"
        aria-label="意见建议（可不填）"
        placeholder="意见建议（可不填，先写再点评价）"
        maxLength={300}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
      />
      {problem && (
        <p className="hall-screen-problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
