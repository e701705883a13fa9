import { useEffect, useRef } from 'react';
import type { EChartsOption } from 'echarts';

export interface ChartClick {
  seriesName?: string;
  name: string;
  dataIndex: number;
  data: unknown;
}

/**
 * An ECharts chart whose bars, points and slices can be clicked (the shared `EChart` draws pictures only).
 * ECharts loads on first use.
 */
export function ClickableChart({ option, height = 300, ariaLabel, onClick }: { option: EChartsOption; height?: number; ariaLabel: string; onClick?(e: ChartClick): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<import('echarts').ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const optionRef = useRef(option);
  optionRef.current = option;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('echarts').then((echarts) => {
      if (disposed || !ref.current) return;
      const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
      chartRef.current = chart;
      chart.setOption({ aria: { enabled: true }, ...optionRef.current });
      chart.on('click', (p) => clickRef.current?.({ seriesName: p.seriesName, name: p.name, dataIndex: p.dataIndex, data: p.data }));
      observer = new ResizeObserver(() => chart.resize());
      observer.observe(ref.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chartRef.current?.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption({ aria: { enabled: true }, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} />;
}
