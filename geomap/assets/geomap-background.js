/* geomap map: the offline background (own code of the geomap project, MIT).
 * Country fills and borders, oblast borders, lakes and rivers decoded from the payload's
 * encoded polylines, and the names of countries, regions and places. Names are placed
 * most important first, each at the first of a few spots around its point that overlaps
 * neither a name already placed nor a marker or cluster on the map; a name with no free
 * spot is left out until the next move or zoom. */
(function (G) {
  "use strict";

  var KIND_PLACE = 0, KIND_REGION = 1, KIND_COUNTRY = 2;
  var FONTS = ["11px sans-serif", "10px sans-serif", "10px sans-serif", "12px sans-serif"];
  var CLASSES = ["gm-town-name", "gm-region-name", "gm-country-name", "gm-town-name gm-village"];
  var PLACE_SLOTS = ["R", "L", "B", "T", "R2", "L2", "B2", "T2"];
  var CENTRE_SLOTS = ["C", "CU", "CD", "CU2", "CD2", "CL", "CR"];

  var ctx = null;
  function textWidth(text, font, spacing) {
    if (!ctx) { ctx = document.createElement("canvas").getContext("2d"); }
    ctx.font = font;
    return Math.ceil(ctx.measureText(text).width + spacing * text.length) + 2;
  }

  /* Top-left corner of a w x h name box in slot s around the point (x, y). */
  function slotBox(s, x, y, w, h) {
    var b;
    switch (s) {
      case "R": b = [x + 5, y - h / 2]; break;
      case "L": b = [x - 5 - w, y - h / 2]; break;
      case "T": b = [x - w / 2, y - 4 - h]; break;
      case "B": b = [x - w / 2, y + 4]; break;
      case "R2": b = [x + 18, y - h / 2]; break;
      case "L2": b = [x - 18 - w, y - h / 2]; break;
      case "B2": b = [x - w / 2, y + 16]; break;
      case "T2": b = [x - w / 2, y - 44 - h]; break;
      case "CU": b = [x - w / 2, y - h / 2 - 14]; break;
      case "CD": b = [x - w / 2, y - h / 2 + 14]; break;
      case "CU2": b = [x - w / 2, y - h / 2 - 30]; break;
      case "CD2": b = [x - w / 2, y - h / 2 + 30]; break;
      case "CL": b = [x - w / 2 - 40, y - h / 2]; break;
      case "CR": b = [x - w / 2 + 40, y - h / 2]; break;
      default: b = [x - w / 2, y - h / 2];
    }
    return [b[0], b[1], b[0] + w, b[1] + h];
  }

  /* Screen boxes of the markers and clusters drawn now. */
  function markerBoxes(map, cluster, index) {
    if (!cluster || !cluster._featureGroup || !map.hasLayer(cluster)) { return; }
    cluster._featureGroup.eachLayer(function (layer) {
      var icon = layer._iconObj || layer.options.icon; // a cluster keeps its divIcon in _iconObj
      if (!layer._icon || !icon) { return; }
      var o = icon.options, size = L.point(o.iconSize || [12, 12]);
      var anchor = o.iconAnchor ? L.point(o.iconAnchor) : size.divideBy(2);
      var p = map.latLngToContainerPoint(layer.getLatLng());
      index.add([p.x - anchor.x, p.y - anchor.y, p.x - anchor.x + size.x, p.y - anchor.y + size.y]);
    });
  }

  function labelTable(bg) {
    var t = { name: [], lat: [], lon: [], zmin: [], zmax: [], kind: [] };
    var c = bg.countries, cz = bg.labels.countryZooms, rz = bg.labels.regionZooms;
    if (c) {
      c.name.forEach(function (name, i) {
        t.name.push(name); t.lat.push(c.label[i][0]); t.lon.push(c.label[i][1]);
        t.zmin.push(cz[0]); t.zmax.push(cz[1]); t.kind.push(KIND_COUNTRY);
      });
    }
    var l = bg.labels, pts = G.decode(l.pts, 4);
    l.name.forEach(function (name, i) {
      t.name.push(name); t.lat.push(pts[i][0]); t.lon.push(pts[i][1]);
      t.zmin.push(l.zoom[i]); t.kind.push(l.kind[i]);
      t.zmax.push(l.kind[i] === KIND_REGION ? rz[1] : 99);
    });
    return t;
  }

  function drawShapes(base, bg) {
    if (bg.countries) {
      bg.countries.shape.forEach(function (shape) {
        L.polygon(G.decodeShape(shape, bg.countries.p), {
          pane: "geomap-base", interactive: false, className: "gm-country",
          color: "#8a8a8a", weight: 0.9, fillColor: "#f3f0e8", fillOpacity: 1
        }).addTo(base);
      });
    }
    if (bg.lakes.length) {
      L.polygon(G.decodeShape(bg.lakes, 3), {
        pane: "geomap-base", interactive: false, className: "gm-lake",
        color: "#8fb3cf", weight: 0.6, fillColor: "#cfdde6", fillOpacity: 1
      }).addTo(base);
    }
    var rivers = null;
    if (bg.rivers.length) {
      rivers = L.polyline(G.decodeShape(bg.rivers, 3), {
        pane: "geomap-base", interactive: false, className: "gm-river",
        color: "#7ea9cc", weight: 1.2, lineCap: "round"
      }).addTo(base);
    }
    if (bg.borders) {
      Object.keys(bg.adm1).forEach(function (k) {
        L.polygon(G.decodeShape(bg.adm1[k].shape, 4), {
          pane: "geomap-base", interactive: false, className: "gm-adm1",
          color: "#9d9d9d", weight: 0.7, fill: false
        }).addTo(base);
      });
    }
    return rivers;
  }

  /* clusterOf() returns the cluster layer on the map now; call schedule() after it changed. */
  G.drawBackground = function (map, base, bg, clusterOf) {
    map.createPane("geomap-base");
    map.getPane("geomap-base").style.zIndex = 150;
    map.createPane("geomap-labels");
    map.getPane("geomap-labels").style.zIndex = 450;
    map.getPane("geomap-labels").style.pointerEvents = "none";
    if (bg.attribution) { L.layerGroup([], { attribution: bg.attribution }).addTo(base); }
    var rivers = drawShapes(base, bg);
    var t = labelTable(bg), n = t.name.length;
    var marks = new Array(n), slotOf = new Array(n), sizes = new Array(n), on = new Uint8Array(n);
    var layer = L.layerGroup().addTo(base);

    function size(i) {
      if (!sizes[i]) {
        var k = t.kind[i], style = k === KIND_PLACE && t.zmin[i] >= 10 ? 3 : k;
        var text = G.unesc(t.name[i]), spacing = k === KIND_REGION ? 1 : 0;
        if (k === KIND_REGION) { text = text.toUpperCase(); }
        sizes[i] = { w: textWidth(text, FONTS[style], spacing), h: style === 2 ? 15 : 13, style: style };
      }
      return sizes[i];
    }

    function show(i, s, box, x, y) {
      var mk = marks[i];
      if (!mk) {
        var st = size(i).style;
        mk = marks[i] = L.marker([t.lat[i], t.lon[i]], {
          pane: "geomap-labels", interactive: false, keyboard: false,
          icon: L.divIcon({
            className: "gm-label", iconSize: [0, 0],
            html: (t.kind[i] === KIND_PLACE ? '<span class="gm-town-dot"></span>' : "") +
              '<span class="' + CLASSES[st] + '">' + t.name[i] + "</span>"
          })
        });
        slotOf[i] = null;
      }
      if (!on[i]) { layer.addLayer(mk); on[i] = 1; }
      if (slotOf[i] !== s) {
        var span = mk.getElement().lastChild;
        span.style.left = Math.round(box[0] - x) + "px";
        span.style.top = Math.round(box[1] - y) + "px";
        slotOf[i] = s;
      }
    }

    function hide(i) {
      if (on[i]) { layer.removeLayer(marks[i]); on[i] = 0; }
    }

    function fits(box, w, h, index) {
      return box[2] > 0 && box[0] < w && box[3] > 0 && box[1] < h && !index.hits(box);
    }

    function place() {
      if (!map.hasLayer(base)) { return; }
      var z = map.getZoom(), view = map.getSize(), index = new G.BoxIndex(64);
      var area = map.getBounds().pad(0.15), south = area.getSouth(), north = area.getNorth();
      var west = area.getWest(), east = area.getEast();
      markerBoxes(map, clusterOf(), index);
      for (var i = 0; i < n; i++) {
        var la = t.lat[i], lo = t.lon[i];
        if (z < t.zmin[i] || z > t.zmax[i] || la < south || la > north || lo < west || lo > east) {
          hide(i);
          continue;
        }
        var p = map.latLngToContainerPoint([t.lat[i], t.lon[i]]), sz = size(i);
        var slots = t.kind[i] === KIND_PLACE ? PLACE_SLOTS : CENTRE_SLOTS, chosen = null, box = null;
        for (var k = 0; k < slots.length && !chosen; k++) {
          box = slotBox(slots[k], p.x, p.y, sz.w, sz.h);
          if (fits(box, view.x, view.y, index)) { chosen = slots[k]; }
        }
        if (!chosen) { hide(i); continue; }
        index.add(box);
        if (t.kind[i] === KIND_PLACE) { index.add([p.x - 3, p.y - 3, p.x + 3, p.y + 3]); }
        show(i, chosen, box, p.x, p.y);
      }
      if (rivers) { rivers.setStyle({ weight: z < 6 ? 0.8 : z < 9 ? 1.2 : z < 11 ? 1.8 : 2.5 }); }
    }

    var pending = false;
    function schedule() {
      if (pending) { return; }
      pending = true;
      requestAnimationFrame(function () { pending = false; place(); });
    }
    map.on("zoomend moveend resize", schedule);
    base.on("add", schedule);

    function shownOf(kind) {
      var out = [];
      for (var i = 0; i < n; i++) {
        if (t.kind[i] === kind && on[i] && map.hasLayer(marks[i])) {
          out.push(marks[i].getElement().lastChild.textContent);
        }
      }
      return out;
    }
    return {
      place: place,
      schedule: schedule,
      shown: function () { return shownOf(KIND_PLACE); },
      regions: function () { return shownOf(KIND_REGION); },
      countries: function () { return shownOf(KIND_COUNTRY); }
    };
  };
}(window.geomapLib = window.geomapLib || {}));
