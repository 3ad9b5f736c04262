import type { ThemeConfig } from 'antd';

/** Plain and legible on old office monitors: a sober blue, a slightly larger body font. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1a5fb4',
    fontSize: 15,
    borderRadius: 4,
  },
};
