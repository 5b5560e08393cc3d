/* Leaflet's own words in the page's language.
 *
 * Loaded right after the vendored leaflet.js by templates/_leaflet.html, before any map is
 * made: the zoom buttons' titles, the "Leaflet" link's title and the attribution of the
 * boundary file come from data-* attributes of this script's tag (translated by Django),
 * so a Vietnamese or Khmer page carries no English tooltip (strict CSP: no inline script).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || typeof L === "undefined") { return; }
  var labels = script.dataset;

  L.Control.Zoom.mergeOptions({ zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut });

  var link = document.createElement("a");
  link.href = "https://leafletjs.com";
  link.title = labels.leafletTitle;
  link.textContent = "Leaflet";
  L.Control.Attribution.mergeOptions({ prefix: link.outerHTML });

  /* The boundary files carry an English attribution; show the translated one instead. */
  var add = L.Control.Attribution.prototype.addAttribution;
  L.Control.Attribution.prototype.addAttribution = function (text) {
    var translated = /^Boundaries: Natural Earth/.test(text || "") ? labels.boundaries : "";
    return add.call(this, translated || text);
  };
})();
