/* geomap map behaviour: markers per event type, popups, side list, day filter.
 * Own code of the geomap project (MIT). Every string in the data payload arrives
 * HTML-escaped from Python (geomap/render.py); this file only concatenates them. */
(function () {
  "use strict";

  var F = {
    ID: 0, DATE: 1, TP: 2, TYPE: 3, SUB: 4, LAT: 5, LON: 6, GP: 7, LEVEL: 8,
    PLACE: 9, ADM1: 10, COUNTRY: 11, KILLED: 12, INJURED: 13, A1: 14, A2: 15,
    NOTES: 16, SRC: 17, URL: 18, TITLE: 19, STATUS: 20, POLY: 21, NSRC: 22, WEAPONS: 23
  };
  var TIME_PREC = { 1: "day", 2: "week", 3: "month" };
  var GEO_PREC = { 1: "town", 2: "near a town / part of a region", 3: "region or country" };
  var PAGE = 300;

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

  function popupHtml(data, ev) {
    var t = data.types[ev[F.TYPE]];
    var h = '<div class="geomap-popup"><div class="gm-head" style="border-color:' + t.color + '">' +
      "<b>" + t.label + "</b>" + (ev[F.SUB] ? " &middot; " + ev[F.SUB] : "") + "</div>";
    h += '<div class="gm-row">' + (ev[F.DATE] || "undated") + ' <span class="gm-muted">(' +
      (TIME_PREC[ev[F.TP]] || "?") + " precision)</span>" +
      (ev[F.STATUS] === "planned" ? ' <span class="gm-planned">planned</span>' : "") + "</div>";
    var place = [ev[F.PLACE], ev[F.ADM1], ev[F.COUNTRY]].filter(function (s) { return s; });
    h += '<div class="gm-row">' + place.join(", ") + ' <span class="gm-muted">(' +
      (GEO_PREC[ev[F.GP]] || "?") + ")</span></div>";
    var toll = [];
    if (ev[F.KILLED] !== null) { toll.push(ev[F.KILLED] + " killed"); }
    if (ev[F.INJURED] !== null) { toll.push(ev[F.INJURED] + " injured"); }
    h += '<div class="gm-row">Fatalities: ' + (toll.length ? toll.join(", ") : "not reported") + "</div>";
    var actors = [ev[F.A1], ev[F.A2]].filter(function (s) { return s; });
    if (actors.length) { h += '<div class="gm-row">Actors: ' + actors.join(" vs. ") + "</div>"; }
    if (ev[F.WEAPONS]) { h += '<div class="gm-row">Weapons: ' + ev[F.WEAPONS] + "</div>"; }
    h += '<blockquote class="gm-quote">' + ev[F.NOTES] + "</blockquote>";
    var label = ev[F.TITLE] || ev[F.SRC] || "source";
    h += '<div class="gm-row gm-src">' + (ev[F.URL] ?
      '<a href="' + ev[F.URL] + '" target="_blank" rel="noopener noreferrer">' + label + "</a>" : label) +
      (ev[F.TITLE] && ev[F.SRC] ? " &middot; " + ev[F.SRC] : "") +
      (ev[F.NSRC] > 1 ? ' <span class="gm-muted">(' + ev[F.NSRC] + " sources)</span>" : "") + "</div>";
    return h + "</div>";
  }

  function el(tag, cls, html) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (html !== undefined) { e.innerHTML = html; }
    return e;
  }

  window.geomapInit = function (map, groups, areas, data) {
    var types = data.types;
    var events = data.events;
    var icons = {};
    var markers = {};
    var byType = types.map(function () { return []; });
    var dayOf = {};
    var days = [];
    var state = { mode: "all", day: 0 };

    if (data.countries) {
      map.createPane("geomap-base");
      map.getPane("geomap-base").style.zIndex = 150;
      L.geoJSON(data.countries, {
        pane: "geomap-base", interactive: false,
        style: { color: "#8a8a8a", weight: 0.8, fillColor: "#f3f0e8", fillOpacity: 1 }
      }).addTo(map);
    }

    types.forEach(function (t, i) {
      var g = groups[i];
      g.options.iconCreateFunction = function (cluster) {
        var n = cluster.getChildCount();
        var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
        return L.divIcon({
          html: '<div style="background:' + t.color + '"><span>' + n + "</span></div>",
          className: "geomap-cluster", iconSize: [size, size]
        });
      };
    });

    var polygons = {};
    Object.keys(data.polygons || {}).forEach(function (key) {
      var p = data.polygons[key];
      polygons[key] = L.geoJSON(p.geometry, {
        style: { color: "#555", weight: 1.5, dashArray: "6 4", fillColor: "#777", fillOpacity: 0.08 }
      }).bindTooltip(p.name + ": region-level events");
    });

    events.forEach(function (ev) {
      if (ev[F.DATE] && !(ev[F.DATE] in dayOf)) { dayOf[ev[F.DATE]] = 0; days.push(ev[F.DATE]); }
      if (ev[F.LAT] === null || ev[F.LEVEL] === "country") { return; }
      var ti = ev[F.TYPE];
      var key = ti + ":" + ev[F.GP];
      if (!icons[key]) { icons[key] = makeIcon(types[ti], ti, ev[F.GP]); }
      var mk = L.marker([ev[F.LAT], ev[F.LON]], { icon: icons[key], title: "" });
      mk.bindPopup(function () { return popupHtml(data, ev); }, { maxWidth: 360 });
      mk.geomapEvent = ev;
      markers[ev[F.ID]] = mk;
      byType[ti].push(mk);
    });
    days.sort();
    days.forEach(function (d, i) { dayOf[d] = i; });

    function visible(ev) {
      if (state.mode === "all") { return true; }
      if (!ev[F.DATE]) { return false; }
      var i = dayOf[ev[F.DATE]];
      return state.mode === "day" ? i === state.day : i <= state.day;
    }

    function refreshAreas() {
      var live = {};
      types.forEach(function (t, ti) {
        if (!map.hasLayer(groups[ti])) { return; }
        byType[ti].forEach(function (mk) {
          var ev = mk.geomapEvent;
          if (ev[F.POLY] && visible(ev)) { live[ev[F.POLY]] = (live[ev[F.POLY]] || 0) + 1; }
        });
      });
      Object.keys(polygons).forEach(function (key) {
        if (live[key]) { areas.addLayer(polygons[key]); } else { areas.removeLayer(polygons[key]); }
      });
    }

    function applyFilter() {
      types.forEach(function (t, ti) {
        var g = groups[ti];
        g.clearLayers();
        g.addLayers(byType[ti].filter(function (mk) { return visible(mk.geomapEvent); }));
      });
      refreshAreas();
      renderList();
      updateTimeLabel();
    }

    // ---- side panel: legend with counts, events newest first, country-level list ----
    var sorted = events.slice().sort(function (a, b) {
      var da = a[F.DATE] || "", db = b[F.DATE] || "";
      return da < db ? 1 : da > db ? -1 : 0;
    });
    var panelBody, listEl, offEl, shown = PAGE;
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
          "dashed ring: region (Ukrainian oblasts outlined) &middot; country-level events: list below</div></div>";
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
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });

    function itemHtml(ev) {
      var t = types[ev[F.TYPE]];
      return '<span class="gm-dot" style="background:' + t.color + '"></span>' +
        '<span class="gm-date">' + (ev[F.DATE] || "undated") + "</span> " +
        "<b>" + (ev[F.PLACE] || ev[F.COUNTRY]) + "</b> &middot; " + (ev[F.SUB] || t.label) +
        (ev[F.KILLED] ? ' <span class="gm-killed">' + ev[F.KILLED] + " killed</span>" : "");
    }

    function renderList() {
      listEl.innerHTML = "";
      offEl.innerHTML = "";
      var n = 0;
      sorted.forEach(function (ev) {
        if (!visible(ev)) { return; }
        var onMap = Boolean(markers[ev[F.ID]]);
        if (onMap && n >= shown) { n += 1; return; }
        var li = el("li", onMap ? "gm-item" : "gm-item gm-nomap", itemHtml(ev) +
          (onMap ? "" : '<div class="gm-muted gm-q">' + ev[F.NOTES] + "</div>"));
        li.setAttribute("data-event", ev[F.ID]);
        if (onMap) {
          n += 1;
          li.addEventListener("click", function () { focusEvent(ev[F.ID]); });
          listEl.appendChild(li);
        } else {
          offEl.appendChild(li);
        }
      });
      if (n > shown) {
        var more = el("li", "gm-more", "Show more (" + (n - shown) + " left)");
        more.addEventListener("click", function () { shown += PAGE; renderList(); });
        listEl.appendChild(more);
      }
    }

    function focusEvent(id) {
      var mk = markers[id];
      var g = groups[mk.geomapEvent[F.TYPE]];
      if (!map.hasLayer(g)) { map.addLayer(g); }
      if (!g.hasLayer(mk)) { state.mode = "all"; syncTimeControl(); applyFilter(); }
      map.flyTo(mk.getLatLng(), Math.max(map.getZoom(), 9), { duration: 0.6 });
      map.once("moveend", function () {
        g.zoomToShowLayer(mk, function () { mk.openPopup(); });
      });
    }

    // ---- day filter: step through the per-day groups ----
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
        function step(d) {
          if (!days.length) { return; }
          if (state.mode === "all") { state.mode = "day"; }
          state.day = Math.min(Math.max(state.day + d, 0), days.length - 1);
          syncTimeControl();
          applyFilter();
        }
        prev.addEventListener("click", function () { step(-1); });
        next.addEventListener("click", function () { step(1); });
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

    function countVisible() {
      var n = 0;
      types.forEach(function (t, ti) {
        if (map.hasLayer(groups[ti])) { n += groups[ti].getLayers().length; }
      });
      return n;
    }

    function updateTimeLabel() {
      if (!timeLabel) { return; }
      var d = days.length ? days[state.day] : "no dates";
      var what = state.mode === "all" ? "all dates" : state.mode === "day" ? d : "to " + d;
      timeLabel.textContent = what + " \u00b7 " + countVisible() + " on map";
    }

    state.day = Math.max(days.length - 1, 0);
    new Panel({ position: "topleft" }).addTo(map);
    new Time({ position: "bottomleft" }).addTo(map);
    map.on("overlayadd overlayremove", function () { refreshAreas(); updateTimeLabel(); });
    applyFilter();

    window.geomap = {
      map: map, groups: groups, markers: markers, days: days, areas: areas,
      focusEvent: focusEvent, countVisible: countVisible,
      setFilter: function (mode, day) {
        state.mode = mode;
        if (day !== undefined) { state.day = typeof day === "number" ? day : dayOf[day]; }
        syncTimeControl();
        applyFilter();
      }
    };
  };
}());
