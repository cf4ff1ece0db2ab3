import { createRequire } from 'node:module';
import type { EChartsCoreOption } from 'echarts';

/**
 * ECharts rendered on the server to an SVG string, so no chart script reaches a page.
 * ECharts is ~45 MB once loaded; it is required on the first chart, not at start, so an API
 * process that never renders a chart (most of them: reports are rendered by the worker) stays lean.
 */
const require = createRequire(import.meta.url);
let echarts: typeof import('echarts') | undefined;

export function renderSvgChart(width: number, height: number, option: EChartsCoreOption): string {
  echarts ??= require('echarts') as typeof import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return cspSafeSvg(svg);
}

/**
 * The pages' CSP forbids inline styles, so ECharts' style attributes become SVG presentation
 * attributes (which CSP allows) and its <style> block (hover effects only) is dropped.
 */
export function cspSafeSvg(svg: string): string {
  return svg
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_, decl: string) =>
      decl
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          const i = d.indexOf(':');
          const name = d.slice(0, i).trim();
          const value = d.slice(i + 1).trim();
          return /^[a-z-]+$/.test(name) ? ` ${name}="${value.replace(/"/g, '&quot;')}"` : '';
        })
        .join(''),
    );
}
