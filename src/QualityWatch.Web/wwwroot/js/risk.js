// Risk pages: the series chart (observed counts, expected, threshold, alarm points) of every .risk-chart element,
// configured by the JSON in the script.risk-chart-config right after it. Sets data-rendered="true" when drawn, and
// draws again (map and chart) after htmx swaps the dashboard panel.
(function () {
  'use strict';

  function draw(el) {
    if (el.dataset.rendered === 'true' || typeof echarts === 'undefined') return;
    var cfgEl = el.nextElementSibling;
    if (!cfgEl || !cfgEl.classList.contains('risk-chart-config')) return;
    var cfg = JSON.parse(cfgEl.textContent);
    var chart = echarts.init(el);
    var alarms = cfg.alarms.map(function (v, i) { return v == null ? null : [cfg.labels[i], v]; }).filter(function (p) { return p; });
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [cfg.names.observed, cfg.names.expected, cfg.names.threshold, cfg.names.alarm] },
      grid: { left: 8, right: 16, top: 36, bottom: 40, containLabel: true },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 6 }],
      xAxis: { type: 'category', data: cfg.labels, axisLabel: { fontSize: 11 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: cfg.names.observed, type: 'bar', data: cfg.observed, itemStyle: { color: '#6baed6' }, barMaxWidth: 10 },
        { name: cfg.names.expected, type: 'line', data: cfg.expected, connectNulls: false, symbolSize: 5, lineStyle: { color: '#1e7b45' }, itemStyle: { color: '#1e7b45' } },
        { name: cfg.names.threshold, type: 'line', data: cfg.threshold, connectNulls: false, symbolSize: 5, lineStyle: { color: '#c8102e', type: 'dashed' }, itemStyle: { color: '#c8102e' } },
        { name: cfg.names.alarm, type: 'scatter', data: alarms, symbol: 'triangle', symbolSize: 14, itemStyle: { color: '#c8102e' }, z: 5 }
      ]
    });
    window.addEventListener('resize', function () { chart.resize(); });
    el.dataset.rendered = 'true';
  }

  function drawAll(root) {
    (root || document).querySelectorAll('.risk-chart').forEach(draw);
    if (window.qwProvinceMap) window.qwProvinceMap.drawAll(root || document);
  }

  window.qwRiskChart = { draw: draw, drawAll: drawAll };
  ['htmx:after:settle', 'htmx:afterSettle'].forEach(function (name) {
    document.addEventListener(name, function () { drawAll(document); });
  });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { drawAll(); });
  else drawAll();
})();
