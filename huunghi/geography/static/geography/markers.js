/* Map of border markers (Leaflet, no tile server needed).
 *
 * The page runs under a strict Content-Security-Policy: this file reads its URLs and
 * labels from data-* attributes of #marker-map and draws the border provinces, the
 * border line and one point per marker with a position (each links to its page).
 */
(function () {
  "use strict";

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status + " for " + url); }
        return response.json();
      });
  }

  var COLOURS = { good: "#2e8b57", repainted: "#1d3f72", repaired: "#17a589",
    damaged: "#d68910", lost: "#c0392b" };

  function drawPoints(map, element, data) {
    var group = L.featureGroup().addTo(map);
    data.markers.forEach(function (point) {
      var colour = COLOURS[point.condition] || "#7d3c98";
      L.circleMarker([point.lat, point.lng], { radius: 5, color: colour, fillOpacity: 0.9 })
        .bindTooltip(element.dataset.labelMarker + " " + point.name)
        .on("click", function () { window.location.href = point.url; })
        .addTo(group);
    });
    var count = document.querySelector('[data-role="map-count"]');
    if (count) {
      count.textContent = new Intl.NumberFormat(document.documentElement.lang || "vi")
        .format(data.markers.length) + " " + count.dataset.labelCount;
    }
    return group;
  }

  function init() {
    var element = document.getElementById("marker-map");
    if (!element || typeof L === "undefined") { return; }
    element.dataset.state = "loading";
    var map = L.map(element, { zoomSnap: 0.25, zoomAnimation: false, fadeAnimation: false });
    map.setView([12.5, 106.0], 6);
    if (element.dataset.tileUrl) { L.tileLayer(element.dataset.tileUrl, { maxZoom: 16 }).addTo(map); }
    var provinces = getJSON(element.dataset.provincesUrl).then(function (geojson) {
      L.geoJSON(geojson, { style: { color: "#556", weight: 1, fillColor: "#f1f5fb", fillOpacity: 0.8 } })
        .addTo(map);
      if (geojson.attribution) { map.attributionControl.addAttribution(geojson.attribution); }
    });
    var border = getJSON(element.dataset.borderUrl).then(function (geojson) {
      L.geoJSON(geojson, { style: { color: "#b03a2e", weight: 2.5 } }).addTo(map);
    });
    Promise.all([provinces, border, getJSON(element.dataset.pointsUrl)])
      .then(function (results) {
        var group = drawPoints(map, element, results[2]);
        var bounds = group.getBounds();
        if (bounds.isValid()) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 11, animate: false }); }
        element.dataset.state = "ready";
      })
      .catch(function (error) {
        element.dataset.state = "error";
        console.warn("Marker map could not be drawn:", error);
      });
  }

  document.addEventListener("DOMContentLoaded", init);
})();
