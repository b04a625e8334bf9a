// <jobdeck-chart>: a time series chart drawn by Apache ECharts from a JSON spec the server sets as the "spec"
// property (io.jobdeck.ui.Chart). The server never sends markup: every text is drawn on the canvas or put into the
// tooltip with textContent. Colours come from Lumo's custom properties, so the chart follows light and dark.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface SeriesSpec {
  name: string;
  kind: 'bar' | 'line';
  stack?: string;
  area?: boolean;
  color: string; // a Lumo colour custom property, e.g. "--lumo-success-color"
  values: (number | null)[];
}

interface ChartSpec {
  times: number[]; // epoch milliseconds, one per point
  unit: string; // shown after values in the tooltip
  locale: string;
  series: SeriesSpec[];
}

class JobdeckChart extends HTMLElement {
  private chart?: echarts.ECharts;
  private current?: ChartSpec;
  private json = '';
  private readonly resize = new ResizeObserver(() => this.chart?.resize());
  private readonly themeWatch = new MutationObserver(() => this.draw());

  get spec(): string {
    return this.json;
  }

  set spec(json: string) {
    this.json = json;
    try {
      this.current = JSON.parse(json) as ChartSpec;
    } catch {
      this.current = undefined;
    }
    this.draw();
  }

  connectedCallback() {
    if (!this.style.display) {
      this.style.display = 'block';
    }
    this.chart = echarts.init(this, undefined, { renderer: 'canvas' });
    this.resize.observe(this);
    this.themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['theme', 'style', 'class'] });
    this.draw();
  }

  disconnectedCallback() {
    this.resize.disconnect();
    this.themeWatch.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
  }

  /**
   * A Lumo colour as rgba(): Lumo's custom properties may hold light-dark() or oklch(), which ECharts cannot read, so
   * the browser resolves the colour on a hidden probe and a 1x1 canvas turns it into numbers.
   */
  private color(property: string): string {
    const probe = document.createElement('span');
    probe.style.display = 'none';
    probe.style.color = `var(${property}, #888)`;
    this.appendChild(probe);
    const resolved = getComputedStyle(probe).color;
    probe.remove();
    const context = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    if (!context) {
      return resolved;
    }
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = resolved;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
    return `rgba(${r}, ${g}, ${b}, ${(a / 255).toFixed(3)})`;
  }

  private draw() {
    const spec = this.current;
    if (!this.chart || !spec) {
      return;
    }
    const text = this.color('--lumo-secondary-text-color');
    const lines = this.color('--lumo-contrast-10pct');
    const time = new Intl.DateTimeFormat(spec.locale, { hour: '2-digit', minute: '2-digit' });
    const labels = spec.times.map((t) => time.format(new Date(t)));
    this.chart.setOption(
      {
        animation: false,
        textStyle: { color: text, fontFamily: getComputedStyle(this).fontFamily },
        grid: { left: 48, right: 16, top: 32, bottom: 28 },
        legend: { top: 0, textStyle: { color: text } },
        tooltip: {
          trigger: 'axis',
          backgroundColor: this.color('--lumo-base-color'),
          textStyle: { color: this.color('--lumo-body-text-color') },
          formatter: (params: unknown) => this.tooltip(params as TooltipItem[], spec, labels)
        },
        xAxis: {
          type: 'category',
          data: labels,
          axisLabel: { color: text },
          axisLine: { lineStyle: { color: lines } }
        },
        yAxis: {
          type: 'value',
          minInterval: 1,
          axisLabel: { color: text },
          splitLine: { lineStyle: { color: lines } }
        },
        series: spec.series.map((s) => ({
          name: s.name,
          type: s.kind,
          stack: s.stack,
          data: s.values,
          showSymbol: true,
          showAllSymbol: true,
          symbolSize: 4,
          connectNulls: false,
          areaStyle: s.area ? { opacity: 0.2 } : undefined,
          itemStyle: { color: this.color(s.color) },
          lineStyle: { color: this.color(s.color) }
        }))
      },
      { notMerge: true }
    );
    // What was drawn, for tests and tools: the points that have a value.
    const points = spec.series.reduce((n, s) => n + s.values.filter((v) => v !== null && v !== 0).length, 0);
    this.setAttribute('data-points', String(points));
  }

  /** The tooltip built from text nodes only: names and values are never read as HTML. */
  private tooltip(items: TooltipItem[], spec: ChartSpec, labels: string[]): HTMLElement {
    const box = document.createElement('div');
    const index = items.length > 0 ? items[0].dataIndex : -1;
    const head = document.createElement('div');
    head.style.fontWeight = '600';
    head.textContent = index >= 0 ? labels[index] : '';
    box.appendChild(head);
    for (const item of items) {
      const row = document.createElement('div');
      const value = item.value === null || item.value === undefined ? '–' : `${item.value}${spec.unit}`;
      row.textContent = `${item.seriesName}: ${value}`;
      box.appendChild(row);
    }
    return box;
  }
}

interface TooltipItem {
  dataIndex: number;
  seriesName: string;
  value: number | null | undefined;
}

if (!customElements.get('jobdeck-chart')) {
  customElements.define('jobdeck-chart', JobdeckChart);
}
