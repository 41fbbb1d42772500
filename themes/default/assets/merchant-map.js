// The merchant map: markers from the portal's GeoJSON over Leaflet. The table on the same page lists
// every merchant, so without JavaScript (or Leaflet) nothing is lost: the map stays hidden.
(function () {
  "use strict";
  var box = document.getElementById("mappa-esercenti");
  if (!box || !window.L || !window.fetch) return;
  box.hidden = false;
  var map = L.map(box, { scrollWheelZoom: false });
  var tiles = box.getAttribute("data-tiles");
  if (tiles) L.tileLayer(tiles, { attribution: box.getAttribute("data-attribution") || "" }).addTo(map);
  var root = box.getAttribute("data-root");
  fetch(box.getAttribute("data-geojson"))
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        pointToLayer: function (feature, place) {
          return L.marker(place, { alt: feature.properties.name, title: feature.properties.name });
        },
        onEachFeature: function (feature, marker) {
          var link = document.createElement("a");
          link.href = root + feature.properties.path;
          link.textContent = feature.properties.name;
          marker.bindPopup(link);
        },
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 16 });
    });
})();
