import { useEffect, useRef } from 'react';
import { Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Span } from '../../../api/plans.ts';

export interface Highlight {
  span: Span;
  /** What is highlighted, announced to screen readers ("举措 3", "目标：企业开办时间"). */
  label: string;
}

/**
 * The document text the parser read, with the words of the selected measure, deadline or target
 * marked and scrolled into view. Spans index this text exactly.
 */
export function SourcePane({ text, highlight, height }: { text: string; highlight: Highlight | null; height?: string }) {
  const { t } = useTranslation();
  const markRef = useRef<HTMLElement>(null);
  const paneRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const mark = markRef.current;
    const pane = paneRef.current;
    if (!mark || !pane) return;
    // Scroll only the pane, never the page, so the list the user clicked in stays where it was.
    const top = mark.offsetTop - pane.offsetTop - pane.clientHeight / 3;
    pane.scrollTo({ top: Math.max(0, top), behavior: 'smooth' });
  }, [highlight]);

  if (!text) return <Empty description={t('plans.review.noSource')} />;
  const valid = highlight && highlight.span.start >= 0 && highlight.span.end <= text.length && highlight.span.end > highlight.span.start;
  return (
    <>
      <Typography.Text type="secondary" aria-live="polite" style={{ display: 'block', marginBottom: 8 }}>
        {valid ? t('plans.review.highlighting', { label: highlight.label }) : t('plans.review.sourceHint')}
      </Typography.Text>
      <div
        ref={paneRef}
        className="ys-plan-source"
        role="region"
        aria-label={t('plans.review.sourceText')}
        // A scrolling region must be reachable by keyboard.
        tabIndex={0}
        style={{ maxHeight: height ?? 'calc(100vh - 220px)' }}
      >
        {valid ? (
          <>
            {text.slice(0, highlight.span.start)}
            <mark ref={markRef} className="ys-plan-mark">
              {text.slice(highlight.span.start, highlight.span.end)}
            </mark>
            {text.slice(highlight.span.end)}
          </>
        ) : (
          text
        )}
      </div>
    </>
  );
}
