// The public 核验 service needs no token: a resident's phone has none.
import { HUB_VERIFY_PATH, type HubVerification } from '../../shared/documents/hubVerification';

export async function verifyDocumentLink(link: string): Promise<HubVerification> {
  let response: Response;
  try {
    response = await fetch(HUB_VERIFY_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ link }),
      cache: 'no-store',
    });
  } catch {
    throw new Error('无法连接到县级平台，请检查网络后重试');
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new Error(`县级平台回答出错（${response.status}）`);
  }
  if (!response.ok) {
    const message = (body as { error?: { message?: unknown } }).error?.message;
    throw new Error(typeof message === 'string' ? message : `县级平台回答出错（${response.status}）`);
  }
  return body as HubVerification;
}
