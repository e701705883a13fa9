import type { ThemeConfig } from 'antd';

/**
 * Ant Design tokens. Colours are darker than antd's defaults so that text, links and tags reach the
 * WCAG AA contrast ratio of 4.5:1 on white (antd's #1677ff is 4.1:1, its grey captions 3.4:1).
 */
export const HEADER_BG = '#0b3d91';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    colorInfo: '#0958d9',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: {
      headerBg: HEADER_BG,
      headerHeight: 56,
      headerPadding: '0 16px',
      siderBg: '#001529',
    },
  },
};
