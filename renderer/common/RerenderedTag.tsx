// 重新生成: the paper's archived file was lost (a PC rebuilt from the county) and drawn again
// from the record as issued; the copy says so on its paper too. Shown wherever papers are listed.
import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';

export function RerenderedTag({ at }: { at: string | null }) {
  if (!at) return null;
  return (
    <Tooltip title={`存档原件已丢失，${dayjs(at).format('YYYY-MM-DD')} 依存档记录重新生成；核验仍以原件摘要为准`}>
      <Tag color="purple" style={{ marginInlineStart: 8 }}>
        重新生成
      </Tag>
    </Tooltip>
  );
}
