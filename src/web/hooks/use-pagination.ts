import { useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from './use-breakpoint.ts';

/**
 * Page state of a server-paged list, and the Ant Design `pagination` prop for its table: simple on a phone, a size
 * changer on a desktop; a new page size starts again at page 1. Filters call `setPage(1)`.
 */
export function usePagination() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const pagination = (total: number): TablePaginationConfig => ({
    current: page,
    pageSize,
    total,
    showSizeChanger: !mobile,
    simple: mobile,
    showTotal: (n) => t('common.total', { total: n }),
    onChange: (nextPage, nextSize) => {
      setPage(nextSize !== pageSize ? 1 : nextPage);
      setPageSize(nextSize);
    },
  });
  return { page, pageSize, setPage, pagination };
}
