/* geomap map: shared helpers (own code of the geomap project, MIT).
 * Every string in the data payload arrives HTML-escaped from Python (geomap/render/);
 * the page only concatenates them into HTML, and unescapes them (unesc) where text leaves
 * the page as data (exports, the URL hash). */
(function (G) {
  "use strict";

  G.el = function (tag, cls, html) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (html !== undefined) { e.innerHTML = html; }
    return e;
  };

  G.fmt = function (n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); };

  /* Row accessor for a payload column: a plain array or {v: distinct values, i: codes}. */
  G.column = function (c) {
    if (c && !Array.isArray(c)) {
      var values = c.v, codes = c.i;
      return function (i) { return values[codes[i]]; };
    }
    return function (i) { return c[i]; };
  };

  var ENTITIES = { "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#x27;": "'", "&#39;": "'", "&amp;": "&" };
  /* The text an escaped payload string stands for (the inverse of Python's html.escape). */
  G.unesc = function (s) {
    return String(s).replace(/&(?:lt|gt|quot|#x27|#39|amp);/g, function (m) { return ENTITIES[m]; });
  };
  /* Escape text for HTML (for text typed by the user, e.g. the search box). */
  G.esc = function (s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#x27;" }[c];
    });
  };
  /* Plain text of an escaped quote with its <mark> highlight. */
  G.plain = function (s) { return G.unesc(String(s).replace(/<\/?mark>/g, "")); };

  /* Google encoded polyline -> [[lat, lon], ...] at 10^-precision degrees. */
  G.decode = function (str, precision) {
    var factor = Math.pow(10, precision), out = [], i = 0, lat = 0, lon = 0;
    while (i < str.length) {
      var pair = [0, 0];
      for (var k = 0; k < 2; k++) {
        var shift = 0, result = 0, b;
        do {
          b = str.charCodeAt(i++) - 63;
          result |= (b & 0x1f) << shift;
          shift += 5;
        } while (b >= 0x20);
        pair[k] = (result & 1) ? ~(result >> 1) : (result >> 1);
      }
      lat += pair[0];
      lon += pair[1];
      out.push([lat / factor, lon / factor]);
    }
    return out;
  };

  /* Encoded polygons [[ring, ...], ...] or lines [line, ...] -> Leaflet lat/lon arrays. */
  G.decodeShape = function (shape, precision) {
    return shape.map(function (part) {
      return Array.isArray(part) ? part.map(function (r) { return G.decode(r, precision); })
        : G.decode(part, precision);
    });
  };

  var DAY_MS = 86400000;
  G.dayNumber = function (iso) {
    return Math.floor(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS);
  };
  G.isoDay = function (n) { return new Date(n * DAY_MS).toISOString().slice(0, 10); };

  /* One CSV cell. Text that a spreadsheet would run as a formula (a leading = + - @, tab
   * or carriage return) gets a single-quote prefix; numbers are written as numbers. */
  G.csvCell = function (v) {
    if (v === null || v === undefined) { return ""; }
    if (typeof v === "number") { return String(v); }
    var s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) { s = "'" + s; }
    return /[",\r\n]/.test(s) ? "\"" + s.replace(/"/g, "\"\"") + "\"" : s;
  };

  /* Offer text as a file download, made in the page (no request). */
  G.download = function (name, text, mime) {
    var url = URL.createObjectURL(new Blob([text], { type: mime }));
    var a = G.el("a");
    a.href = url;
    a.download = name;
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
  };

  /* A small grid index of screen boxes [x0, y0, x1, y1] for collision tests. */
  G.BoxIndex = function (cell) {
    this.cell = cell || 64;
    this.grid = new Map();
  };
  G.BoxIndex.prototype.cells = function (b, fn) {
    var c = this.cell;
    for (var gx = Math.floor(b[0] / c); gx <= Math.floor(b[2] / c); gx++) {
      for (var gy = Math.floor(b[1] / c); gy <= Math.floor(b[3] / c); gy++) {
        if (fn(gx + "," + gy) === true) { return true; }
      }
    }
    return false;
  };
  G.BoxIndex.prototype.add = function (b) {
    var grid = this.grid;
    this.cells(b, function (k) {
      var list = grid.get(k);
      if (list) { list.push(b); } else { grid.set(k, [b]); }
    });
  };
  G.BoxIndex.prototype.hits = function (b) {
    var grid = this.grid;
    return this.cells(b, function (k) {
      var list = grid.get(k);
      if (!list) { return false; }
      for (var i = 0; i < list.length; i++) {
        var o = list[i];
        if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) { return true; }
      }
      return false;
    });
  };
}(window.geomapLib = window.geomapLib || {}));
