/* Dashboard charts (Chart.js) and map (Leaflet, no tile server needed).
 *
 * The page runs under a strict Content-Security-Policy: this file is the only script,
 * it reads its URLs and labels from data-* attributes of #dashboard-body, and it
 * redraws whenever htmx swaps that element after a filter change.
 */
(function () {
  "use strict";

  var PALETTE = ["#1d3f72", "#c0392b", "#2e8b57", "#d68910", "#7d3c98", "#17a589", "#5d6d7e"];
  var SHADES = ["#f1f5fb", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
  var charts = [];
  var map = null;

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status + " for " + url); }
        return response.json();
      });
  }

  function find(body, selector) {
    return body.querySelector(selector);
  }

  function destroyAll() {
    charts.forEach(function (chart) { chart.destroy(); });
    charts = [];
    if (map) { map.remove(); map = null; }
  }

  /* Numbers as the server writes them: Chromium's Intl has no Khmer separators and
   * would write 1,000 where the page's cards say 1.000 (Django's km and vi formats). */
  function numberLocale() {
    var lang = document.documentElement.lang || "vi";
    return lang === "km" ? "vi" : lang;
  }

  function number(value) {
    return new Intl.NumberFormat(numberLocale()).format(value);
  }

  /* "2022-05" as "05/2022", the month as both countries write dates (dd/mm/yyyy). */
  function monthLabel(iso) {
    var parts = String(iso).split("-");
    return parts.length === 2 ? parts[1] + "/" + parts[0] : String(iso);
  }

  /* Words of a label: Khmer writes no spaces between words, so the browser's word
   * segmenter finds the breaks; without it, spaces are the only breaks. */
  function words(label) {
    var text = String(label);
    var parts = text.split(/(\s+)/);
    if (typeof Intl !== "undefined" && Intl.Segmenter) {
      var lang = document.documentElement.lang || "vi";
      var segmenter = new Intl.Segmenter(lang, { granularity: "word" });
      parts = Array.from(segmenter.segment(text), function (part) { return part.segment; });
    }
    /* Brackets and punctuation stay with their word: no line ends in "(". */
    var joined = [];
    var opening = "";
    parts.forEach(function (part) {
      if (/^[(\[«“]+$/.test(part)) { opening += part; return; }
      if (joined.length && !opening && /^[)\]»”,.;:!?។]+$/.test(part)) {
        joined[joined.length - 1] += part;
        return;
      }
      joined.push(opening + part);
      opening = "";
    });
    if (opening) { joined.push(opening); }
    return joined;
  }

  /* A long category name as lines no wider than `room` pixels in the charts' font, so
   * Chart.js does not crop it at the canvas edge (a y axis gets only part of the width). */
  function wrapLabel(label, room, measure) {
    var lines = [];
    var line = "";
    words(label).forEach(function (word) {
      var candidate = line + word;
      if (line.trim() && measure(candidate.trim()) > room) {
        lines.push(line.trim());
        line = word;
      } else {
        line = candidate;
      }
    });
    if (line.trim()) { lines.push(line.trim()); }
    return lines.length > 1 ? lines : String(label);
  }

  /* Khmer stacks vowels and subscripts above and below the line: more room between lines. */
  function lineHeight() {
    return (document.documentElement.lang || "vi") === "km" ? 1.7 : 1.25;
  }

  function measurer() {
    var context = document.createElement("canvas").getContext("2d");
    context.font = Chart.helpers.toFont(Chart.defaults.font).string;
    return function (text) { return context.measureText(text).width; };
  }

  /* Room for every wrapped label: the box grows with the number of lines (never below the
   * height the stylesheet gives it), so no label is skipped to make room. */
  function fitBox(canvas, lines) {
    var box = canvas.parentElement;
    if (!box) { return; }
    box.style.height = "";
    /* Every bar gets the same band, so the label with the most lines sets its height. */
    var most = lines.reduce(function (max, l) { return Math.max(max, Array.isArray(l) ? l.length : 1); }, 1);
    var needed = lines.length * (most * Math.ceil(12 * lineHeight()) + 6) + 60;
    if (needed > box.clientHeight) { box.style.height = needed + "px"; }
  }

  function baseOptions(extra) {
    var options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale: numberLocale(),
      plugins: { legend: { display: true } },
    };
    Object.keys(extra || {}).forEach(function (key) { options[key] = extra[key]; });
    return options;
  }

  function drawTrend(body, trend) {
    var canvas = find(body, '[data-chart="trend"]');
    if (!canvas) { return; }
    var labels = { all: body.dataset.labelAll, approved: body.dataset.labelApproved };
    var datasets = trend.series.map(function (series, index) {
      return {
        label: labels[series.name] || series.name,
        data: series.data,
        borderColor: PALETTE[index],
        backgroundColor: PALETTE[index],
        tension: 0, // straight lines: a curve would suggest activity between months
        pointRadius: trend.labels.length > 36 ? 0 : 2,
      };
    });
    charts.push(new Chart(canvas, {
      type: "line",
      data: { labels: trend.labels.map(monthLabel), datasets: datasets },
      options: baseOptions({ scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }),
    }));
  }

  function drawBars(canvas, labels, data, label, colors) {
    if (!canvas) { return; }
    var room = Math.max(80, (canvas.parentElement || canvas).clientWidth * 0.4);
    var measure = measurer();
    var lines = labels.map(function (name) { return wrapLabel(name, room, measure); });
    fitBox(canvas, lines);
    charts.push(new Chart(canvas, {
      type: "bar",
      data: { labels: lines, datasets: [{ label: label, data: data, backgroundColor: colors }] },
      options: baseOptions({
        indexAxis: "y",
        plugins: { legend: { display: false } },
        scales: {
          x: { beginAtZero: true, ticks: { precision: 0 } },
          y: { ticks: { autoSkip: false, font: { lineHeight: lineHeight() } } },
        },
      }),
    }));
  }

  function drawKinds(body, kinds) {
    drawBars(find(body, '[data-chart="kinds"]'), kinds.labels, kinds.data,
      body.dataset.labelActivities, PALETTE[0]);
  }

  function drawProvinces(body, provinces) {
    var colors = provinces.countries.map(function (code) {
      return code === "VN" ? PALETTE[1] : PALETTE[0];
    });
    var caption = find(body, '[data-role="provinces-caption"]');
    if (caption) { caption.textContent = caption.textContent.split(" — ")[0] + " — " + provinces.indicator; }
    drawBars(find(body, '[data-chart="provinces"]'), provinces.labels, provinces.data,
      provinces.indicator, colors);
  }

  /* A province's name in the page's language: Khmer names where the file has them
   * (Cambodian provinces), otherwise the Vietnamese name the charts also use. */
  function placeName(props) {
    var lang = document.documentElement.lang || "vi";
    return (lang === "km" && props.name_km) || props.name_vi || props.name_en || "";
  }

  function featureValue(values, feature) {
    var props = feature.properties || {};
    var codes = props.codes && props.codes.length ? props.codes : [props.code];
    var total = null;
    codes.forEach(function (code) {
      var value = values[props.country + ":" + code];
      if (value !== undefined) { total = (total || 0) + value; }
    });
    return total;
  }

  function shadeIndex(value, max) {
    if (value === null || value === 0 || !max) { return 0; }
    return Math.min(5, 1 + Math.floor((value / max) * 4.999));
  }

  function legend(body, max, provinces) {
    var element = find(body, '[data-role="map-legend"]');
    if (!element) { return; }
    element.textContent = provinces.indicator + " (" + provinces.unit + "): ";
    for (var i = 0; i < SHADES.length; i += 1) {
      var swatch = document.createElement("span");
      swatch.className = "swatch s" + i;
      element.appendChild(swatch);
      var upper = max >= 10 ? Math.round((max * i) / 5) : (max * i) / 5;
      element.appendChild(document.createTextNode(i === 0 ? "0" : "≤ " + number(upper)));
    }
  }

  function addPoints(layerGroup, points, style, label) {
    points.forEach(function (point) {
      L.circleMarker([point.lat, point.lng], style)
        .bindTooltip(label + ": " + point.name)
        .addTo(layerGroup);
    });
  }

  function drawMap(body, provinces, layers) {
    var element = find(body, '[data-role="map"]');
    if (!element || typeof L === "undefined") { return; }
    map = L.map(element, {
      zoomSnap: 0.25, attributionControl: true, zoomAnimation: false, fadeAnimation: false,
      markerZoomAnimation: false,
    });
    map.setView([12.5, 106.0], 6);
    var tileUrl = body.dataset.tileUrl;
    if (tileUrl) { L.tileLayer(tileUrl, { maxZoom: 14 }).addTo(map); }
    var values = provinces.values || {};
    var max = 0;
    Object.keys(values).forEach(function (key) { max = Math.max(max, values[key]); });
    legend(body, max, provinces);
    var requests = [];
    if (layers.provinces) {
      requests.push(getJSON(layers.provinces).then(function (geojson) {
        var layer = L.geoJSON(geojson, {
          style: function (feature) {
            return {
              color: "#556", weight: 1, fillOpacity: 0.85,
              fillColor: SHADES[shadeIndex(featureValue(values, feature), max)],
            };
          },
          onEachFeature: function (feature, featureLayer) {
            var value = featureValue(values, feature);
            var name = placeName(feature.properties);
            featureLayer.bindTooltip(
              name + ": " + (value === null ? body.dataset.labelNoData : number(value))
            );
          },
        }).addTo(map);
        var bounds = layer.getBounds();
        if (bounds.isValid()) { map.fitBounds(bounds, { padding: [10, 10], animate: false }); }
        if (geojson.attribution) { map.attributionControl.addAttribution(geojson.attribution); }
      }));
    }
    if (layers.border) {
      requests.push(getJSON(layers.border).then(function (geojson) {
        L.geoJSON(geojson, { style: { color: "#b03a2e", weight: 2.5 } }).addTo(map);
      }));
    }
    var points = L.layerGroup().addTo(map);
    addPoints(points, layers.units || [], { radius: 4, color: "#2e8b57", fillOpacity: 0.9 },
      body.dataset.labelUnit);
    addPoints(points, layers.markers || [], { radius: 2, color: "#7d3c98", fillOpacity: 0.9 },
      body.dataset.labelMarker);
    addPoints(points, layers.gates || [], { radius: 6, color: "#d68910", fillOpacity: 0.9 },
      body.dataset.labelGate);
    return Promise.all(requests).then(function () {
      points.eachLayer(function (layer) { layer.bringToFront(); });
    });
  }

  function init() {
    var body = document.getElementById("dashboard-body");
    if (!body || typeof Chart === "undefined") { return; }
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    destroyAll();
    body.dataset.state = "loading";
    Promise.all([getJSON(body.dataset.dataUrl), getJSON(body.dataset.mapUrl)])
      .then(function (results) {
        var data = results[0];
        drawTrend(body, data.trend);
        drawKinds(body, data.kinds);
        drawProvinces(body, data.provinces);
        return drawMap(body, data.provinces, results[1]);
      })
      .then(function () { body.dataset.state = "ready"; })
      .catch(function (error) {
        body.dataset.state = "error";
        console.warn("Dashboard could not be drawn:", error);
      });
  }

  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail && event.detail.target && event.detail.target.id === "dashboard-body") {
      destroyAll();
    }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target && event.target.id === "dashboard-body") { init(); }
  });
})();
