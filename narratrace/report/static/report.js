/* narratrace report: live technique filters and the outlet network graph.
 * Plain ES5-level JS, no dependencies, no network. Data comes from the
 * <script type="application/json"> blocks and is only ever written into the
 * page with textContent / attributes, never as HTML. */
(function () {
  "use strict";

  var PALETTE = ["#8dd3c7", "#fb8072", "#bebada", "#d4b9a7", "#80b1d3", "#fdb462", "#b3de69",
                 "#fccde5", "#ffd92f", "#bc80bd", "#ccebc5", "#a6cee3", "#f4a582", "#c7c7c7"];
  var SVG_NS = "http://www.w3.org/2000/svg";

  function readJson(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function pretty(name) { return String(name).replace(/_/g, " ").replace(/,/g, ", "); }

  /* ---- propaganda techniques: threshold slider and per-technique checkboxes ---- */
  function setupTechniques() {
    var data = readJson("nt-spans");
    var controls = document.getElementById("tq-controls");
    if (!data || !controls) { return; }
    var names = data.labels || data.techniques || [];
    var articles = data.articles || {};
    var slider = document.getElementById("tq-threshold");
    var shown = document.getElementById("tq-threshold-value");
    var runnersUp = document.getElementById("tq-runners-up");
    var boxes = controls.querySelectorAll("input[data-technique]");
    var segments = [];
    each(document.querySelectorAll("[data-tq-article]"), function (block) {
      var spans = articles[block.getAttribute("data-tq-article")] || [];
      each(block.querySelectorAll(".tq"), function (el) {
        var ids = el.getAttribute("data-s").split(" ").map(Number).filter(function (i) { return spans[i]; });
        segments.push({ el: el, spans: spans, ids: ids });
      });
    });

    /* The technique a span shows as under the current filters: its best one when that is enabled and
     * confident enough, else (with "runner-ups" on) its first enabled runner-up that is; or null. */
    function shownAs(span, enabled, threshold) {
      if (enabled[span[0]] && span[1] >= threshold) { return { technique: span[0], runnerUp: false }; }
      if (!runnersUp || !runnersUp.checked) { return null; }
      var alternatives = span[3] || [];
      for (var k = 0; k < alternatives.length; k++) {
        if (enabled[alternatives[k][0]] && alternatives[k][1] >= threshold) {
          return { technique: alternatives[k][0], runnerUp: true };
        }
      }
      return null;
    }

    function apply() {
      var threshold = parseFloat(slider.value);
      shown.textContent = threshold.toFixed(2);
      var enabled = {};
      each(boxes, function (box) { enabled[box.getAttribute("data-technique")] = box.checked; });
      var counts = {};
      function count(technique, confidence) {
        if (confidence >= threshold) { counts[technique] = (counts[technique] || 0) + 1; }
      }
      Object.keys(articles).forEach(function (key) {
        articles[key].forEach(function (s) {
          count(s[0], s[1]);
          if (runnersUp && runnersUp.checked) { (s[3] || []).forEach(function (alt) { count(alt[0], alt[1]); }); }
        });
      });
      each(controls.querySelectorAll("[data-count]"), function (el) {
        el.textContent = "(" + (counts[el.getAttribute("data-count")] || 0) + ")";
      });
      segments.forEach(function (seg) {
        var matches = {};
        var active = seg.ids.filter(function (i) {
          matches[i] = shownAs(seg.spans[i], enabled, threshold);
          return matches[i] !== null;
        });
        seg.el.className = "tq";
        seg.el.style.removeProperty("--under");
        if (!active.length) { seg.el.removeAttribute("title"); return; }
        // The innermost (shortest) span gives the colour; a second technique shows as an underline.
        active.sort(function (x, y) { return seg.spans[x][2] - seg.spans[y][2]; });
        var kinds = [];
        active.forEach(function (i) {
          if (kinds.indexOf(matches[i].technique) < 0) { kinds.push(matches[i].technique); }
        });
        seg.el.classList.add("on", "tc-" + (kinds[0] % PALETTE.length));
        // Shown only as a runner-up: dashed, so it does not read as the detector's first choice.
        if (active.every(function (i) { return matches[i].runnerUp; })) { seg.el.classList.add("runner-up"); }
        if (kinds.length > 1) {
          seg.el.classList.add("multi");
          seg.el.style.setProperty("--under", PALETTE[kinds[1] % PALETTE.length]);
        }
        seg.el.title = active.map(function (i) {
          var span = seg.spans[i];
          var line = pretty(names[span[0]]) + " (confidence " + Number(span[1]).toFixed(2) + ")";
          var others = (span[3] || []).map(function (alt) {
            return pretty(names[alt[0]]) + " " + Number(alt[1]).toFixed(2);
          });
          return others.length ? line + "; also possible: " + others.join(", ") : line;
        }).join("\n");
      });
    }

    function setAll(checked) { each(boxes, function (box) { box.checked = checked; }); apply(); }
    slider.addEventListener("input", apply);
    if (runnersUp) { runnersUp.addEventListener("change", apply); }
    each(boxes, function (box) { box.addEventListener("change", apply); });
    document.getElementById("tq-all").addEventListener("click", function () { setAll(true); });
    document.getElementById("tq-none").addEventListener("click", function () { setAll(false); });
    apply();
  }

  /* ---- articles table: filter rows as the analyst types ---- */
  function setupArticleFilter() {
    var input = document.getElementById("article-filter");
    var count = document.getElementById("article-filter-count");
    if (!input) { return; }
    var rows = document.querySelectorAll("details.article");
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      each(rows, function (row) {
        var haystack = row.getAttribute("data-search") || "";
        var match = words.every(function (w) { return haystack.indexOf(w) >= 0; });
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      count.textContent = words.length ? shown + " of " + rows.length + " shown" : "";
    });
  }

  /* ---- outlet network: a small force layout in SVG ---- */
  function svgEl(name, attrs, parent) {
    var el = document.createElementNS(SVG_NS, name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(el); }
    return el;
  }

  function describe(attrs, skip) {
    return Object.keys(attrs).filter(function (k) {
      var v = attrs[k];
      return skip.indexOf(k) < 0 && v !== "" && v !== null && typeof v !== "boolean" && !(Array.isArray(v) && !v.length);
    }).map(function (k) {
      var v = attrs[k];
      if (Array.isArray(v)) { v = v.join(", "); }
      return k.replace(/_/g, " ") + ": " + v;
    });
  }

  function setupNetwork() {
    var data = readJson("nt-network");
    var svg = document.getElementById("nt-graph");
    var tip = document.getElementById("nt-tip");
    if (!data || !svg || !tip || !data.nodes || !data.nodes.length) { return; }
    // A few outlets get a short box; lay out in the SVG's own pixel size, so wide screens get a wide graph.
    svg.style.height = Math.max(260, Math.min(620, 180 + 30 * data.nodes.length)) + "px";
    var W = Math.max(400, Math.round(svg.clientWidth || 1000)), H = Math.max(300, Math.round(svg.clientHeight || 520));
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    var byId = {};
    var nodes = data.nodes.map(function (n, i) {
      var angle = 2 * Math.PI * i / data.nodes.length;
      var attrs = n.attrs || {};
      var node = { id: n.id, attrs: attrs, name: typeof attrs.label === "string" && attrs.label ? attrs.label : n.id, x: W / 2 + 220 * Math.cos(angle), y: H / 2 + 170 * Math.sin(angle),
                   vx: 0, vy: 0, pinned: false, degree: 0 };
      byId[n.id] = node;
      return node;
    });
    var edges = (data.edges || []).filter(function (e) { return byId[e.source] && byId[e.target]; }).map(function (e) {
      var w = Number(e.attrs && e.attrs.weight);
      return { s: byId[e.source], t: byId[e.target], attrs: e.attrs || {}, w: isFinite(w) && w > 0 ? w : 1 };
    });
    var maxW = Math.max.apply(null, edges.map(function (e) { return e.w; }).concat([1]));
    edges.forEach(function (e) { e.s.degree += e.w; e.t.degree += e.w; });
    nodes.forEach(function (n) {
      var size = Number(n.attrs.articles || n.attrs.article_count || n.degree || 1);
      n.r = Math.min(26, 7 + 3 * Math.sqrt(isFinite(size) ? size : 1));
    });
    var pairKey = {};
    edges.forEach(function (e) { pairKey[e.s.id + "\u0000" + e.t.id] = true; });

    var defs = svgEl("defs", {}, svg);
    var marker = svgEl("marker", { id: "nt-arrow", viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "14",
                                   markerHeight: "14", orient: "auto-start-reverse", markerUnits: "userSpaceOnUse" }, defs);
    svgEl("path", { d: "M0,0 L10,5 L0,10 z", fill: "#7a8aa0" }, marker);
    var edgeLayer = svgEl("g", {}, svg);
    var nodeLayer = svgEl("g", {}, svg);

    edges.forEach(function (e) {
      e.curved = s_has_reverse(e);
      e.el = svgEl("path", { "class": "edge", "stroke-width": (1.2 + 4 * e.w / maxW).toFixed(2), "marker-end": "url(#nt-arrow)" }, edgeLayer);
      var lines = [e.s.name + " \u2192 " + e.t.name].concat(describe(e.attrs, ["examples"]));
      if (Array.isArray(e.attrs.examples) && e.attrs.examples.length) {
        lines.push("examples:");
        e.attrs.examples.slice(0, 5).forEach(function (x) { lines.push("  \u2022 " + x); });
      }
      e.el.addEventListener("mousemove", function (ev) { showTip(ev, lines); e.el.classList.add("hot"); });
      e.el.addEventListener("mouseleave", function () { hideTip(); e.el.classList.remove("hot"); });
    });
    function s_has_reverse(e) { return !!pairKey[e.t.id + "\u0000" + e.s.id]; }

    nodes.forEach(function (n) {
      n.el = svgEl("g", { "class": "node" }, nodeLayer);
      svgEl("circle", { r: n.r.toFixed(1) }, n.el);
      var label = svgEl("text", { x: "0", y: (n.r + 15).toFixed(1), "text-anchor": "middle" }, n.el);
      var name = n.name;
      label.textContent = name.length > 40 ? name.slice(0, 39) + "\u2026" : name;
      var lines = [name].concat(describe(n.attrs, ["label"]));
      lines.push("links: " + edges.filter(function (e) { return e.s === n || e.t === n; }).length + " (double-click to unpin)");
      n.el.addEventListener("mousemove", function (ev) { if (!dragging) { showTip(ev, lines); } });
      n.el.addEventListener("mouseleave", hideTip);
      n.el.addEventListener("pointerdown", function (ev) { startDrag(ev, n); });
      n.el.addEventListener("dblclick", function () { n.pinned = false; heat(0.3); });
    });

    function showTip(ev, lines) {
      var box = svg.parentNode.getBoundingClientRect();
      tip.textContent = lines.join("\n");
      tip.hidden = false;
      var x = ev.clientX - box.left + 14, y = ev.clientY - box.top + 14;
      if (x + tip.offsetWidth > box.width) { x = Math.max(0, ev.clientX - box.left - tip.offsetWidth - 14); }
      tip.style.left = x + "px";
      tip.style.top = y + "px";
    }
    function hideTip() { tip.hidden = true; }

    var dragging = null;
    function toSvg(ev) {
      var pt = svg.createSVGPoint();
      pt.x = ev.clientX; pt.y = ev.clientY;
      return pt.matrixTransform(svg.getScreenCTM().inverse());
    }
    function startDrag(ev, n) {
      dragging = n; n.pinned = true; hideTip();
      try { svg.setPointerCapture(ev.pointerId); } catch (e) { /* synthetic events have no capturable pointer */ }
      ev.preventDefault();
    }
    svg.addEventListener("pointermove", function (ev) {
      if (!dragging) { return; }
      var p = toSvg(ev);
      dragging.x = Math.max(dragging.r, Math.min(W - dragging.r, p.x));
      dragging.y = Math.max(dragging.r, Math.min(H - dragging.r, p.y));
      heat(0.25);
    });
    svg.addEventListener("pointerup", function () { dragging = null; });

    // Shorter springs when there are many outlets, so the graph fits the viewport.
    var springLength = Math.max(70, Math.min(280, 0.7 * Math.sqrt(W * H / nodes.length)));
    var alpha = 1, running = false;
    function heat(a) { alpha = Math.max(alpha, a); if (!running) { running = true; requestAnimationFrame(frame); } }
    function tick() {
      var i, j, a, b, dx, dy, d2, d, f;
      for (i = 0; i < nodes.length; i++) {
        for (j = i + 1; j < nodes.length; j++) {
          a = nodes[i]; b = nodes[j];
          dx = b.x - a.x; dy = b.y - a.y; d2 = dx * dx + dy * dy + 0.01;
          f = 20000 / d2 * alpha; d = Math.sqrt(d2);
          a.vx -= f * dx / d; a.vy -= f * dy / d; b.vx += f * dx / d; b.vy += f * dy / d;
        }
      }
      edges.forEach(function (e) {
        dx = e.t.x - e.s.x; dy = e.t.y - e.s.y; d = Math.sqrt(dx * dx + dy * dy) + 0.01;
        f = (d - springLength) * 0.06 * alpha;
        e.s.vx += f * dx / d; e.s.vy += f * dy / d; e.t.vx -= f * dx / d; e.t.vy -= f * dy / d;
      });
      nodes.forEach(function (n) {
        n.vx += (W / 2 - n.x) * 0.002 * alpha; n.vy += (H / 2 - n.y) * 0.003 * alpha;
        if (n.pinned) { n.vx = n.vy = 0; return; }
        n.vx *= 0.6; n.vy *= 0.6;
        n.x = Math.max(n.r + 60, Math.min(W - n.r - 60, n.x + n.vx));
        n.y = Math.max(n.r + 4, Math.min(H - n.r - 22, n.y + n.vy));
      });
    }
    function draw() {
      edges.forEach(function (e) {
        if (e.s === e.t) {  // copies within one outlet: a loop above the node
          var r = e.s.r, x = e.s.x, y = e.s.y;
          e.el.setAttribute("d", "M" + (x - r * 0.7).toFixed(1) + "," + (y - r * 0.7).toFixed(1) +
            " C" + (x - r - 30).toFixed(1) + "," + (y - r - 55).toFixed(1) + " " + (x + r + 30).toFixed(1) + "," +
            (y - r - 55).toFixed(1) + " " + (x + r * 0.75).toFixed(1) + "," + (y - r * 0.75).toFixed(1));
          return;
        }
        var dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
        var ux = dx / d, uy = dy / d;
        var x1 = e.s.x + ux * e.s.r, y1 = e.s.y + uy * e.s.r, x2 = e.t.x - ux * (e.t.r + 2), y2 = e.t.y - uy * (e.t.r + 2);
        if (e.curved) {
          var mx = (x1 + x2) / 2 - uy * 28, my = (y1 + y2) / 2 + ux * 28;
          e.el.setAttribute("d", "M" + x1.toFixed(1) + "," + y1.toFixed(1) + " Q" + mx.toFixed(1) + "," + my.toFixed(1) + " " + x2.toFixed(1) + "," + y2.toFixed(1));
        } else {
          e.el.setAttribute("d", "M" + x1.toFixed(1) + "," + y1.toFixed(1) + " L" + x2.toFixed(1) + "," + y2.toFixed(1));
        }
      });
      nodes.forEach(function (n) { n.el.setAttribute("transform", "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")"); });
    }
    function frame() {
      for (var k = 0; k < 3; k++) { tick(); alpha *= 0.985; }
      draw();
      if (alpha > 0.01 || dragging) { requestAnimationFrame(frame); } else { running = false; }
    }
    // Settle most of the layout before the first paint so the graph does not fly in.
    for (var k = 0; k < 400; k++) { tick(); alpha *= 0.99; }
    draw();
    heat(alpha);
  }

  setupArticleFilter();
  setupTechniques();
  setupNetwork();
})();
