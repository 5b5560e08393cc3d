/* Completeness map: provinces shaded by the share of expected reports received, one
   point per subordinate unit. Vendored Leaflet, no tile server needed. */
(function () {
  "use strict";
  var SHADES = ["#eeeeee", "#d73027", "#fc8d59", "#fee08b", "#91cf60", "#1a9850"];

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
  }

  function shade(rate) {
    if (rate === null || rate === undefined) { return SHADES[0]; }
    return SHADES[Math.min(5, 1 + Math.floor(rate / 20))];
  }

  function provinceRate(data, props) {
    var codes = props.codes || [props.code];
    for (var i = 0; i < codes.length; i += 1) {
      var found = data.provinces[props.country + ":" + codes[i]];
      if (found) { return found.received_rate; }
    }
    return null;
  }

  /* A province's name in the page's language (Khmer names where the file has them). */
  function placeName(props) {
    var lang = document.documentElement.lang || "vi";
    return (lang === "km" && props.name_km) || props.name_vi || props.name_en || "";
  }

  function percent(rate) {
    if (rate === null || rate === undefined) { return "—"; }
    var lang = document.documentElement.lang || "vi";
    return new Intl.NumberFormat(lang === "km" ? "vi" : lang, { maximumFractionDigits: 1 })
      .format(rate) + " %";
  }

  function draw(element, data) {
    var map = L.map(element, { zoomSnap: 0.25, zoomAnimation: false, fadeAnimation: false });
    map.setView([12.5, 106.0], 6);
    if (element.dataset.tileUrl) { L.tileLayer(element.dataset.tileUrl, { maxZoom: 14 }).addTo(map); }
    var received = element.dataset.labelReceived;
    var onTime = element.dataset.labelOnTime;
    var requests = [];
    if (data.provinces_file) {
      requests.push(getJSON(data.provinces_file).then(function (geojson) {
        var layer = L.geoJSON(geojson, {
          style: function (feature) {
            return { color: "#556", weight: 1, fillOpacity: 0.8,
              fillColor: shade(provinceRate(data, feature.properties)) };
          },
          onEachFeature: function (feature, featureLayer) {
            featureLayer.bindTooltip(placeName(feature.properties) + ": " +
              percent(provinceRate(data, feature.properties)) + " " + received);
          },
        }).addTo(map);
        var bounds = layer.getBounds();
        if (bounds.isValid()) { map.fitBounds(bounds, { padding: [10, 10], animate: false }); }
      }));
    }
    data.units.forEach(function (unit) {
      if (unit.lat === null || unit.lng === null) { return; }
      L.circleMarker([unit.lat, unit.lng], { radius: 6, color: "#333", weight: 1,
        fillColor: shade(unit.received_rate), fillOpacity: 0.95 })
        .bindTooltip(unit.name + ": " + unit.received + "/" + unit.expected + " " + received +
          ", " + unit.on_time + " " + onTime)
        .addTo(map);
    });
    return Promise.all(requests);
  }

  function init() {
    var element = document.querySelector('[data-role="cycle-map"]');
    if (!element || typeof L === "undefined") { return; }
    element.dataset.state = "loading";
    getJSON(element.dataset.mapUrl)
      .then(function (data) { return draw(element, data); })
      .then(function () { element.dataset.state = "ready"; })
      .catch(function (error) { element.dataset.state = "error"; console.warn(error); });
  }

  document.addEventListener("DOMContentLoaded", init);
})();
