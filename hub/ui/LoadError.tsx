import { Alert } from 'antd';

export function LoadError({ error }: { error: string | null }) {
  return error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null;
}
