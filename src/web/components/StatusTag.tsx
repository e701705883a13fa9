import { Tag } from 'antd';
import type { ReactNode } from 'react';

// Solid tags in dark shades: white text on them stays above 4.5:1 contrast, which antd's pale
// status tags do not reach.
const COLORS = { success: '#237804', error: '#a8071a', warning: '#ad4e00', neutral: '#595959' } as const;

export function StatusTag({ status, icon, children }: { status: keyof typeof COLORS; icon?: ReactNode; children: ReactNode }) {
  return (
    <Tag color={COLORS[status]} variant="solid" icon={icon} style={{ marginInlineEnd: 0 }}>
      {children}
    </Tag>
  );
}
