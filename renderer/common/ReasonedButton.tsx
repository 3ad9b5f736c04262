import { Button, Tooltip, type ButtonProps } from 'antd';

interface Props extends ButtonProps {
  /** Why the button cannot be used now (shown on hover and on focus), or null when it can. */
  disabledBecause: string | null;
}

/**
 * A default button that cannot be used yet (受理 before the materials are complete) stays in the
 * Tab order, looks disabled and says why. A natively disabled button is skipped by Tab, so the
 * Enter a clerk presses "on" it lands on whatever comes next — once, the header's 退出. Here
 * Enter and clicks on it do nothing.
 */
export function ReasonedButton({ disabledBecause, onClick, className, ...props }: Props) {
  const blocked = disabledBecause !== null;
  return (
    // On focus too: a clerk who Tabs to it learns why without the mouse.
    <Tooltip title={disabledBecause} trigger={['hover', 'focus']}>
      <Button
        {...props}
        aria-disabled={blocked || undefined}
        className={blocked ? `${className ?? ''} ant-btn-disabled`.trim() : className}
        onClick={(event) => {
          if (blocked) {
            event.preventDefault();
            return;
          }
          onClick?.(event);
        }}
      />
    </Tooltip>
  );
}
