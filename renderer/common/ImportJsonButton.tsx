import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Upload } from 'antd';
import type { ReactNode } from 'react';
import { readJsonFile } from './jsonFiles';

/** A button that lets the user pick a JSON file and hands over its parsed contents; a file that is not JSON is said so. */
export function ImportJsonButton({ children, onData }: { children: ReactNode; onData: (data: unknown) => void }) {
  const { message } = App.useApp();
  return (
    <Upload
      accept="application/json,.json"
      showUploadList={false}
      beforeUpload={(file) => {
        void readJsonFile(file).then((parsed) => {
          if (parsed.ok) onData(parsed.data);
          else void message.error(parsed.message);
        });
        // Read here; nothing is uploaded anywhere.
        return false;
      }}
    >
      <Button icon={<UploadOutlined />}>{children}</Button>
    </Upload>
  );
}
