// Province map component (see Ui/ProvinceMapViewComponent.cs). Draws every .qw-map element:
// a tile grid of the 34 provincial-level units coloured by value, or, when the server names an
// approved GeoJSON, a real map series on it. Sets data-rendered="true" when drawn.
(function () {
  'use strict';

  var palette = ['#eef4fb', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];

  function provinceOf(feature) {
    var p = feature.properties || {};
    var code = String(p.adcode || p.code || p.gb || p.id || '');
    return code.length >= 2 ? code.substring(0, 2) : null;
  }

  function tooltip(cfg) {
    return function (params) {
      var d = params.data || {};
      return (d.fullName || params.name) + '<br>' + cfg.valueLabel + ': ' + (d.raw != null ? d.raw : params.value).toLocaleString();
    };
  }

  function visualMap(cfg, dimension) {
    var vm = {
      min: 0, max: cfg.max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
      itemHeight: 160, inRange: { color: palette }, textStyle: { color: '#4a5b70' }
    };
    if (dimension != null) vm.dimension = dimension;
    return vm;
  }

  function tileOption(cfg) {
    var data = cfg.tiles.map(function (t) {
      // Dark tiles get light text so every label stays readable.
      var dark = cfg.max > 0 && t.value / cfg.max > 0.55;
      return { value: [t.col, t.row, t.value], name: t.name, fullName: t.name, raw: t.value, code: t.code, label: { color: dark ? '#ffffff' : '#10243e' } };
    });
    var cols = [], rows = [];
    for (var c = 0; c < cfg.columns; c++) cols.push(c);
    for (var r = 0; r < cfg.rows; r++) rows.push(r);
    return {
      tooltip: { formatter: tooltip(cfg) },
      grid: { left: 4, right: 4, top: 4, bottom: 48 },
      xAxis: { type: 'category', data: cols, show: false },
      yAxis: { type: 'category', data: rows, show: false, inverse: true },
      visualMap: visualMap(cfg, 2),
      series: [{
        type: 'heatmap',
        data: data,
        itemStyle: { borderColor: '#ffffff', borderWidth: 3, borderRadius: 4 },
        label: {
          show: true, fontSize: 11, lineHeight: 15,
          formatter: function (p) { return p.data.name + '\n' + p.data.raw.toLocaleString(); },
          color: '#10243e'
        },
        emphasis: { itemStyle: { borderColor: '#c8102e', borderWidth: 2 } }
      }]
    };
  }

  function geoOption(cfg, mapName) {
    var byCode = {};
    cfg.tiles.forEach(function (t) { byCode[t.code] = t; });
    return {
      tooltip: { formatter: tooltip(cfg) },
      visualMap: visualMap(cfg),
      series: [{
        type: 'map', map: mapName, nameProperty: 'qwcode', roam: false, top: 8, bottom: 48,
        label: { show: false },
        data: cfg.tiles.map(function (t) { return { name: t.code, value: t.value, raw: t.value, fullName: t.name }; }),
        emphasis: { label: { show: true, formatter: function (p) { return byCode[p.name] ? byCode[p.name].name : p.name; } } }
      }]
    };
  }

  function draw(el) {
    if (el.dataset.rendered === 'true' || typeof echarts === 'undefined') return;
    var cfg = JSON.parse(el.querySelector('.qw-map-config').textContent);
    var chart = echarts.init(el.querySelector('.qw-map-canvas'));
    window.addEventListener('resize', function () { chart.resize(); });
    var done = function () { el.dataset.rendered = 'true'; };
    if (!cfg.geoJsonUrl) {
      chart.setOption(tileOption(cfg));
      done();
      return;
    }
    fetch(cfg.geoJsonUrl, { credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (geo) {
        var names = {};
        cfg.tiles.forEach(function (t) { names[t.nameZh] = t.code; });
        (geo.features || []).forEach(function (f) {
          var code = provinceOf(f);
          if (!code && f.properties && f.properties.name) {
            Object.keys(names).forEach(function (n) { if (f.properties.name.indexOf(n) === 0) code = names[n]; });
          }
          f.properties = f.properties || {};
          f.properties.qwcode = code || '';
        });
        echarts.registerMap('qw-provinces', geo);
        chart.setOption(geoOption(cfg, 'qw-provinces'));
        done();
      })
      .catch(function () {
        // An unreadable GeoJSON must not leave the page without a map: fall back to the tile grid.
        chart.setOption(tileOption(cfg));
        done();
      });
  }

  function drawAll(root) {
    (root || document).querySelectorAll('.qw-map').forEach(draw);
  }

  window.qwProvinceMap = { draw: draw, drawAll: drawAll };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { drawAll(); });
  else drawAll();
})();
