/* geomap map: event markers, their hover text and popups (own code of the geomap project, MIT).
 * A pin per event in its type's colour and glyph: solid for a town, hollow and dashed for
 * "near a town", a dashed ring for a region; a "?" badge marks an ambiguous place, whose
 * popup lists the other places the name could be. An event of a second dataset (an ACLED
 * export drawn beside the run's own) is a square, tagged with its dataset's name. */
(function (G) {
  "use strict";

  var TIME_PREC = { 1: "day", 2: "week", 3: "month" };
  G.GEO_PREC = { 1: "town", 2: "near a town", 3: "region" };

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
  var BADGE = '<circle cx="CX" cy="CY" r="6.5" fill="#111" stroke="#fff" stroke-width="1.5"/>' +
    '<text x="CX" y="CY" dy="3.6" text-anchor="middle" font-family="sans-serif" font-size="10" ' +
    'font-weight="bold" fill="#fff">?</text>';

  function glyph(typeIndex, colour) {
    return GLYPHS[typeIndex % GLYPHS.length].replace(/"G"/g, '"' + colour + '"');
  }

  function badge(cx, cy) { return BADGE.replace(/CX/g, cx).replace(/CY/g, cy); }

  /* An event of another dataset (an ACLED export): a square, solid (town), hollow and dashed
   * (near a town) or dashed and light (region). */
  function squareSvg(c, typeIndex, gp, amb) {
    var solid = gp <= 1, region = gp >= 3;
    return '<svg xmlns="http://www.w3.org/2000/svg" width="28" height="28" viewBox="0 0 28 28">' +
      '<rect x="2" y="2" width="24" height="24" rx="3" fill="' + (solid ? c : region ? c : "#fff") + '"' +
      (region ? ' fill-opacity="0.18"' : "") + ' stroke="' + (solid ? "#fff" : c) + '" stroke-width="' +
      (solid ? 1.5 : 2.2) + '"' + (solid ? "" : ' stroke-dasharray="4 2.5"') + '/><g transform="translate(14 14)">' +
      glyph(typeIndex, solid ? "#fff" : c) + "</g>" + (amb ? badge(22, 6) : "") + "</svg>";
  }

  /* Precision 1: solid pin; 2: hollow dashed pin; 3 (region): dashed ring; amb: "?" badge;
   * ext: an event of another dataset (a square). */
  G.iconSvg = function (t, typeIndex, gp, amb, ext) {
    var c = t.color;
    if (ext) { return squareSvg(c, typeIndex, gp, amb); }
    if (gp >= 3) {
      return '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">' +
        '<circle cx="15" cy="17" r="13" fill="' + c + '" fill-opacity="0.18" stroke="' + c +
        '" stroke-width="2.2" stroke-dasharray="4 3"/><g transform="translate(15 17)">' +
        glyph(typeIndex, c) + "</g>" + (amb ? badge(25, 7) : "") + "</svg>";
    }
    var solid = gp <= 1;
    return '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="42" viewBox="0 0 32 42">' +
      '<path d="M14 3.5C7.1 3.5 1.5 9.1 1.5 16c0 9.3 12.5 24.5 12.5 24.5S26.5 25.3 26.5 16C26.5 9.1 20.9 3.5 14 3.5z" fill="' +
      (solid ? c : "#fff") + '" stroke="' + (solid ? "#fff" : c) + '" stroke-width="' + (solid ? 1.5 : 2.4) + '"' +
      (solid ? "" : ' stroke-dasharray="4 2.5"') + '/><g transform="translate(14 16)">' +
      glyph(typeIndex, solid ? "#fff" : c) + "</g>" + (amb ? badge(24.5, 7) : "") + "</svg>";
  };

  G.makeIcon = function (t, typeIndex, gp, amb, ext) {
    var region = gp >= 3;
    if (ext) {
      return L.divIcon({
        html: G.iconSvg(t, typeIndex, gp, amb, ext),
        className: "geomap-marker geomap-ext geomap-prec-" + gp + (amb ? " geomap-ambiguous" : ""),
        iconSize: [28, 28], iconAnchor: [14, 14], popupAnchor: [0, -12], tooltipAnchor: [0, -12]
      });
    }
    return L.divIcon({
      html: G.iconSvg(t, typeIndex, gp, amb),
      className: "geomap-marker geomap-prec-" + gp + (amb ? " geomap-ambiguous" : ""),
      iconSize: region ? [32, 32] : [32, 42],
      iconAnchor: region ? [15, 17] : [14, 41],
      popupAnchor: region ? [0, -14] : [0, -36],
      tooltipAnchor: region ? [0, -14] : [0, -36]
    });
  };

  /* Text and HTML of one event (row i) from the payload D = {types, days, cols, E, ...}. */
  G.EventText = function (D) {
    var E = D.E, cols = D.cols, S = {};
    ["label", "href", "date", "name"].forEach(function (k) { S[k] = G.column(D.sources[k]); });

    function day(i) { return cols.day[i] >= 0 ? D.days[cols.day[i]] : "undated"; }

    /* The event's dataset as a tag ("" when the map has one dataset). */
    function setTag(i) {
      return D.sets && D.sets.length ? '<span class="gm-set-tag gm-set-' + Math.min(cols.set[i], 1) + '">' +
        D.sets[cols.set[i]].label + "</span> " : "";
    }

    function where(i) {
      return [E.place(i), E.adm1(i), E.country(i)].filter(function (s, k, a) {
        return s && a.indexOf(s) === k;
      }).join(", ");
    }

    function sourcesOf(i) {
      var s = cols.src[i];
      return (Array.isArray(s) ? s : [s]).map(function (k) { return [S.label(k), S.href(k), S.date(k), S.name(k)]; });
    }

    function sourcesHtml(i) {
      var list = sourcesOf(i), h = '<div class="gm-row gm-src">' +
        (list.length > 1 ? "Sources (" + list.length + "):" : "Source:") + '<ul class="gm-src-list">';
      list.forEach(function (s) {
        var label = s[0], href = s[1], date = s[2], name = s[3];
        h += "<li>" + (href ? '<a href="' + href + '" target="_blank" rel="noopener noreferrer"' +
          (name && name !== label ? ' title="' + name + '"' : "") + ">" + label + "</a>" : label) +
          (date ? ' <span class="gm-muted">&middot; ' + date + "</span>" : "") + "</li>";
      });
      return h + "</ul></div>";
    }

    function altsHtml(i) {
      var alts = D.alts[i];
      if (!alts) { return ""; }
      var h = '<div class="gm-row gm-amb"><b>Ambiguous place</b>: the name may also be' +
        '<ul class="gm-alt-list">';
      alts.forEach(function (a) {
        h += "<li>" + [a[0], a[1], a[2]].filter(function (s) { return s; }).join(", ") + "</li>";
      });
      return h + "</ul></div>";
    }

    function popupHtml(i) {
      var t = D.types[cols.type[i]], sub = E.sub(i), gp = cols.gp[i];
      var h = '<div class="geomap-popup" data-event="' + E.id(i) + '"><div class="gm-head" style="border-color:' +
        t.color + '">' + setTag(i) + "<b>" + t.label + "</b>" + (sub ? " &middot; " + sub : "") + "</div>";
      h += '<div class="gm-row">' + day(i) + ' <span class="gm-muted">(' + (TIME_PREC[cols.tp[i]] || "?") +
        " precision)</span>" + (E.status(i) === "planned" ? ' <span class="gm-planned">planned</span>' : "") + "</div>";
      h += '<div class="gm-row">' + where(i) + ' <span class="gm-prec">' +
        (E.level(i) === "country" ? "country" : G.GEO_PREC[gp] || "?") + "</span></div>";
      h += altsHtml(i);
      var toll = [];
      if (cols.killed[i] !== null) { toll.push(cols.killed[i] + " killed"); }
      if (cols.injured[i] !== null) { toll.push(cols.injured[i] + " injured"); }
      h += '<div class="gm-row">Fatalities: ' + (toll.length ? toll.join(", ") : "not reported") + "</div>";
      var actors = [E.a1(i), E.a2(i)].filter(function (s) { return s; });
      if (actors.length) { h += '<div class="gm-row">Actors: ' + actors.join(" vs. ") + "</div>"; }
      if (E.weapons(i)) { h += '<div class="gm-row">Weapons: ' + E.weapons(i) + "</div>"; }
      h += '<blockquote class="gm-quote">' + E.notes(i) + "</blockquote>";
      if (E.title(i)) { h += '<div class="gm-row gm-title">&ldquo;' + E.title(i) + "&rdquo;</div>"; }
      return h + sourcesHtml(i) + "</div>";
    }

    /* Hover text (HTML, escaped parts only). */
    function tooltipHtml(i) {
      var t = D.types[cols.type[i]];
      return setTag(i) + "<b>" + day(i) + "</b> &middot; " + (E.sub(i) || t.label) + "<br>" + (E.place(i) || E.country(i)) +
        ' <span class="gm-muted">(' + G.GEO_PREC[cols.gp[i]] + (D.alts[i] ? ", ambiguous" : "") + ")</span>";
    }

    /* A line of the event list. */
    function itemHtml(i, placed) {
      var t = D.types[cols.type[i]], killed = cols.killed[i];
      return '<li class="' + (placed ? "gm-item" : "gm-item gm-nomap") + '" data-row="' + i +
        '" data-event="' + E.id(i) + '"' + (placed ? ' tabindex="0" role="button"' : "") +
        '><span class="gm-dot" style="background:' + t.color + '"></span>' +
        '<span class="gm-date">' + day(i) + "</span> " + (cols.set && cols.set[i] > 0 ? setTag(i) : "") + "<b>" +
        (E.place(i) || E.country(i)) + "</b>" +
        (D.alts[i] ? ' <span class="gm-amb-tag" title="ambiguous place">?</span>' : "") +
        " &middot; " + (E.sub(i) || t.label) +
        (killed ? ' <span class="gm-killed">' + killed + " killed</span>" : "") +
        (placed ? "" : '<div class="gm-muted gm-q">' + E.notes(i) + "</div>") + "</li>";
    }

    return {
      day: day, where: where, sourcesOf: sourcesOf, popupHtml: popupHtml, setTag: setTag,
      tooltipHtml: tooltipHtml, itemHtml: itemHtml
    };
  };
}(window.geomapLib = window.geomapLib || {}));
