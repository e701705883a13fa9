import { useEffect, useRef } from 'react';
import type { EChartsOption } from 'echarts';

interface EChartProps {
  option: EChartsOption;
  height?: number;
  /** Charts are pictures to a screen reader: say what the chart shows. */
  ariaLabel: string;
}

/**
 * An ECharts chart. ECharts is loaded on first use, so pages without charts never download it.
 */
export function EChart({ option, height = 320, ariaLabel }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<import('echarts').ECharts | null>(null);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('echarts').then((echarts) => {
      if (disposed || !ref.current) return;
      chartRef.current = echarts.init(ref.current, undefined, { renderer: 'svg' });
      chartRef.current.setOption({ aria: { enabled: true }, ...option });
      observer = new ResizeObserver(() => chartRef.current?.resize());
      observer.observe(ref.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chartRef.current?.dispose();
      chartRef.current = null;
    };
    // The chart is created once; option changes go through setOption below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
}
