/* geomap map behaviour: markers per event type, popups, side list, day filter.
 * Own code of the geomap project (MIT). Every string in the data payload arrives
 * HTML-escaped from Python (geomap/render.py); this file only concatenates them.
 *
 * The payload is columnar (one array per field, repeated strings dictionary-encoded) and
 * sorted newest first, so every filter is a contiguous slice of a per-type row list. All
 * markers share one cluster layer (clusters show their type mix); the layer control's
 * per-type switches are empty toggle layers. Markers are created and clustered in
 * time-boxed batches, newest first, so the map draws and responds to pan/zoom/click
 * while a large map is still loading. */
(function () {
  "use strict";

  var TIME_PREC = { 1: "day", 2: "week", 3: "month" };
  var GEO_PREC = { 1: "town", 2: "near a town / part of a region", 3: "region or country" };
  var PAGE = 300;
  // Loading (see geomapInit). Every slice ends with markercluster redrawing all clusters in
  // view, which costs tens of ms at 100,000 events: one redraw per small batch more than
  // doubled the load time, hence slices of up to MAX_SLICE markers, clustered in short tasks.
  var FIRST_SLICE = 1000; // markers clustered before the first paint
  var MAX_SLICE = 16000;
  var CHUNK_MS = 50; // longest clustering task; input and drawing happen between tasks
  var CHUNK_DELAY_MS = 0;

  // One small glyph per event type (index into data.types), drawn around (0, 0).
  var GLYPHS = [
    '<path d="M-5-5L5 5M5-5L-5 5" fill="none" stroke="G" stroke-width="2.6" stroke-linecap="round"/>',
    '<path d="M0-7L1.8-2.4 6.6-3.8 3.4 0 6.6 3.8 1.8 2.4 0 7-1.8 2.4-6.6 3.8-3.4 0-6.6-3.8-1.8-2.4z" fill="G"/>',
    '<circle cy="-3.6" r="2.6" fill="G"/><path d="M-4.6 6.2C-4.6 1.4-2.6-.2 0-.2S4.6 1.4 4.6 6.2z" fill="G"/>',
    '<path d="M-4 7V-6.5M-4-6.5H5L3-3.2 5 .2H-4" fill="G" stroke="G" stroke-width="1.8" stroke-linejoin="round"/>',
    '<path d="M0-6.5L6.5 5.5H-6.5z" fill="G"/>',
    '<path d="M0-6.5L6.5 0 0 6.5-6.5 0z" fill="G"/>',
    '<circle cx="-2.6" r="3.6" fill="none" stroke="G" stroke-width="2"/><circle cx="2.6" r="3.6" fill="none" stroke="G" stroke-width="2"/>'
  ];

  function glyph(typeIndex, colour) {
    return GLYPHS[typeIndex % GLYPHS.length].replace(/"G"/g, '"' + colour + '"');
  }

  /* Precision 1: solid pin; 2: hollow dashed pin; 3 (region): dashed ring. */
  function iconSvg(t, typeIndex, gp) {
    var c = t.color;
    if (gp >= 3) {
      return '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="30" viewBox="0 0 30 30">' +
        '<circle cx="15" cy="15" r="13" fill="' + c + '" fill-opacity="0.18" stroke="' + c +
        '" stroke-width="2.2" stroke-dasharray="4 3"/><g transform="translate(15 15)">' +
        glyph(typeIndex, c) + "</g></svg>";
    }
    var solid = gp <= 1;
    return '<svg xmlns="http://www.w3.org/2000/svg" width="28" height="40" viewBox="0 0 28 40">' +
      '<path d="M14 1.5C7.1 1.5 1.5 7.1 1.5 14c0 9.3 12.5 24.5 12.5 24.5S26.5 23.3 26.5 14C26.5 7.1 20.9 1.5 14 1.5z" fill="' +
      (solid ? c : "#fff") + '" stroke="' + (solid ? "#fff" : c) + '" stroke-width="' + (solid ? 1.5 : 2.4) + '"' +
      (solid ? "" : ' stroke-dasharray="4 2.5"') + '/><g transform="translate(14 14)">' +
      glyph(typeIndex, solid ? "#fff" : c) + "</g></svg>";
  }

  function makeIcon(t, typeIndex, gp) {
    var region = gp >= 3;
    return L.divIcon({
      html: iconSvg(t, typeIndex, gp),
      className: "geomap-marker geomap-prec-" + gp,
      iconSize: region ? [30, 30] : [28, 40],
      iconAnchor: region ? [15, 15] : [14, 39],
      popupAnchor: region ? [0, -14] : [0, -36]
    });
  }

  /* Row accessor for a payload column: a plain array or {v: distinct values, i: codes}. */
  function column(c) {
    if (c && !Array.isArray(c)) {
      var values = c.v, codes = c.i;
      return function (i) { return values[codes[i]]; };
    }
    return function (i) { return c[i]; };
  }

  /* First position p in rows (dates non-increasing) whose day index is <= d. */
  function firstAtOrBefore(rows, day, d) {
    var lo = 0, hi = rows.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (day[rows[mid]] <= d) { hi = mid; } else { lo = mid + 1; }
    }
    return lo;
  }

  function el(tag, cls, html) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (html !== undefined) { e.innerHTML = html; }
    return e;
  }

  function fmt(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

  /* Smallest zoom at which a town of population p is labelled. */
  function townMinZoom(p) { return p >= 1e6 ? 4 : p >= 5e5 ? 5 : p >= 2e5 ? 6 : 7; }

  /* Offline background in the base layer: country outlines, first-level borders and town
   * labels; the labels are placed largest town first and skip any that would overlap. */
  function drawBackground(map, base, data) {
    map.createPane("geomap-base");
    map.getPane("geomap-base").style.zIndex = 150;
    map.createPane("geomap-labels");
    map.getPane("geomap-labels").style.zIndex = 450;
    map.getPane("geomap-labels").style.pointerEvents = "none";
    if (data.attribution) { L.layerGroup([], { attribution: data.attribution }).addTo(base); }
    if (data.countries) {
      L.geoJSON(data.countries, {
        pane: "geomap-base", interactive: false,
        style: { color: "#8a8a8a", weight: 0.8, fillColor: "#f3f0e8", fillOpacity: 1 }
      }).addTo(base);
    }
    if (data.borders) {
      var adm1 = Object.keys(data.adm1 || {}).map(function (k) {
        return { type: "Feature", properties: {}, geometry: data.adm1[k].geometry };
      });
      L.geoJSON({ type: "FeatureCollection", features: adm1 }, {
        pane: "geomap-base", interactive: false,
        style: { color: "#a3a3a3", weight: 0.6, fill: false }
      }).addTo(base);
    }
    var towns = data.towns || { name: [], lat: [], lon: [], pop: [] };
    var labels = L.layerGroup().addTo(base);
    var marks = towns.name.map(function (name, i) {
      return L.marker([towns.lat[i], towns.lon[i]], {
        pane: "geomap-labels", interactive: false, keyboard: false,
        icon: L.divIcon({
          className: "gm-town", iconSize: [0, 0],
          html: '<span class="gm-town-dot"></span><span class="gm-town-name">' + name + "</span>"
        })
      });
    });
    var widths = towns.name.map(function (name) {
      return 6.3 * name.replace(/&[#a-z0-9]+;/gi, "x").length + 8;
    });
    function place() {
      if (!map.hasLayer(base)) { return; }
      var z = map.getZoom(), size = map.getSize(), boxes = [];
      marks.forEach(function (mk, i) {
        var show = false;
        if (z >= townMinZoom(towns.pop[i])) {
          var p = map.latLngToContainerPoint(mk.getLatLng());
          if (p.x > -widths[i] && p.y > -20 && p.x < size.x + 20 && p.y < size.y + 20) {
            var b = [p.x - 4, p.y - 8, p.x + widths[i], p.y + 7];
            show = !boxes.some(function (o) {
              return b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3];
            });
            if (show) { boxes.push(b); }
          }
        }
        if (show !== labels.hasLayer(mk)) {
          if (show) { labels.addLayer(mk); } else { labels.removeLayer(mk); }
        }
      });
    }
    map.on("zoomend moveend resize", place);
    base.on("add", place);
    return {
      place: place,
      shown: function () {
        return marks.filter(function (mk) { return map.hasLayer(mk); }).map(function (mk) {
          return mk.getElement().textContent;
        });
      }
    };
  }

  window.geomapInit = function (map, cluster, toggles, areas, data, base) {
    if (window.performance && performance.mark) { performance.mark("geomap:init"); }
    // The side panel (310 px, top left) would hide the events under it on a wide screen.
    var fitOptions = { maxZoom: 11, animate: false };
    if (map.getSize().x > 900) { fitOptions.paddingTopLeft = [320, 0]; }
    if (data.fit) { map.fitBounds(data.fit, fitOptions); }
    var background = drawBackground(map, base, data);
    var types = data.types;
    var days = data.days;
    var n = data.n;
    var cols = data.cols;
    var E = {};
    Object.keys(cols).forEach(function (k) { E[k] = column(cols[k]); });
    var dayOfRow = cols.day, typeOfRow = cols.type, lat = cols.lat, lon = cols.lon, gp = cols.gp;
    var state = { mode: "all", day: Math.max(days.length - 1, 0) };
    var dayIndex = {};
    days.forEach(function (d, i) { dayIndex[d] = i; });

    // Rows are newest first: every list below is too, so each filter is one slice of it.
    var onMap = [], offMap = [];
    var byType = types.map(function () { return []; });
    var posInType = new Int32Array(n);
    var polyRows = types.map(function () { return []; });
    for (var r = 0; r < n; r++) {
      if (lat[r] === null || E.level(r) === "country") { offMap.push(r); continue; }
      onMap.push(r);
      var rows = byType[typeOfRow[r]];
      posInType[r] = rows.length;
      rows.push(r);
      if (E.poly(r)) { polyRows[typeOfRow[r]].push(posInType[r]); }
    }

    var polygons = {};
    (data.polygons || []).forEach(function (key) {
      var p = data.adm1[key];
      polygons[key] = L.geoJSON(p.geometry, {
        style: { color: "#555", weight: 1.5, dashArray: "6 4", fillColor: "#777", fillOpacity: 0.08 }
      }).bindTooltip(p.name + ": region-level events");
    });

    // ---- markers: created on first use, one shared icon per (type, precision) ----
    var markers = new Array(n);
    var icons = {};
    function markerAt(row) {
      var mk = markers[row];
      if (!mk) {
        var ti = typeOfRow[row], key = ti * 8 + gp[row];
        var icon = icons[key] || (icons[key] = makeIcon(types[ti], ti, gp[row]));
        mk = markers[row] = L.marker([lat[row], lon[row]], { icon: icon });
        mk.geomapRow = row;
      }
      return mk;
    }

    function popupHtml(i) {
      var t = types[typeOfRow[i]];
      var sub = E.sub(i);
      var h = '<div class="geomap-popup"><div class="gm-head" style="border-color:' + t.color + '">' +
        "<b>" + t.label + "</b>" + (sub ? " &middot; " + sub : "") + "</div>";
      h += '<div class="gm-row">' + (dayOfRow[i] >= 0 ? days[dayOfRow[i]] : "undated") +
        ' <span class="gm-muted">(' + (TIME_PREC[cols.tp[i]] || "?") + " precision)</span>" +
        (E.status(i) === "planned" ? ' <span class="gm-planned">planned</span>' : "") + "</div>";
      var place = [E.place(i), E.adm1(i), E.country(i)].filter(function (s) { return s; });
      h += '<div class="gm-row">' + place.join(", ") + ' <span class="gm-muted">(' +
        (GEO_PREC[gp[i]] || "?") + ")</span></div>";
      var toll = [];
      if (cols.killed[i] !== null) { toll.push(cols.killed[i] + " killed"); }
      if (cols.injured[i] !== null) { toll.push(cols.injured[i] + " injured"); }
      h += '<div class="gm-row">Fatalities: ' + (toll.length ? toll.join(", ") : "not reported") + "</div>";
      var actors = [E.a1(i), E.a2(i)].filter(function (s) { return s; });
      if (actors.length) { h += '<div class="gm-row">Actors: ' + actors.join(" vs. ") + "</div>"; }
      if (E.weapons(i)) { h += '<div class="gm-row">Weapons: ' + E.weapons(i) + "</div>"; }
      h += '<blockquote class="gm-quote">' + E.notes(i) + "</blockquote>";
      var title = E.title(i), src = E.src(i), url = E.url(i), nsrc = cols.nsrc[i];
      var label = title || src || "source";
      h += '<div class="gm-row gm-src">' + (url ?
        '<a href="' + url + '" target="_blank" rel="noopener noreferrer">' + label + "</a>" : label) +
        (title && src ? " &middot; " + src : "") +
        (nsrc > 1 ? ' <span class="gm-muted">(' + nsrc + " sources)</span>" : "") + "</div>";
      return h + "</div>";
    }

    /* Popups are bound on a marker's first click or Enter (no popup or closure per marker
     * up front); from then on the marker's own popup handlers take over. */
    function openPopup(mk) {
      if (!mk.getPopup()) {
        mk.bindPopup(function (layer) { return popupHtml(layer.geomapRow); }, { maxWidth: 360 });
      }
      mk.openPopup();
    }

    function onMarkerEvent(e) {
      var mk = e.layer;
      if (!mk || mk.geomapRow === undefined || mk.getPopup()) { return; }
      if (e.type === "keypress" && !(e.originalEvent && e.originalEvent.keyCode === 13)) { return; }
      openPopup(mk);
    }

    /* Cluster icon: the count inside a ring split by event type; the tooltip lists the types.
     * Counting the types walks every marker of the cluster. While markers are still loading,
     * a large cluster drawn in the middle of a slice (on pan/zoom) reuses the shares it was
     * last drawn with; all clusters are recounted once loading is done. */
    var scratch = [];
    function typeCounts(c, k) {
      if (c.geomapCounts && k > 200 && loader.busy) {
        loader.approximate = true;
        return c.geomapCounts;
      }
      var counts = types.map(function () { return 0; });
      scratch.length = 0;
      c.getAllChildMarkers(scratch);
      for (var i = 0; i < scratch.length; i++) { counts[typeOfRow[scratch[i].geomapRow]] += 1; }
      scratch.length = 0;
      c.geomapCounts = counts;
      return counts;
    }

    function clusterIcon(c) {
      var k = c.getChildCount();
      var counts = typeCounts(c, k), total = 0;
      counts.forEach(function (m) { total += m; });
      var size = k < 10 ? 30 : k < 100 ? 36 : k < 1000 ? 42 : 48;
      var done = 0, stops = [], tip = [];
      counts.forEach(function (m, ti) {
        if (!m) { return; }
        var from = done;
        done += 100 * m / total;
        stops.push(types[ti].color + " " + from.toFixed(1) + "% " + done.toFixed(1) + "%");
        tip.push(types[ti].label + ": " + (total === k ? m : "~" + Math.round(m * k / total)));
      });
      // A CSS conic gradient: much cheaper to build than an SVG for thousands of redraws.
      return L.divIcon({
        html: '<div class="gm-ring" title="' + tip.join(", ") + '" style="background:conic-gradient(' +
          stops.join(",") + ')"><span>' + k + "</span></div>",
        className: "geomap-cluster", iconSize: [size, size]
      });
    }

    cluster.options.iconCreateFunction = clusterIcon;
    cluster.on("click keypress", onMarkerEvent);

    // ---- loading: the markers of each type in the cluster layer are one contiguous
    // slice [lo, hi) of its rows, moved towards the slice [a, b) that the day filter and
    // the type switch ask for. Markers are added in slices that grow from FIRST_SLICE to
    // MAX_SLICE; markercluster clusters each slice in CHUNK_MS tasks (chunkedLoading) and
    // redraws the clusters once per slice. One slice is in flight at a time; markers are
    // only removed between slices. ----
    var slots = types.map(function (t, ti) {
      return { ti: ti, rows: byType[ti], lo: 0, hi: 0, a: 0, b: 0 };
    });
    var loader = {
      slice: FIRST_SLICE, busy: null, stale: false, approximate: false, waiters: [], queued: []
    };
    cluster.options.chunkedLoading = true;
    cluster.options.chunkInterval = CHUNK_MS;
    cluster.options.chunkDelay = CHUNK_DELAY_MS;
    cluster.options.chunkProgress = function (done, total) {
      if (!loader.busy) { return; } // an unchunked call (loadThrough)
      loader.busy.left = total - done;
      if (done === total) {
        loader.busy = null;
        setTimeout(afterSlice, 0); // after markercluster has redrawn the clusters
      }
      updateTimeLabel();
    };

    function shown(s) { return map.hasLayer(toggles[s.ti]); }
    function pending(s) { return s.lo !== s.a || s.hi !== s.b; }
    function isLoaded() { return !loader.busy && !loader.stale && !slots.some(pending); }

    function markersOf(s, from, to) {
      var out = new Array(to - from);
      for (var p = from; p < to; p++) { out[p - from] = markerAt(s.rows[p]); }
      return out;
    }

    /* The slice of rows (newest first) that the day filter keeps. */
    function daySlice(rows) {
      if (state.mode === "all") { return [0, rows.length]; }
      var a = firstAtOrBefore(rows, dayOfRow, state.day);
      return [a, firstAtOrBefore(rows, dayOfRow, state.mode === "day" ? state.day - 1 : -1)];
    }

    /* Set every type's target slice; drop the markers it excludes (between slices only). */
    function retarget() {
      var kept = 0, dropped = 0;
      slots.forEach(function (s) {
        var t = shown(s) ? daySlice(s.rows) : [0, 0];
        s.a = t[0];
        s.b = t[1];
        var k = Math.max(Math.min(s.hi, s.b) - Math.max(s.lo, s.a), 0);
        kept += k;
        dropped += s.hi - s.lo - k;
      });
      if (loader.busy) { loader.stale = true; return; }
      loader.stale = false;
      if (dropped > kept) {
        cluster.clearLayers(); // cheaper than removing most markers one by one
        slots.forEach(function (s) { s.lo = s.hi = s.a; });
        return;
      }
      var drop = [];
      slots.forEach(function (s) {
        var keepLo = Math.max(s.lo, s.a), keepHi = Math.min(s.hi, s.b);
        if (keepHi <= keepLo) {
          drop = drop.concat(markersOf(s, s.lo, s.hi));
          s.lo = s.hi = s.a;
          return;
        }
        drop = drop.concat(markersOf(s, s.lo, keepLo), markersOf(s, keepHi, s.hi));
        s.lo = keepLo;
        s.hi = keepHi;
      });
      if (drop.length) { cluster.removeLayers(drop); }
    }

    /* Start one slice: up to k markers, shared among the types still loading, each next to
     * its loaded slice (older ones first, so newest first overall). */
    function startSlice(k) {
      var live = slots.filter(pending), batch = [];
      if (!live.length) { progress(); return; }
      var each = Math.max(1, Math.ceil(k / live.length));
      live.forEach(function (s) {
        var from, to;
        if (s.hi < s.b) {
          from = s.hi; to = Math.min(s.b, s.hi + each); s.hi = to;
        } else {
          to = s.lo; from = Math.max(s.a, s.lo - each); s.lo = from;
        }
        batch = batch.concat(markersOf(s, from, to));
      });
      loader.busy = { left: batch.length };
      loader.slice = Math.min(2 * loader.slice, MAX_SLICE);
      cluster.addLayers(batch, true); // completes at once when it fits in one chunk
    }

    function afterSlice() {
      if (loader.busy) { return; }
      var queued = loader.queued;
      loader.queued = [];
      queued.forEach(function (f) { f(); });
      if (loader.stale) { retarget(); }
      if (slots.some(pending)) { startSlice(loader.slice); } else { progress(); }
    }

    function progress() {
      updateTimeLabel();
      if (isLoaded()) {
        if (loader.approximate) { loader.approximate = false; cluster.refreshClusters(); }
        if (window.performance && performance.mark) { performance.mark("geomap:loaded"); }
        var w = loader.waiters;
        loader.waiters = [];
        w.forEach(function (f) { f(); });
      }
    }

    function whenLoaded() {
      return new Promise(function (resolve) {
        if (isLoaded()) { resolve(); } else { loader.waiters.push(resolve); }
      });
    }

    /* Load at once (one task, no chunks) a type's target slice through position p. */
    function loadThrough(s, p) {
      var add = [];
      if (s.hi === s.lo) { s.lo = s.hi = p; }
      if (p >= s.hi) { add = markersOf(s, s.hi, p + 1); s.hi = p + 1; }
      if (p < s.lo) { add = markersOf(s, p, s.lo); s.lo = p; }
      if (!add.length) { return; }
      var o = cluster.options, progressFn = o.chunkProgress; // read by addLayers when called
      o.chunkedLoading = false;
      o.chunkProgress = null;
      cluster.addLayers(add, true);
      o.chunkedLoading = true;
      o.chunkProgress = progressFn;
    }

    function refreshAreas() {
      var live = {};
      slots.forEach(function (s) {
        polyRows[s.ti].forEach(function (p) {
          if (p >= s.a && p < s.b) {
            var key = E.poly(s.rows[p]);
            live[key] = (live[key] || 0) + 1;
          }
        });
      });
      Object.keys(polygons).forEach(function (key) {
        if (live[key]) { areas.addLayer(polygons[key]); } else { areas.removeLayer(polygons[key]); }
      });
    }

    function applyFilter() {
      retarget();
      refreshAreas();
      renderList();
      loader.slice = FIRST_SLICE;
      afterSlice(); // a small change (a day, a type) is drawn at once; a large one loads on
      updateTimeLabel();
    }

    // ---- side panel: legend with counts, events newest first, country-level list ----
    var panelBody, listEl, offEl, shownOn = PAGE, shownOff = PAGE;
    var Panel = L.Control.extend({
      onAdd: function () {
        var box = el("div", "geomap-panel leaflet-bar");
        var head = el("div", "gm-panel-head", "<b>" + data.title + "</b>");
        var toggle = el("button", "gm-toggle", "&#8722;");
        toggle.type = "button";
        toggle.title = "Hide / show the event list";
        head.appendChild(toggle);
        box.appendChild(head);
        panelBody = el("div", "gm-panel-body");
        var legend = '<div class="gm-legend">';
        types.forEach(function (t, i) {
          legend += '<div class="gm-legend-row">' + iconSvg(t, i, 1) + "<span>" + t.label +
            ' <span class="gm-muted">(' + t.count + ")</span></span></div>";
        });
        legend += '<div class="gm-legend-prec gm-muted">Solid pin: town &middot; hollow pin: near a town &middot; ' +
          "dashed ring: region (Ukrainian oblasts outlined) &middot; clusters: ring coloured by event type " +
          "&middot; country-level events: list below</div></div>";
        panelBody.appendChild(el("div", "", legend));
        panelBody.appendChild(el("div", "gm-section", "Events, newest first"));
        listEl = el("ol", "gm-list");
        panelBody.appendChild(listEl);
        panelBody.appendChild(el("div", "gm-section", "Country-level / not located (not on the map)"));
        offEl = el("ol", "gm-list gm-off");
        panelBody.appendChild(offEl);
        box.appendChild(panelBody);
        toggle.addEventListener("click", function () {
          var hidden = panelBody.style.display === "none";
          panelBody.style.display = hidden ? "" : "none";
          toggle.innerHTML = hidden ? "&#8722;" : "+";
        });
        listEl.addEventListener("click", function (e) {
          var li = e.target.closest("li");
          if (!li) { return; }
          if (li.className === "gm-more") { shownOn += PAGE; renderList(); return; }
          focusRow(Number(li.getAttribute("data-row")));
        });
        offEl.addEventListener("click", function (e) {
          if (e.target.closest("li.gm-more")) { shownOff += PAGE; renderList(); }
        });
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });

    function itemHtml(i, placed) {
      var t = types[typeOfRow[i]];
      var killed = cols.killed[i];
      return '<li class="' + (placed ? "gm-item" : "gm-item gm-nomap") + '" data-row="' + i +
        '" data-event="' + E.id(i) + '"><span class="gm-dot" style="background:' + t.color + '"></span>' +
        '<span class="gm-date">' + (dayOfRow[i] >= 0 ? days[dayOfRow[i]] : "undated") + "</span> " +
        "<b>" + (E.place(i) || E.country(i)) + "</b> &middot; " + (E.sub(i) || t.label) +
        (killed ? ' <span class="gm-killed">' + killed + " killed</span>" : "") +
        (placed ? "" : '<div class="gm-muted gm-q">' + E.notes(i) + "</div>") + "</li>";
    }

    /* The first `limit` events the day filter keeps (all types), then "Show more". */
    function listHtml(rows, limit, placed) {
      var s = daySlice(rows), end = Math.min(s[1], s[0] + limit), h = "";
      for (var p = s[0]; p < end; p++) { h += itemHtml(rows[p], placed); }
      if (s[1] > end) { h += '<li class="gm-more">Show more (' + (s[1] - end) + " left)</li>"; }
      return h;
    }

    function renderList() {
      listEl.innerHTML = listHtml(onMap, shownOn, true);
      offEl.innerHTML = listHtml(offMap, shownOff, false);
    }

    var rowById = null;
    function rowOf(id) {
      if (!rowById) {
        rowById = Object.create(null);
        for (var i = 0; i < n; i++) { rowById[E.id(i)] = i; }
      }
      return rowById[id];
    }

    function placedRow(row) {
      return row !== undefined && row >= 0 && row < n && lat[row] !== null && E.level(row) !== "country";
    }

    /* Run fn once mk is in the cluster tree (it may be in the slice being clustered). */
    function whenClustered(mk, fn) {
      if (cluster.hasLayer(mk)) { fn(); } else if (loader.busy) {
        loader.queued.push(function () { whenClustered(mk, fn); });
      }
    }

    function focusRow(row) {
      if (!placedRow(row)) { return; }
      var s = slots[typeOfRow[row]], p = posInType[row];
      if (!shown(s)) { map.addLayer(toggles[s.ti]); } // overlayadd re-targets
      if (p < s.a || p >= s.b) { state.mode = "all"; syncTimeControl(); applyFilter(); }
      loadThrough(s, p);
      var mk = markerAt(row);
      map.flyTo(mk.getLatLng(), Math.max(map.getZoom(), 9), { duration: 0.6 });
      map.once("moveend", function () {
        whenClustered(mk, function () {
          cluster.zoomToShowLayer(mk, function () { openPopup(mk); });
        });
      });
    }

    // ---- day filter: step through the days ----
    var timeLabel, slider, modeSel;
    var Time = L.Control.extend({
      onAdd: function () {
        var box = el("div", "geomap-time leaflet-bar");
        modeSel = el("select", "gm-mode");
        [["all", "All dates"], ["day", "This day"], ["upto", "Up to this day"]].forEach(function (o) {
          var opt = el("option", "", o[1]);
          opt.value = o[0];
          modeSel.appendChild(opt);
        });
        var prev = el("button", "gm-step", "&#9664;");
        var next = el("button", "gm-step", "&#9654;");
        prev.type = next.type = "button";
        prev.title = "Previous day";
        next.title = "Next day";
        slider = el("input", "gm-slider");
        slider.type = "range";
        slider.min = 0;
        slider.max = Math.max(days.length - 1, 0);
        slider.value = days.length - 1;
        timeLabel = el("span", "gm-day");
        [modeSel, prev, slider, next, timeLabel].forEach(function (c) { box.appendChild(c); });
        function stepDay(d) {
          if (!days.length) { return; }
          if (state.mode === "all") { state.mode = "day"; }
          state.day = Math.min(Math.max(state.day + d, 0), days.length - 1);
          syncTimeControl();
          applyFilter();
        }
        prev.addEventListener("click", function () { stepDay(-1); });
        next.addEventListener("click", function () { stepDay(1); });
        slider.addEventListener("input", function () {
          if (state.mode === "all") { state.mode = "day"; }
          state.day = Number(slider.value);
          syncTimeControl();
          applyFilter();
        });
        modeSel.addEventListener("change", function () { state.mode = modeSel.value; applyFilter(); });
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });

    function syncTimeControl() {
      if (!slider) { return; }
      modeSel.value = state.mode;
      slider.value = state.day;
    }

    /* Markers now in the cluster layer; below the filter's total while loading. */
    function countVisible() {
      var k = loader.busy ? -loader.busy.left : 0;
      slots.forEach(function (s) { k += s.hi - s.lo; });
      return k;
    }

    function countTarget() {
      var k = 0;
      slots.forEach(function (s) { k += s.b - s.a; });
      return k;
    }

    function updateTimeLabel() {
      if (!timeLabel) { return; }
      var d = days.length ? days[state.day] : "no dates";
      var what = state.mode === "all" ? "all dates" : state.mode === "day" ? d : "to " + d;
      var have = countVisible(), want = countTarget();
      timeLabel.textContent = what + " \u00b7 " + fmt(have) + " on map" +
        (have < want ? " (loading " + Math.floor(100 * have / want) + "% of " + fmt(want) + ")" : "");
      timeLabel.classList.toggle("gm-loading", have < want);
    }

    // ---- events outside the initial view: listed, with "All events" / "Main area" ----
    var Outliers = L.Control.extend({
      onAdd: function () {
        var out = data.outliers, box = el("div", "geomap-outliers leaflet-bar");
        var h = '<div class="gm-out-head">Opened on the main area; ' + fmt(out.n) +
          (out.n === 1 ? " event" : " events") + " outside it, at:</div><ul class=\"gm-out-list\">";
        out.rows.forEach(function (r) {
          var where = [E.place(r), E.country(r)].filter(function (v, k, a) {
            return v && (k === 0 || v !== a[0]);
          });
          h += '<li class="gm-out" data-row="' + r + '">' + where.join(", ") + "</li>";
        });
        if (out.more) { h += '<li class="gm-muted">and ' + fmt(out.more) + " more places</li>"; }
        h += '</ul><button type="button" class="gm-all">All events</button> ' +
          '<button type="button" class="gm-main">Main area</button>';
        box.innerHTML = h;
        box.addEventListener("click", function (e) {
          var li = e.target.closest("li.gm-out");
          if (li) { focusRow(Number(li.getAttribute("data-row"))); return; }
          if (e.target.closest(".gm-all")) {
            map.fitBounds(data.fitAll, L.extend({}, fitOptions, { animate: true }));
          }
          if (e.target.closest(".gm-main")) {
            map.fitBounds(data.fit, L.extend({}, fitOptions, { animate: true }));
          }
        });
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });

    new Panel({ position: "topleft" }).addTo(map);
    new Time({ position: "bottomleft" }).addTo(map);
    if (data.outliers && data.outliers.n && data.fitAll) {
      new Outliers({ position: "topright" }).addTo(map);
    }
    background.place();
    map.on("overlayadd overlayremove", applyFilter);
    applyFilter(); // the first slice is clustered before the first paint

    window.geomap = {
      map: map, cluster: cluster, toggles: toggles, days: days, areas: areas, base: base,
      /* The town labels drawn now (placed after every move and zoom). */
      townLabels: background.shown,
      /* The marker of an event (by id), or null when the event is not drawn as a pin. */
      marker: function (id) { var row = rowOf(id); return placedRow(row) ? markerAt(row) : null; },
      focusEvent: function (id) { focusRow(rowOf(id)); },
      countVisible: countVisible,
      /* True once every marker the filters ask for is clustered; whenLoaded() resolves then. */
      isLoaded: isLoaded,
      whenLoaded: whenLoaded,
      setFilter: function (mode, day) {
        state.mode = mode;
        if (day !== undefined) { state.day = typeof day === "number" ? day : dayIndex[day]; }
        syncTimeControl();
        applyFilter();
      }
    };
  };
}());
