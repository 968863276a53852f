// Dashboard: products and batches per category as a horizontal bar chart.
(function () {
  'use strict';
  var el = document.getElementById('category-chart');
  var cfgEl = document.getElementById('category-chart-config');
  if (!el || !cfgEl || typeof echarts === 'undefined') return;
  var cfg = JSON.parse(cfgEl.textContent);
  var rows = cfg.rows.slice().reverse();
  var chart = echarts.init(el);
  chart.setOption({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: [cfg.labels.products, cfg.labels.batches], top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: rows.map(function (r) { return r.name; }), axisLabel: { fontSize: 11 } },
    series: [
      { name: cfg.labels.products, type: 'bar', data: rows.map(function (r) { return r.products; }), itemStyle: { color: '#2171b5' } },
      { name: cfg.labels.batches, type: 'bar', data: rows.map(function (r) { return r.batches; }), itemStyle: { color: '#c8102e' } }
    ]
  });
  window.addEventListener('resize', function () { chart.resize(); });
  el.dataset.rendered = 'true';
})();
