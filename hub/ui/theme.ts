import type { ThemeConfig } from 'antd';

/** The township app's look (renderer/app/theme.ts), so the county page feels like the same product. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1a5fb4',
    fontSize: 15,
    borderRadius: 4,
  },
};
