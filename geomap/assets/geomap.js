/* geomap map behaviour: state, selection, marker loading, focus, export, shareable URL.
 * Own code of the geomap project (MIT). Every string in the data payload arrives
 * HTML-escaped from Python (geomap/render/); the page only concatenates them.
 *
 * The payload is columnar (one array per field, repeated strings dictionary-encoded) and
 * sorted newest first. One selection (types and datasets switched on in the layer control,
 * the timeline's date range, the panel's filters) decides which events are drawn, counted,
 * listed, charted and exported. All markers share one cluster layer (clusters show their
 * type mix); markers are created on first use and added in time-boxed slices, newest
 * first, so a large map draws and answers pan, zoom and clicks while it is still loading.
 * The view and the selection live in the URL's #hash, so a view can be shared as a link. */
(function (G) {
  "use strict";

  var PAGE = 300;
  // Loading. Every slice ends with markercluster redrawing the clusters in view, which
  // costs tens of ms at 100,000 events, hence slices that grow up to MAX_SLICE markers,
  // clustered in CHUNK_MS tasks with input and drawing in between.
  var FIRST_SLICE = 1000;
  var MAX_SLICE = 16000;
  var CHUNK_MS = 50;
  var FOCUS_ZOOM = 10; // a list or search pick opens at least this close
  var SPIDER_MAX = 40; // a cluster this small fans out instead of zooming further
  var FOCUS_TIMEOUT_MS = 3000;
  var MAX_HITS = 50;
  var PHONE_PX = 600;

  function mark(name) { if (window.performance && performance.mark) { performance.mark(name); } }

  window.geomapInit = function (map, cluster, toggles, areas, data, base, control, overlayGroups, setToggles) {
    if (window.performance && performance.mark) { performance.mark("geomap:init"); }
    var types = data.types, days = data.days, n = data.n, cols = data.cols;
    var E = {};
    Object.keys(cols).forEach(function (k) { E[k] = G.column(cols[k]); });
    var D = { title: data.title, types: types, days: days, cols: cols, E: E, sources: data.sources, alts: data.alts, sets: data.sets || [] };
    // datasets (geomap's events, an ACLED export): a switch each in the layer control, its
    // events kept while it is on; the time control, filters and list are shared
    setToggles = setToggles || [];
    var setOfRow = cols.set || [], setOn = setToggles.map(function () { return true; });
    function setOf(r) { return setOfRow.length ? setOfRow[r] : 0; }
    var text = G.EventText(D);
    var dayOfRow = cols.day, typeOfRow = cols.type, lat = cols.lat, lon = cols.lon, gp = cols.gp;
    var dayNum = days.map(G.dayNumber);
    var phone = map.getSize().x < PHONE_PX;

    // ---- rows: placed (pins) or listed only (country level, no point) ----
    var placed = new Uint8Array(n), onMap = [], offMap = [];
    for (var r = 0; r < n; r++) {
      if (lat[r] === null || E.level(r) === "country") { offMap.push(r); } else { placed[r] = 1; onMap.push(r); }
    }

    // ---- the view: from the URL, else the main group of events ----
    var fitOptions = { maxZoom: 11, animate: false };
    if (!phone && map.getSize().x > 900) { fitOptions.paddingTopLeft = [330, 0]; }
    fitOptions.paddingBottomRight = [0, 70];
    var hash = readHash();
    if (hash.view) { map.setView([hash.view[1], hash.view[2]], hash.view[0], { animate: false }); } else if (data.fit) {
      map.fitBounds(data.fit, fitOptions);
    }
    if (data.ownMap) { // a caller's map keeps its own controls
      L.control.zoom({ position: "topright" }).addTo(map);
      L.control.scale({ position: "bottomright" }).addTo(map);
    }
    var background = G.drawBackground(map, base, data.background, function () { return cluster; });
    mark("geomap:background");
    var overlays = G.drawOverlays(data.overlays || [], overlayGroups || []);

    // ---- two cluster layers: every placed event (while nothing is filtered out), and the
    // selection (built when a filter narrows it). Back to "everything" is a swap of layers,
    // not ~N markers clustered again. A marker belongs to one layer: each has its own. ----
    function group(layer) { return { layer: layer, has: new Uint8Array(n), count: 0, markers: new Array(n) }; }
    var gAll = group(cluster), gSel = null, cur = gAll;

    // ---- markers: created on first use, one shared icon per (type, precision, ambiguity) ----
    var icons = {};
    function markerAt(row) {
      var mk = cur.markers[row];
      if (!mk) {
        var ti = typeOfRow[row], amb = D.alts[row] ? 1 : 0, ext = setOf(row) > 0 ? 1 : 0;
        var key = ((ti * 8 + gp[row]) * 2 + amb) * 2 + ext;
        var icon = icons[key] || (icons[key] = G.makeIcon(types[ti], ti, gp[row], amb, ext));
        mk = cur.markers[row] = L.marker([lat[row], lon[row]], { icon: icon });
        mk.geomapRow = row;
      }
      return mk;
    }

    var highlight = L.layerGroup().addTo(map);
    function openPopup(mk) {
      if (!mk.getPopup()) {
        mk.bindPopup(function (layer) { return text.popupHtml(layer.geomapRow); }, { maxWidth: 360, autoPanPaddingTopLeft: [10, 10] });
      }
      mk.openPopup();
    }

    /* While an event's popup is open: its oblast outline (a region-level event) and its
     * alternative places (an ambiguous one) are drawn. */
    map.on("popupopen", function (e) {
      highlight.clearLayers();
      var src = e.popup._source, row = src && src.geomapRow;
      if (row === undefined) { return; }
      var key = E.poly(row), b = data.background;
      if (key && b.adm1[key]) {
        L.polygon(G.decodeShape(b.adm1[key].shape, 4), {
          interactive: false, color: types[typeOfRow[row]].color, weight: 2, dashArray: "6 5", fill: false,
          className: "gm-region-outline"
        }).addTo(highlight);
      }
      (D.alts[row] || []).forEach(function (a) {
        if (a[3] === null) { return; }
        L.polyline([mk0(row), [a[3], a[4]]], { color: "#111", weight: 1, dashArray: "3 4", interactive: false }).addTo(highlight);
        L.circleMarker([a[3], a[4]], { radius: 6, color: "#111", weight: 1.5, fillColor: "#fff", fillOpacity: 0.9, className: "gm-alt-point" })
          .bindTooltip(a[0] + (a[1] ? ", " + a[1] : ""), { permanent: true, direction: "right", className: "gm-alt-tip" })
          .addTo(highlight);
      });
      state.open = E.id(row);
      writeHash();
    });
    map.on("popupclose", function () { highlight.clearLayers(); state.open = ""; writeHash(); });
    function mk0(row) { return [lat[row], lon[row]]; }

    function onMarkerEvent(e) {
      var mk = e.layer;
      if (!mk || mk.geomapRow === undefined || mk.getPopup()) { return; }
      if (e.type === "keypress" && !(e.originalEvent && e.originalEvent.keyCode === 13)) { return; }
      openPopup(mk);
    }
    function onMarkerHover(e) {
      var mk = e.layer;
      if (!mk || mk.geomapRow === undefined || mk.getTooltip()) { return; }
      mk.bindTooltip(text.tooltipHtml(mk.geomapRow), { direction: "top", className: "gm-tip" }).openTooltip();
    }

    /* Cluster icon: the count inside a ring split by event type; the title lists the types.
     * While markers are still loading, a large cluster redrawn mid-slice reuses the shares
     * it was last drawn with; all clusters are recounted once loading is done. */
    var scratch = [];
    function typeCounts(c, k) {
      if (c.geomapCounts && k > 200 && loader.busy) { loader.approximate = true; return c.geomapCounts; }
      var counts = types.map(function () { return 0; });
      scratch.length = 0;
      c.getAllChildMarkers(scratch);
      for (var i = 0; i < scratch.length; i++) { counts[typeOfRow[scratch[i].geomapRow]] += 1; }
      scratch.length = 0;
      c.geomapCounts = counts;
      return counts;
    }
    function clusterIcon(c) {
      var k = c.getChildCount(), counts = typeCounts(c, k), total = 0;
      counts.forEach(function (m) { total += m; });
      var size = k < 10 ? 30 : k < 100 ? 36 : k < 1000 ? 42 : 48, done = 0, stops = [], tip = [];
      counts.forEach(function (m, ti) {
        if (!m) { return; }
        var from = done;
        done += 100 * m / total;
        stops.push(types[ti].color + " " + from.toFixed(1) + "% " + done.toFixed(1) + "%");
        tip.push(G.unesc(types[ti].label) + ": " + (total === k ? m : "~" + Math.round(m * k / total)));
      });
      return L.divIcon({
        html: '<div class="gm-ring" title="' + G.esc(tip.join(", ")) + '" style="background:conic-gradient(' +
          stops.join(",") + ')"><span>' + k + "</span></div>",
        className: "geomap-cluster", iconSize: [size, size]
      });
    }
    /* Options and handlers of a cluster layer; set before it is first on the map (folium's
     * layer is taken off, while still empty, and put back so that its grids are rebuilt). */
    function prepare(layer) {
      var o = layer.options, onMapNow = map.hasLayer(layer);
      if (onMapNow) { map.removeLayer(layer); layer._gridClusters = null; layer._gridUnclustered = null; }
      o.iconCreateFunction = clusterIcon;
      // Clusters split as the map zooms in; what is still together at the deepest zoom
      // (one place) fans out on click.
      o.maxClusterRadius = function (z) { return z < 9 ? 80 : z < 12 ? 50 : 30; };
      o.showCoverageOnHover = false;
      o.chunkedLoading = true;
      o.chunkInterval = CHUNK_MS;
      o.chunkDelay = 0;
      o.chunkProgress = onChunk;
      layer.on("click keypress", onMarkerEvent);
      layer.on("mouseover", onMarkerHover);
      layer.on("animationend spiderfied unspiderfied", background.schedule);
      if (onMapNow) { map.addLayer(layer); }
      return layer;
    }

    // ---- the selection ----
    var state = {
      sub: "", actor: "", fatal: false, prec: [false, true, true, true], amb: false, q: "", open: ""
    };
    var want = new Uint8Array(n), selOn = [], selOff = [];
    var shownOn = PAGE, shownOff = PAGE;
    function typeOn() { return toggles.map(function (t) { return map.hasLayer(t); }); }

    function keeps(r) {
      if (!state.prec[gp[r]]) { return false; }
      if (state.fatal && !(cols.killed[r] > 0)) { return false; }
      if (state.sub && E.sub(r) !== state.sub) { return false; }
      if (state.actor && E.a1(r) !== state.actor && E.a2(r) !== state.actor) { return false; }
      return !state.amb || !!D.alts[r];
    }

    /* Day-index bounds [lo, hi] of the range, or null for every date (undated included). */
    function dayBounds() {
      var rg = timeline.range();
      if (rg.full) { return null; }
      var lo = 0, hi = days.length - 1;
      while (lo < days.length && dayNum[lo] < rg.from) { lo++; }
      while (hi >= 0 && dayNum[hi] > rg.to) { hi--; }
      return [lo, hi];
    }

    function select() {
      var on = typeOn(), b = dayBounds(), span = timeline.span;
      var hist = types.map(function () { return new Int32Array(span); });
      var counts = types.map(function () { return 0; }), setCounts = D.sets.map(function () { return 0; });
      setOn = setToggles.map(function (t) { return map.hasLayer(t); });
      want.fill(0);
      selOn = [];
      selOff = [];
      for (var r = 0; r < n; r++) {
        if (!keeps(r)) { continue; }
        var d = dayOfRow[r], ti = typeOfRow[r], si = setOf(r);
        var inRange = b === null || (d >= b[0] && d <= b[1]);
        if (setCounts.length && inRange && on[ti]) { setCounts[si]++; }
        if (setOn.length && !setOn[si]) { continue; }
        if (inRange) { counts[ti]++; }
        if (!on[ti]) { continue; }
        if (d >= 0) { hist[ti][dayNum[d] - timeline.first]++; }
        if (!inRange) { continue; }
        if (placed[r]) { want[r] = 1; selOn.push(r); } else { selOff.push(r); }
      }
      return { hist: hist, counts: counts, setCounts: setCounts, on: on, day: b === null ? null : timeline.range().to };
    }

    // ---- loading: the active cluster layer moves towards `want` in slices, newest first ----
    var loader = { first: true, slice: FIRST_SLICE, busy: null, stale: false, approximate: false, queue: [], pos: 0, waiters: [], queued: [] };
    function onChunk(done, total) {
      if (!loader.busy) { return; } // an unchunked call (loadNow)
      loader.busy.left = total - done;
      if (done === total) {
        cur.count += loader.busy.total;
        loader.busy = null;
        setTimeout(nextSlice, 0); // after markercluster has redrawn the clusters
      }
      updateStatus();
    }
    prepare(cluster);

    /* True when no event is filtered out (every type, every date, no other filter). */
    function everything() {
      return toggles.every(function (t) { return map.hasLayer(t); }) && setToggles.every(function (t) { return map.hasLayer(t); }) &&
        timeline.range().full &&
        !state.sub && !state.actor && !state.fatal && !state.amb && state.prec[1] && state.prec[2] && state.prec[3];
    }

    function swapTo(target) {
      cluster.unspiderfy();
      map.removeLayer(cluster);
      cur = target;
      cluster = target.layer;
      map.addLayer(cluster);
    }

    function sync() {
      if (loader.busy) { loader.stale = true; return; }
      loader.stale = false;
      var target = everything() ? gAll : gSel || (gSel = group(prepare(L.markerClusterGroup(L.extend({}, gAll.layer.options)))));
      if (target !== cur) { swapTo(target); }
      var has = cur.has, drop = [], kept = 0;
      for (var k = 0; k < onMap.length; k++) {
        var row = onMap[k];
        if (has[row]) { if (want[row]) { kept++; } else { drop.push(row); } }
      }
      if (drop.length > kept) {
        cluster.clearLayers();
        has.fill(0);
        cur.count = 0;
      } else if (drop.length) {
        cluster.removeLayers(drop.map(markerAt));
        drop.forEach(function (row) { has[row] = 0; });
        cur.count -= drop.length;
      }
      loader.queue = selOn.filter(function (row) { return !has[row]; });
      loader.pos = 0;
      // the first load paints early with a small slice; later changes go in one slice
      loader.slice = loader.first ? FIRST_SLICE : MAX_SLICE;
      nextSlice();
    }

    function nextSlice() {
      if (loader.busy) { return; }
      var queued = loader.queued;
      loader.queued = [];
      queued.forEach(function (f) { f(); });
      if (loader.stale) { sync(); return; }
      var batch = [];
      while (loader.pos < loader.queue.length && batch.length < loader.slice) {
        var row = loader.queue[loader.pos++];
        if (!cur.has[row] && want[row]) { cur.has[row] = 1; batch.push(markerAt(row)); }
      }
      if (!batch.length) { progress(); return; }
      loader.busy = { left: batch.length, total: batch.length };
      loader.slice = Math.min(2 * loader.slice, MAX_SLICE);
      cluster.addLayers(batch, true); // completes at once when it fits in one chunk
    }

    function isLoaded() { return !loader.busy && !loader.stale && loader.pos >= loader.queue.length; }

    function progress() {
      updateStatus();
      background.schedule();
      if (!isLoaded()) { return; }
      if (loader.approximate) { loader.approximate = false; cluster.refreshClusters(); }
      if (loader.first) { loader.first = false; mark("geomap:loaded"); }
      var w = loader.waiters;
      loader.waiters = [];
      w.forEach(function (f) { f(); });
    }

    function whenLoaded() {
      return new Promise(function (resolve) { if (isLoaded()) { resolve(); } else { loader.waiters.push(resolve); } });
    }

    /* Put one selected marker in the cluster layer at once (one task, no chunks). */
    function loadNow(row) {
      if (cur.has[row]) { return; }
      var o = cluster.options, progressFn = o.chunkProgress;
      o.chunkedLoading = false;
      o.chunkProgress = null;
      cluster.addLayers([markerAt(row)], true);
      o.chunkedLoading = true;
      o.chunkProgress = progressFn;
      cur.has[row] = 1;
      cur.count++;
    }

    function countVisible() { return cur.count + (loader.busy ? loader.busy.total - loader.busy.left : 0); }

    // ---- everything that follows the selection ----
    var last = null;
    function apply() {
      var t0 = performance.now();
      var s = last = select();
      viewCount = null;
      sync();
      refreshAreas();
      panel.setTypeCounts(s.counts, s.on);
      refreshLayerCounts();
      timeline.setCounts(s.hist, selOn.length + selOff.length);
      overlays.setDay(s.day);
      renderList();
      updateStatus();
      writeHash();
      G.lastApplyMs = performance.now() - t0;
    }

    /* The outlines of the oblasts of the selected region-level events (a layer that is off
     * by default: drawn only while it is on). */
    var areaShapes = {};
    function refreshAreas() {
      areas.clearLayers();
      if (!map.hasLayer(areas)) { return; }
      var live = {};
      selOn.forEach(function (row) { var k = E.poly(row); if (k) { live[k] = true; } });
      Object.keys(live).forEach(function (k) {
        var p = data.background.adm1[k];
        if (!p) { return; }
        areaShapes[k] = areaShapes[k] || G.decodeShape(p.shape, 4);
        L.polygon(areaShapes[k], {
          color: "#444", weight: 1.4, dashArray: "6 5", fill: false, interactive: false, className: "gm-region-outline"
        }).addTo(areas);
      });
    }

    /* The layer control rebuilds its list on every change; its type counts are put back. */
    function refreshLayerCounts() {
      if (!control || !last) { return; }
      var spans = control.getContainer().querySelectorAll(".gm-lc-count");
      spans.forEach(function (sp) { sp.textContent = "(" + G.fmt(last.counts[Number(sp.getAttribute("data-type"))]) + ")"; });
      control.getContainer().querySelectorAll(".gm-set-count").forEach(function (sp) {
        sp.textContent = "(" + G.fmt(last.setCounts[Number(sp.getAttribute("data-set"))]) + ")";
      });
    }
    if (control && control._update) {
      var update = control._update;
      control._update = function () { var out = update.apply(this, arguments); refreshLayerCounts(); return out; };
    }

    /* How many of the rows are in the map's view; counted again after a move or a change,
     * not while markers load (it walks every selected event). */
    var viewCount = null;
    function inView(rows) {
      if (viewCount === null) {
        var b = map.getBounds(), s = b.getSouth(), nn = b.getNorth(), w = b.getWest(), e = b.getEast(), k = 0;
        for (var i = 0; i < rows.length; i++) {
          var y = lat[rows[i]], x = lon[rows[i]];
          if (y >= s && y <= nn && x >= w && x <= e) { k++; }
        }
        viewCount = k;
      }
      return viewCount;
    }

    function updateStatus() {
      var have = countVisible(), wantN = selOn.length;
      panel.setStatus("<b>" + G.fmt(selOn.length + selOff.length) + "</b> of " + G.fmt(n) + " events selected &middot; " +
        G.fmt(inView(selOn)) + " in view" + (have < wantN ? ' <span class="gm-loading">(drawing ' +
        Math.floor(100 * have / wantN) + "%)</span>" : ""));
    }

    function listHtml(rows, limit, isPlaced) {
      var end = Math.min(rows.length, limit), h = "";
      for (var p = 0; p < end; p++) { h += text.itemHtml(rows[p], isPlaced); }
      if (rows.length > end) { h += '<li class="gm-more" tabindex="0" role="button">Show more (' + G.fmt(rows.length - end) + " left)</li>"; }
      return h || '<li class="gm-muted gm-none">none</li>';
    }
    function renderList() { panel.setLists(listHtml(selOn, shownOn, true), listHtml(selOff, shownOff, false)); }

    // ---- focus: bring an event's marker on screen, out of its cluster, and open it ----
    function moveThen(latlng, z, fn) {
      var p = map.latLngToContainerPoint(latlng), size = map.getSize();
      var there = map.getZoom() === z && Math.abs(p.x - size.x / 2) < 2 && Math.abs(p.y - size.y / 2) < 2;
      var go = function () { if (cluster._inZoomAnimation) { cluster.once("animationend", fn); } else { fn(); } };
      if (there) { go(); return; }
      map.once("moveend", go);
      map.setView(latlng, z, { animate: false });
    }

    function reveal(mk, done, tries) {
      var vp = cluster.getVisibleParent(mk);
      if (vp === mk) { done(false); return; }
      if (!vp || tries > 8) { done(true); return; }
      if (vp.getChildCount() <= SPIDER_MAX || map.getZoom() >= map.getMaxZoom()) {
        cluster.once("spiderfied", function () { done(!mk._icon); });
        vp.spiderfy();
        return;
      }
      var z = Math.min(map.getMaxZoom(), Math.max(map.getZoom() + 2, Math.min(mk.__parent._zoom + 1, map.getMaxZoom())));
      moveThen(mk.getLatLng(), z, function () { reveal(mk, done, tries + 1); });
    }

    function focusRow(row) {
      if (row === undefined || row < 0 || row >= n) { return; }
      if (!placed[row]) { showListed(row); return; }
      if (!want[row]) { clearAll(); }
      var mk = markerAt(row), origin = L.latLng(lat[row], lon[row]);
      loadNow(row);
      map.closePopup();
      cluster.unspiderfy();
      var z = Math.max(map.getZoom(), FOCUS_ZOOM), opened = false;
      function open(failed) {
        if (opened) { return; }
        opened = true;
        if (failed) {
          L.popup({ maxWidth: 360 }).setLatLng(origin).setContent(text.popupHtml(row)).openOn(map);
        } else { openPopup(mk); }
      }
      // whatever the clusters do, the event's popup opens (at its place, if not on its pin)
      setTimeout(function () { open(true); }, FOCUS_TIMEOUT_MS);
      moveThen(origin, z, function () { reveal(mk, open, 0); });
    }

    /* A country-level event: its line in the list is shown and marked. */
    function showListed(row) {
      if (selOff.indexOf(row) < 0) { clearAll(); }
      var k = selOff.indexOf(row);
      if (k >= shownOff) { shownOff = k + 1; renderList(); }
      panel.setOpen(true);
      var li = panel.refs.off.querySelector('li[data-row="' + row + '"]');
      if (li) { li.scrollIntoView({ block: "center" }); li.classList.add("gm-flash"); }
    }

    // ---- search: places and words of the quotes, over every event ----
    var haystack = null;
    function searchText(row) {
      if (!haystack) {
        haystack = new Array(n);
        for (var i = 0; i < n; i++) {
          haystack[i] = [G.unesc(E.place(i) + " " + E.adm1(i)).toLowerCase(), G.plain(E.notes(i)).toLowerCase()];
        }
      }
      return haystack[row];
    }

    function search(q) {
      state.q = q;
      q = q.trim().toLowerCase();
      if (q.length < 2) { panel.setHits(""); writeHash(); return; }
      var byPlace = [], byWord = [], total = 0;
      for (var r = 0; r < n; r++) {
        var s = searchText(r);
        if (s[0].indexOf(q) >= 0) { total++; if (byPlace.length < MAX_HITS) { byPlace.push(r); } } else if (s[1].indexOf(q) >= 0) {
          total++;
          if (byWord.length < MAX_HITS) { byWord.push(r); }
        }
      }
      var hits = byPlace.concat(byWord).slice(0, MAX_HITS), h = "";
      hits.forEach(function (row) {
        var t = types[typeOfRow[row]], s = searchText(row)[1], at = s.indexOf(q), snip = "";
        if (at >= 0) {
          var raw = G.plain(E.notes(row)), a = Math.max(0, at - 30);
          snip = '<div class="gm-muted gm-snip">' + (a ? "&hellip;" : "") + G.esc(raw.slice(a, at)) + "<mark>" +
            G.esc(raw.slice(at, at + q.length)) + "</mark>" + G.esc(raw.slice(at + q.length, at + q.length + 40)) + "&hellip;</div>";
        }
        h += '<li data-row="' + row + '" role="option"' + (want[row] || (!placed[row] && selOff.indexOf(row) >= 0) ? "" : ' class="gm-hidden-hit" title="hidden by the filters: picking it clears them"') +
          '><span class="gm-dot" style="background:' + t.color + '"></span><b>' + (E.place(row) || E.country(row)) + "</b> " +
          text.day(row) + " &middot; " + (E.sub(row) || t.label) + snip + "</li>";
      });
      panel.setHits(total ? '<li class="gm-muted gm-hit-count">' + G.fmt(total) + (total === 1 ? " hit" : " hits") +
        (total > hits.length ? ", first " + hits.length : "") + "</li>" + h : '<li class="gm-muted">no event matches</li>');
      writeHash();
    }

    // ---- export: the selected events in view, as files made in the page ----
    function exportRows() {
      var b = map.getBounds();
      return selOn.filter(function (row) { return b.contains([lat[row], lon[row]]); });
    }
    var EXPORT_FIELDS = ["event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country",
      "admin1", "location", "latitude", "longitude", "geo_precision", "fatalities", "injured", "notes",
      "sources", "alternatives"].concat(D.sets.length ? ["dataset"] : []);
    function record(row) {
      var u = G.unesc;
      return {
        event_id: u(E.id(row)), event_date: dayOfRow[row] >= 0 ? days[dayOfRow[row]] : null,
        event_type: u(types[typeOfRow[row]].label), sub_event_type: u(E.sub(row)), actor1: u(E.a1(row)),
        actor2: u(E.a2(row)), country: u(E.country(row)), admin1: u(E.adm1(row)), location: u(E.place(row)),
        latitude: lat[row], longitude: lon[row], geo_precision: gp[row], fatalities: cols.killed[row],
        injured: cols.injured[row], notes: G.plain(E.notes(row)),
        sources: text.sourcesOf(row).map(function (s) { return u(s[1] || s[0]); }).join(" "),
        alternatives: (D.alts[row] || []).map(function (a) { return u([a[0], a[1], a[2]].filter(Boolean).join(", ")); }).join("; "),
        dataset: D.sets.length ? u(D.sets[setOf(row)].label) : undefined
      };
    }
    function exportSel(fmt) {
      var rows = exportRows().map(record), stamp = "geomap-selection";
      if (fmt === "csv") {
        var lines = [EXPORT_FIELDS.join(",")];
        rows.forEach(function (rec) { lines.push(EXPORT_FIELDS.map(function (f) { return G.csvCell(rec[f]); }).join(",")); });
        G.download(stamp + ".csv", lines.join("\r\n") + "\r\n", "text/csv;charset=utf-8");
      } else {
        var fc = {
          type: "FeatureCollection",
          features: rows.map(function (rec) {
            return { type: "Feature", geometry: { type: "Point", coordinates: [rec.longitude, rec.latitude] }, properties: rec };
          })
        };
        G.download(stamp + ".geojson", JSON.stringify(fc), "application/geo+json");
      }
      return rows.length;
    }

    // ---- the URL hash: view, range, filters, search, open event ----
    function readHash() {
      var out = {};
      try {
        var p = new URLSearchParams(location.hash.replace(/^#/, ""));
        var v = (p.get("v") || "").split("/").map(Number);
        if (v.length === 3 && v.every(isFinite)) { out.view = v; }
        ["from", "to", "t", "ds", "sub", "actor", "q", "ev", "prec"].forEach(function (k) { if (p.has(k)) { out[k] = p.get(k); } });
        out.fat = p.get("fat") === "1";
        out.amb = p.get("amb") === "1";
      } catch (e) { /* a hand-edited hash: ignored */ }
      return out;
    }
    var hashReady = false, hashTimer = null;
    function writeHash() {
      if (!hashReady) { return; }
      clearTimeout(hashTimer);
      hashTimer = setTimeout(function () {
        var c = map.getCenter(), p = new URLSearchParams(), rg = timeline.range(), on = typeOn();
        p.set("v", map.getZoom() + "/" + c.lat.toFixed(4) + "/" + c.lng.toFixed(4));
        if (!rg.full) { p.set("from", G.isoDay(rg.from)); p.set("to", G.isoDay(rg.to)); }
        if (on.indexOf(false) >= 0) { p.set("t", on.map(function (x) { return x ? 1 : 0; }).join("")); }
        var sets = setToggles.map(function (t) { return map.hasLayer(t); });
        if (sets.indexOf(false) >= 0) { p.set("ds", sets.map(function (x) { return x ? 1 : 0; }).join("")); }
        if (state.sub) { p.set("sub", G.unesc(state.sub)); }
        if (state.actor) { p.set("actor", G.unesc(state.actor)); }
        if (state.fatal) { p.set("fat", "1"); }
        if (!state.prec[1] || !state.prec[2] || !state.prec[3]) {
          p.set("prec", [1, 2, 3].filter(function (g) { return state.prec[g]; }).join(""));
        }
        if (state.amb) { p.set("amb", "1"); }
        if (state.q) { p.set("q", state.q); }
        if (state.open) { p.set("ev", G.unesc(state.open)); }
        var h = "#" + p.toString();
        if (h === location.hash) { return; }
        try { history.replaceState(null, "", h); } catch (e) { ownHash = h; location.hash = h; }
      }, 150);
    }
    var ownHash = null;

    function applyHash(h) {
      if (h.t && h.t.length === toggles.length) {
        toggles.forEach(function (t, i) { setType(i, h.t[i] === "1", true); });
      }
      if (h.ds && h.ds.length === setToggles.length) {
        setToggles.forEach(function (t, i) { setLayer(t, h.ds[i] === "1", true); });
      }
      state.sub = h.sub ? G.esc(h.sub) : "";
      state.actor = h.actor ? G.esc(h.actor) : "";
      state.fatal = !!h.fat;
      state.amb = !!h.amb;
      state.prec = [false, true, true, true];
      if (h.prec !== undefined) { state.prec = [0, 1, 2, 3].map(function (g) { return g > 0 && h.prec.indexOf(String(g)) >= 0; }); }
      panel.write(state, typeOn());
      var shown = panel.read(); // a sub-type or actor this map does not have is dropped
      state.sub = shown.sub;
      state.actor = shown.actor;
      if (/^\d{4}-\d\d-\d\d$/.test(h.from || "") && /^\d{4}-\d\d-\d\d$/.test(h.to || "") && days.length) {
        timeline.set(G.dayNumber(h.from), G.dayNumber(h.to), true);
      }
      if (h.sub || h.actor || h.fat || h.amb || h.prec !== undefined) { panel.openFilters(true); }
      if (h.q) { panel.refs.q.value = h.q; }
    }

    // ---- filters ----
    function setType(i, on, quiet) { setLayer(toggles[i], on, quiet); }
    function setLayer(layer, on, quiet) {
      if (on === map.hasLayer(layer)) { return; }
      if (quiet) { applying = true; }
      if (on) { map.addLayer(layer); } else { map.removeLayer(layer); }
      applying = false;
    }
    var applying = false;
    map.on("overlayadd overlayremove", function (e) {
      var mine = toggles.indexOf(e.layer) >= 0 || setToggles.indexOf(e.layer) >= 0;
      if (!applying && mine) { shownOn = shownOff = PAGE; apply(); }
      if (e.layer === areas && e.type === "overlayadd") { refreshAreas(); }
    });

    function clearAll() {
      timeline.stop();
      toggles.forEach(function (t, i) { setType(i, true, true); });
      setToggles.forEach(function (t) { setLayer(t, true, true); });
      state.sub = state.actor = "";
      state.fatal = state.amb = false;
      state.prec = [false, true, true, true];
      panel.write(state, typeOn());
      timeline.set(timeline.first, timeline.last, true);
      apply();
    }

    var panel = G.Panel(D, n, {
      filter: function (f) {
        state.sub = f.sub; state.actor = f.actor; state.fatal = f.fatal; state.prec = f.prec; state.amb = f.amb;
        shownOn = shownOff = PAGE;
        apply();
      },
      toggleType: function (i, on) { setType(i, on, false); },
      clear: clearAll,
      search: search,
      pick: function (row) { focusRow(row); },
      focus: focusRow,
      more: function (off) { if (off) { shownOff += PAGE; } else { shownOn += PAGE; } renderList(); },
      exportSel: exportSel,
      fitAll: function () { map.fitBounds(data.fitAll, L.extend({}, fitOptions, { animate: true })); },
      fitMain: function () { map.fitBounds(data.fit, L.extend({}, fitOptions, { animate: true })); }
    });
    panel.control.addTo(map);
    mark("geomap:panel");
    if (phone) { panel.setOpen(false); } else { panel.openFilters(false); }
    var timeline = G.Timeline(map.getContainer(), D, function () { shownOn = shownOff = PAGE; apply(); });
    map.getContainer().classList.add("geomap-has-timeline");
    panel.setOutliers(outliersHtml());

    function outliersHtml() {
      var out = data.outliers;
      if (!out || !out.n || !data.fitAll) { return ""; }
      var h = '<div class="gm-out-head">Opened on the main area; ' + G.fmt(out.n) + (out.n === 1 ? " event" : " events") +
        ' outside it.</div><button type="button" class="gm-all">All events</button> ' +
        '<button type="button" class="gm-main">Main area</button>' +
        (out.far ? ' <span class="gm-muted">(' + G.fmt(out.far) + " far " + (out.far === 1 ? "event is" : "events are") +
          " left out of &ldquo;All events&rdquo;: pick them below)</span>" : "") +
        '<details><summary>Places outside the main area</summary><ul class="gm-out-list">';
      out.rows.forEach(function (row) {
        var where = [E.place(row), E.country(row)].filter(function (v, k, a) { return v && (k === 0 || v !== a[0]); });
        h += '<li class="gm-out" data-row="' + row + '" tabindex="0" role="button">' + where.join(", ") + "</li>";
      });
      if (out.more) { h += '<li class="gm-muted">and ' + G.fmt(out.more) + " more places</li>"; }
      return h + "</ul></details>";
    }

    map.on("moveend", function () { viewCount = null; updateStatus(); writeHash(); });
    if (hash.t || hash.ds || hash.sub || hash.actor || hash.fat || hash.amb || hash.prec !== undefined || hash.from || hash.q) {
      applyHash(hash);
    }
    background.place();
    apply(); // the first slice is clustered before the first paint
    mark("geomap:applied");
    hashReady = true;
    if (hash.q) { search(hash.q); }
    if (hash.ev) {
      var target = null;
      for (var i = 0; i < n && target === null; i++) { if (G.unesc(E.id(i)) === hash.ev) { target = i; } }
      if (target !== null) { whenLoaded().then(function () { focusRow(target); }); }
    }
    window.addEventListener("hashchange", function () {
      if (location.hash === ownHash) { return; }
      var h = readHash();
      applyHash(h);
      if (h.view) { map.setView([h.view[1], h.view[2]], h.view[0]); }
      apply();
    });

    var rowById = null;
    function rowOf(id) {
      if (!rowById) {
        rowById = Object.create(null);
        for (var i = 0; i < n; i++) { rowById[G.unesc(E.id(i))] = i; }
      }
      return rowById[id];
    }

    window.geomap = {
      map: map, toggles: toggles, setToggles: setToggles, days: days, areas: areas, base: base, control: control,
      timeline: timeline, panel: panel,
      /* Names drawn now on the background (placed after every move, zoom and load). */
      townLabels: background.shown,
      regionLabels: background.regions,
      countryLabels: background.countries,
      placeLabels: function () { background.place(); return background.shown(); },
      overlayDays: overlays.shown,
      /* The marker of an event (by id), or null when the event is not drawn as a pin. */
      marker: function (id) { var row = rowOf(id); return row !== undefined && placed[row] ? markerAt(row) : null; },
      focusEvent: function (id) { focusRow(rowOf(id)); },
      countVisible: countVisible,
      selected: function () { return selOn.length + selOff.length; },
      selectedIds: function () { return selOn.concat(selOff).map(function (r) { return G.unesc(E.id(r)); }); },
      exportSelection: exportSel,
      lastApplyMs: function () { return G.lastApplyMs; },
      isLoaded: isLoaded,
      whenLoaded: whenLoaded,
      /* Dates: "all", "day" (that day only) or "upto" (every date to that day). */
      setFilter: function (mode, day) {
        var d = day === undefined ? timeline.range().to : typeof day === "number" ? dayNum[day] : G.dayNumber(day);
        if (mode === "all") { timeline.set(timeline.first, timeline.last); } else if (mode === "day") {
          timeline.set(d, d);
        } else { timeline.set(timeline.first, d); }
      },
      setRange: function (from, to) { timeline.set(G.dayNumber(from), G.dayNumber(to)); }
    };
    /* The cluster layer on the map now (every event, or the selection). */
    Object.defineProperty(window.geomap, "cluster", { get: function () { return cluster; } });
  };
}(window.geomapLib = window.geomapLib || {}));
