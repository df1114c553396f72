/* geomap map: the timeline strip (own code of the geomap project, MIT).
 * A histogram of the selected events per day, stacked by event type, under a brush: drag
 * across it to choose a date range, drag the range or its handles to move it (the handles
 * also take arrow keys: a day, with Shift a week), double-click for every date, and play
 * to slide the range through time. */
(function (G) {
  "use strict";

  var PLAY_MS = 500;
  var BAR_MIN_PX = 3;

  G.Timeline = function (host, D, onRange) {
    var days = D.days, hasDays = days.length > 0;
    var first = hasDays ? G.dayNumber(days[0]) : 0;
    var last = hasDays ? G.dayNumber(days[days.length - 1]) : 0;
    var span = last - first + 1;
    var range = { from: first, to: last };
    var counts = null, total = 0, timer = null;

    var box = G.el("div", "geomap-timeline");
    var play = G.el("button", "gm-play", "&#9654;");
    play.type = "button";
    play.title = "Play: slide the date range through time";
    play.setAttribute("aria-label", "Play");
    var wrap = G.el("div", "gm-tl-wrap");
    var canvas = G.el("canvas", "gm-tl-canvas");
    var brush = G.el("div", "gm-brush");
    var hFrom = G.el("button", "gm-handle gm-h-from"), hTo = G.el("button", "gm-handle gm-h-to");
    hFrom.type = hTo.type = "button";
    hFrom.setAttribute("aria-label", "First day of the range (arrow keys)");
    hTo.setAttribute("aria-label", "Last day of the range (arrow keys)");
    brush.appendChild(hFrom);
    brush.appendChild(hTo);
    wrap.appendChild(canvas);
    wrap.appendChild(brush);
    var label = G.el("div", "gm-tl-label");
    var all = G.el("button", "gm-tl-all", "All dates");
    all.type = "button";
    [play, wrap, label, all].forEach(function (c) { box.appendChild(c); });
    host.appendChild(box);
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    if (!hasDays) {
      [play, hFrom, hTo, all].forEach(function (b) { b.disabled = true; });
    }

    function isFull() { return range.from <= first && range.to >= last; }
    function width() { return Math.max(wrap.clientWidth, 1); }
    function xOf(d) { return (d - first) / span * width(); }
    function dayAt(x) { return Math.min(last, Math.max(first, first + Math.floor(x / width() * span))); }

    function set(from, to, quiet) {
      from = Math.max(first, Math.min(from, last));
      to = Math.max(from, Math.min(to, last));
      if (from === range.from && to === range.to) { return; }
      range = { from: from, to: to };
      layout();
      if (!quiet) { onRange(); }
    }

    function layout() {
      brush.style.left = xOf(range.from) + "px";
      brush.style.width = Math.max(xOf(range.to + 1) - xOf(range.from), 2) + "px";
      brush.classList.toggle("gm-full", isFull());
      label.innerHTML = (hasDays ? (range.from === range.to ? G.isoDay(range.from) :
        G.isoDay(range.from) + " &ndash; " + G.isoDay(range.to)) : "no dates") +
        "<br><b>" + G.fmt(total) + "</b> event" + (total === 1 ? "" : "s");
      draw();
    }

    function draw() {
      var w = width(), h = wrap.clientHeight || 44, ratio = window.devicePixelRatio || 1;
      canvas.width = Math.round(w * ratio);
      canvas.height = Math.round(h * ratio);
      var g = canvas.getContext("2d");
      g.setTransform(ratio, 0, 0, ratio, 0, 0);
      g.clearRect(0, 0, w, h);
      var barH = h - 12;
      if (counts && hasDays) {
        var per = Math.max(1, Math.ceil(span / Math.max(1, Math.floor(w / BAR_MIN_PX))));
        var bins = Math.ceil(span / per), stack = [], max = 1;
        for (var b = 0; b < bins; b++) {
          var col = D.types.map(function () { return 0; }), sum = 0;
          for (var d = b * per; d < Math.min(span, (b + 1) * per); d++) {
            for (var ti = 0; ti < col.length; ti++) { col[ti] += counts[ti][d]; sum += counts[ti][d]; }
          }
          stack.push(col);
          max = Math.max(max, sum);
        }
        stack.forEach(function (col, b) {
          var d0 = first + b * per, inside = d0 + per - 1 >= range.from && d0 <= range.to;
          var x0 = xOf(d0), x1 = xOf(d0 + per), y = barH;
          g.globalAlpha = inside ? 1 : 0.3;
          col.forEach(function (k, ti) {
            if (!k) { return; }
            var hh = k / max * (barH - 2);
            g.fillStyle = D.types[ti].color;
            g.fillRect(x0, y - hh, Math.max(x1 - x0 - 0.5, 1), hh);
            y -= hh;
          });
        });
        g.globalAlpha = 1;
      }
      drawAxis(g, w, h, barH);
    }

    function drawAxis(g, w, h, barH) {
      g.fillStyle = "#555";
      g.strokeStyle = "#999";
      g.font = "9px sans-serif";
      g.beginPath();
      g.moveTo(0, barH + 0.5);
      g.lineTo(w, barH + 0.5);
      g.stroke();
      if (!hasDays) { return; }
      var lastX = -1e9, start = new Date(first * 86400000);
      var m = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
      for (; m.getTime() / 86400000 <= last; m.setUTCMonth(m.getUTCMonth() + 1)) {
        var x = xOf(m.getTime() / 86400000);
        if (x < 0 || x - lastX < 46) { continue; }
        g.fillRect(x, barH, 1, 3);
        g.fillText(m.toISOString().slice(0, 7), x + 2, h - 1);
        lastX = x;
      }
    }

    // ---- pointer: new range, move, resize ----
    var drag = null;
    wrap.addEventListener("pointerdown", function (e) {
      if (!hasDays || e.button > 0) { return; }
      var x = e.clientX - wrap.getBoundingClientRect().left, d = dayAt(x);
      if (e.target === hFrom) { drag = { mode: "from" }; } else if (e.target === hTo) {
        drag = { mode: "to" };
      } else if (!isFull() && d >= range.from && d <= range.to) {
        drag = { mode: "move", grab: d - range.from };
      } else { drag = { mode: "new", anchor: d }; set(d, d); }
      wrap.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    wrap.addEventListener("pointermove", function (e) {
      if (!drag) { return; }
      var d = dayAt(e.clientX - wrap.getBoundingClientRect().left), len = range.to - range.from;
      if (drag.mode === "from") { set(Math.min(d, range.to), range.to); } else if (drag.mode === "to") {
        set(range.from, Math.max(d, range.from));
      } else if (drag.mode === "move") {
        var f = Math.max(first, Math.min(d - drag.grab, last - len));
        set(f, f + len);
      } else { set(Math.min(d, drag.anchor), Math.max(d, drag.anchor)); }
    });
    function endDrag() { drag = null; }
    wrap.addEventListener("pointerup", endDrag);
    wrap.addEventListener("pointercancel", endDrag);
    wrap.addEventListener("dblclick", function () { set(first, last); });

    function keys(handle, which) {
      handle.addEventListener("keydown", function (e) {
        var step = e.shiftKey ? 7 : 1;
        var dir = e.key === "ArrowLeft" || e.key === "ArrowDown" ? -step :
          e.key === "ArrowRight" || e.key === "ArrowUp" ? step : 0;
        if (!dir) { return; }
        e.preventDefault();
        if (which === "from") { set(Math.min(range.from + dir, range.to), range.to); } else {
          set(range.from, Math.max(range.to + dir, range.from));
        }
      });
    }
    keys(hFrom, "from");
    keys(hTo, "to");
    all.addEventListener("click", function () { stop(); set(first, last); });

    // ---- play: slide the range (a twentieth of the span when every date is shown) ----
    function stop() {
      if (timer) { clearInterval(timer); timer = null; }
      play.innerHTML = "&#9654;";
      play.setAttribute("aria-label", "Play");
    }
    function tick() {
      var len = range.to - range.from, step = Math.max(1, Math.ceil(span / 60));
      if (range.to >= last) { stop(); return; }
      var to = Math.min(last, range.to + step);
      set(to - len, to);
    }
    play.addEventListener("click", function () {
      if (timer) { stop(); return; }
      if (isFull() || range.to >= last) {
        var len = Math.max(6, Math.ceil(span / 20) - 1);
        set(first, Math.min(last, first + len));
      }
      play.innerHTML = "&#10074;&#10074;";
      play.setAttribute("aria-label", "Pause");
      timer = setInterval(tick, PLAY_MS);
    });

    window.addEventListener("resize", function () { layout(); });
    layout();

    return {
      element: box,
      first: first,
      last: last,
      span: span,
      range: function () { return { from: range.from, to: range.to, full: isFull() }; },
      set: set,
      stop: stop,
      /* counts[type][day - first] of the events the other filters keep; total in range. */
      setCounts: function (c, k) { counts = c; total = k; layout(); },
      playing: function () { return timer !== null; }
    };
  };
}(window.geomapLib = window.geomapLib || {}));
