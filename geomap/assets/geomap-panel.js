/* geomap map: the side panel (own code of the geomap project, MIT).
 * Search, export, filters (type with counts, sub-type, actor, fatalities, precision,
 * ambiguous places), the events outside the opening view, the event list and the key to
 * the symbols. The panel only draws and reports: geomap.js owns the state. */
(function (G) {
  "use strict";

  var MAX_ACTORS = 300;

  function options(select, groups) {
    groups.forEach(function (g) {
      var parent = select;
      if (g.label) {
        parent = G.el("optgroup");
        parent.label = G.unesc(g.label);
        select.appendChild(parent);
      }
      g.items.forEach(function (it) {
        var o = G.el("option");
        o.value = it.value;
        o.textContent = G.unesc(it.value) + " (" + G.fmt(it.count) + ")";
        parent.appendChild(o);
      });
    });
  }

  /* Distinct values of accessors over rows, most frequent first: [{value, count}]. */
  function tally(rows, getters) {
    var seen = new Map();
    rows.forEach(function (r) {
      getters.forEach(function (get) {
        var v = get(r);
        if (v) { seen.set(v, (seen.get(v) || 0) + 1); }
      });
    });
    return Array.from(seen, function (e) { return { value: e[0], count: e[1] }; })
      .sort(function (a, b) { return b.count - a.count || (a.value < b.value ? -1 : 1); });
  }

  function subGroups(D, n) {
    return D.types.map(function (t, ti) {
      var rows = [];
      for (var r = 0; r < n; r++) { if (D.cols.type[r] === ti) { rows.push(r); } }
      return { label: t.label, items: tally(rows, [D.E.sub]) };
    }).filter(function (g) { return g.items.length; });
  }

  function filtersHtml(D, hasAlts) {
    var h = '<div class="gm-legend">';
    D.types.forEach(function (t, i) {
      h += '<label class="gm-legend-row"><input type="checkbox" class="gm-f-type" data-type="' + i +
        '" checked>' + G.iconSvg(t, i, 1, false) + "<span>" + t.label +
        ' <span class="gm-muted gm-count" data-type="' + i + '">(' + G.fmt(t.count) + ")</span></span></label>";
    });
    h += "</div>" +
      '<label class="gm-field">Sub-type <select class="gm-f-sub"><option value="">All sub-types</option></select></label>' +
      '<label class="gm-field">Actor <select class="gm-f-actor"><option value="">All actors</option></select></label>' +
      '<label class="gm-check"><input type="checkbox" class="gm-f-fatal"> Fatalities reported (&gt; 0)</label>' +
      '<div class="gm-check">Placed at: ' +
      '<label><input type="checkbox" class="gm-f-prec" data-gp="1" checked> town</label> ' +
      '<label><input type="checkbox" class="gm-f-prec" data-gp="2" checked> near a town</label> ' +
      '<label><input type="checkbox" class="gm-f-prec" data-gp="3" checked> region</label></div>' +
      (hasAlts ? '<label class="gm-check"><input type="checkbox" class="gm-f-amb"> Only ambiguous places</label>' : "") +
      '<button type="button" class="gm-f-clear">Clear filters</button>';
    return h;
  }

  var KEY_HTML = '<div class="gm-key gm-muted">' +
    "<b>Key</b>: solid pin: in a town &middot; hollow dashed pin: near a town &middot; dashed ring: " +
    "somewhere in a region (not an area of control; its outline shows with the popup) &middot; " +
    "<b>?</b> badge: ambiguous place (the popup lists the alternatives) &middot; " +
    "clusters: ring coloured by event type; events at one spot fan out on click &middot; " +
    "country-level events are listed, not drawn.</div>";

  /* Build the panel; cb = {filter, toggleType, clear, search, pick, focus, more, exportSel,
   * fitAll, fitMain}. */
  G.Panel = function (D, n, cb) {
    var hasAlts = Object.keys(D.alts).length > 0;
    var refs = {};
    var Control = L.Control.extend({
      onAdd: function () {
        var box = G.el("div", "geomap-panel leaflet-bar");
        var head = G.el("div", "gm-panel-head", "<b>" + D.title + "</b>");
        var toggle = G.el("button", "gm-toggle", "&#8722;");
        toggle.type = "button";
        toggle.title = "Hide / show the panel";
        toggle.setAttribute("aria-expanded", "true");
        head.appendChild(toggle);
        box.appendChild(head);
        var body = refs.body = G.el("div", "gm-panel-body");
        body.innerHTML =
          '<div class="gm-search"><input type="search" class="gm-q" placeholder="Search a place or a word" ' +
          'aria-label="Search a place or a word in the quotes" autocomplete="off">' +
          '<ol class="gm-hits" role="listbox"></ol></div>' +
          '<div class="gm-status" aria-live="polite"></div>' +
          '<div class="gm-export">Download the events in view: ' +
          '<button type="button" class="gm-export-btn" data-fmt="geojson">GeoJSON</button> ' +
          '<button type="button" class="gm-export-btn" data-fmt="csv">CSV</button></div>' +
          '<details class="gm-filters"><summary>Filters</summary>' + filtersHtml(D, hasAlts) + "</details>" +
          '<div class="geomap-outliers" hidden></div>' +
          '<div class="gm-section">Events, newest first</div><ol class="gm-list"></ol>' +
          '<div class="gm-section">Country-level / not located (not on the map)</div>' +
          '<ol class="gm-list gm-off"></ol>' + KEY_HTML;
        box.appendChild(body);
        ["q", "hits", "status", "list", "off", "filters"].forEach(function (k) {
          refs[k] = body.querySelector(k === "off" ? ".gm-off" : k === "list" ? ".gm-list:not(.gm-off)" :
            k === "filters" ? ".gm-filters" : ".gm-" + k);
        });
        refs.outliers = body.querySelector(".geomap-outliers");
        refs.sub = body.querySelector(".gm-f-sub");
        refs.actor = body.querySelector(".gm-f-actor");
        options(refs.sub, subGroups(D, n));
        var all = [];
        for (var r = 0; r < n; r++) { all.push(r); }
        options(refs.actor, [{ items: tally(all, [D.E.a1, D.E.a2]).slice(0, MAX_ACTORS) }]);
        function setOpen(open) {
          body.style.display = open ? "" : "none";
          toggle.innerHTML = open ? "&#8722;" : "+";
          toggle.setAttribute("aria-expanded", String(open));
          box.classList.toggle("gm-collapsed", !open);
        }
        refs.setOpen = setOpen;
        toggle.addEventListener("click", function () { setOpen(body.style.display === "none"); });
        wire(body);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        refs.box = box;
        return box;
      }
    });

    function wire(body) {
      body.addEventListener("change", function (e) {
        var t = e.target;
        if (t.classList.contains("gm-f-type")) { cb.toggleType(Number(t.getAttribute("data-type")), t.checked); return; }
        if (t.matches(".gm-f-sub, .gm-f-actor, .gm-f-fatal, .gm-f-prec, .gm-f-amb")) { cb.filter(read()); }
      });
      body.querySelector(".gm-f-clear").addEventListener("click", function () { cb.clear(); });
      body.querySelector(".gm-export").addEventListener("click", function (e) {
        var b = e.target.closest("button");
        if (b) { cb.exportSel(b.getAttribute("data-fmt")); }
      });
      var timer = null;
      refs.q.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { cb.search(refs.q.value); }, 120);
      });
      refs.q.addEventListener("keydown", function (e) {
        var items = refs.hits.querySelectorAll("li[data-row]");
        if (!items.length) { return; }
        var cur = refs.hits.querySelector("li.gm-active"), k = Array.prototype.indexOf.call(items, cur);
        if (e.key === "ArrowDown" || e.key === "ArrowUp") {
          e.preventDefault();
          k = e.key === "ArrowDown" ? Math.min(k + 1, items.length - 1) : Math.max(k - 1, 0);
          if (cur) { cur.classList.remove("gm-active"); }
          items[k].classList.add("gm-active");
          items[k].scrollIntoView({ block: "nearest" });
        } else if (e.key === "Enter") {
          e.preventDefault();
          cb.pick(Number((cur || items[0]).getAttribute("data-row")));
        }
      });
      refs.hits.addEventListener("click", function (e) {
        var li = e.target.closest("li[data-row]");
        if (li) { cb.pick(Number(li.getAttribute("data-row"))); }
      });
      function listClick(e) {
        var li = e.target.closest("li");
        if (!li) { return; }
        if (li.classList.contains("gm-more")) { cb.more(li.parentNode === refs.off); return; }
        if (li.classList.contains("gm-item") && !li.classList.contains("gm-nomap")) {
          cb.focus(Number(li.getAttribute("data-row")));
        }
      }
      function listKey(e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); listClick(e); }
      }
      [refs.list, refs.off].forEach(function (l) {
        l.addEventListener("click", listClick);
        l.addEventListener("keydown", listKey);
      });
      refs.outliers.addEventListener("click", function (e) {
        var li = e.target.closest("li.gm-out");
        if (li) { cb.focus(Number(li.getAttribute("data-row"))); return; }
        if (e.target.closest(".gm-all")) { cb.fitAll(); }
        if (e.target.closest(".gm-main")) { cb.fitMain(); }
      });
    }

    /* The filter state the controls show. */
    function read() {
      var prec = [false, false, false, false];
      refs.body.querySelectorAll(".gm-f-prec").forEach(function (c) {
        prec[Number(c.getAttribute("data-gp"))] = c.checked;
      });
      var amb = refs.body.querySelector(".gm-f-amb");
      return {
        sub: refs.sub.value, actor: refs.actor.value,
        fatal: refs.body.querySelector(".gm-f-fatal").checked,
        prec: prec, amb: !!(amb && amb.checked)
      };
    }

    /* Show a filter state (from the URL or "Clear filters"). */
    function write(f, typeOn) {
      refs.sub.value = f.sub;
      if (refs.sub.value !== f.sub) { refs.sub.value = ""; }
      refs.actor.value = f.actor;
      if (refs.actor.value !== f.actor) { refs.actor.value = ""; }
      refs.body.querySelector(".gm-f-fatal").checked = f.fatal;
      refs.body.querySelectorAll(".gm-f-prec").forEach(function (c) {
        c.checked = f.prec[Number(c.getAttribute("data-gp"))];
      });
      var amb = refs.body.querySelector(".gm-f-amb");
      if (amb) { amb.checked = f.amb; }
      refs.body.querySelectorAll(".gm-f-type").forEach(function (c) {
        c.checked = typeOn[Number(c.getAttribute("data-type"))];
      });
    }

    return {
      control: new Control({ position: "topleft" }),
      refs: refs,
      read: read,
      write: write,
      setTypeCounts: function (counts, typeOn) {
        refs.body.querySelectorAll(".gm-count").forEach(function (s) {
          s.textContent = "(" + G.fmt(counts[Number(s.getAttribute("data-type"))]) + ")";
        });
        refs.body.querySelectorAll(".gm-f-type").forEach(function (c) {
          c.checked = typeOn[Number(c.getAttribute("data-type"))];
        });
      },
      setStatus: function (html) { refs.status.innerHTML = html; },
      setHits: function (html) { refs.hits.innerHTML = html; refs.hits.hidden = !html; },
      setLists: function (on, off) { refs.list.innerHTML = on; refs.off.innerHTML = off; },
      setOutliers: function (html) { refs.outliers.innerHTML = html; refs.outliers.hidden = !html; },
      setOpen: function (open) { refs.setOpen(open); },
      openFilters: function (open) { refs.filters.open = open; }
    };
  };
}(window.geomapLib = window.geomapLib || {}));
