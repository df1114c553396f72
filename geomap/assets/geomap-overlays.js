/* geomap map: the user's own layers (--overlay FILE) (own code of the geomap project, MIT).
 * Each overlay is a switch in the layer control. Areas are filled lightly, lines drawn
 * thick, points as small circles, in the overlay's colour; a click shows the feature's
 * properties (escaped in Python). Features with a date follow the time control: of them,
 * only those of the latest date at or before the last day of the range are shown (a front
 * line file with one polygon per day shows the line of that day); undated ones always. */
(function (G) {
  "use strict";

  function popupHtml(o, f) {
    var h = '<div class="geomap-popup gm-overlay-popup"><div class="gm-head" style="border-color:' +
      o.color + '"><b>' + o.name + "</b>" + (f.d ? " &middot; " + f.d : "") + '</div><table class="gm-props">';
    f.p.forEach(function (kv) { h += "<tr><th>" + kv[0] + "</th><td>" + kv[1] + "</td></tr>"; });
    return h + "</table></div>";
  }

  function layerOf(o, f) {
    return L.geoJSON(f.g, {
      style: function (feature) {
        var kind = feature.geometry.type;
        if (kind === "Polygon" || kind === "MultiPolygon") {
          return { color: o.color, weight: 2, fillColor: o.color, fillOpacity: 0.12, className: "gm-overlay-area" };
        }
        return { color: o.color, weight: 3.5, opacity: 0.9, className: "gm-overlay-line" };
      },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, {
          radius: 6, color: "#fff", weight: 1.5, fillColor: o.color, fillOpacity: 1, className: "gm-overlay-point"
        });
      }
    }).bindPopup(popupHtml(o, f), { maxWidth: 360 });
  }

  /* Draw overlays[i] into groups[i]; returns {setDay(dayNumber or null)}. */
  G.drawOverlays = function (overlays, groups) {
    var state = overlays.map(function (o, i) {
      var byDate = new Map(), dates = [];
      o.features.forEach(function (f) {
        var layer = layerOf(o, f);
        if (!f.d) { layer.addTo(groups[i]); return; }
        var d = G.dayNumber(f.d);
        if (!byDate.has(d)) { byDate.set(d, []); dates.push(d); }
        byDate.get(d).push(layer);
      });
      dates.sort(function (a, b) { return a - b; });
      return { byDate: byDate, dates: dates, shown: null, group: groups[i] };
    });

    function setDay(day) {
      state.forEach(function (s) {
        var pick = null;
        s.dates.forEach(function (d) { if (day === null || d <= day) { pick = d; } });
        if (pick === s.shown) { return; }
        if (s.shown !== null) { s.byDate.get(s.shown).forEach(function (l) { s.group.removeLayer(l); }); }
        if (pick !== null) { s.byDate.get(pick).forEach(function (l) { s.group.addLayer(l); }); }
        s.shown = pick;
      });
    }

    return {
      setDay: setDay,
      /* The date of the features each overlay shows now (ISO), or null. */
      shown: function () { return state.map(function (s) { return s.shown === null ? null : G.isoDay(s.shown); }); }
    };
  };
}(window.geomapLib = window.geomapLib || {}));
