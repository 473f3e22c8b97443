/* minegraph workbench: the Timeline view.  Agreements and events per year for an actor,
   its partners' weight by year (charts drawn here as SVG, no library), and what changed
   since a build or a date, each line linking to the article of its evidence.  Every text
   from the data goes in with textContent. */
(function () {
  "use strict";

  var wb = window.workbench;
  var SVG = "http://www.w3.org/2000/svg";
  var COLOURS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#9c755f"];
  var WIDTH = 640, HEIGHT = 240, PAD = { left: 44, right: 16, top: 12, bottom: 28 };

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = String(text); }
    return node;
  }

  function frame(years, top) {
    /* an SVG with axes for `years` and values 0..top; returns the drawing and the scales */
    var chart = svg("svg", { "class": "timeline", viewBox: "0 0 " + WIDTH + " " + HEIGHT, width: WIDTH,
                             height: HEIGHT, role: "img" });
    var w = WIDTH - PAD.left - PAD.right, h = HEIGHT - PAD.top - PAD.bottom;
    var step = years.length > 1 ? w / (years.length - 1) : 0;
    function x(i) { return PAD.left + (years.length > 1 ? i * step : w / 2); }
    function y(v) { return PAD.top + h - (top > 0 ? (v / top) * h : 0); }
    for (var t = 0; t <= 4; t++) {
      var v = top * t / 4;
      chart.appendChild(svg("line", { "class": "grid", x1: PAD.left, x2: PAD.left + w, y1: y(v), y2: y(v) }));
      chart.appendChild(svg("text", { x: PAD.left - 6, y: y(v) + 4, "text-anchor": "end" }, Math.round(v * 100) / 100));
    }
    chart.appendChild(svg("line", { "class": "axis", x1: PAD.left, x2: PAD.left + w, y1: y(0), y2: y(0) }));
    years.forEach(function (year, i) {
      chart.appendChild(svg("text", { x: x(i), y: HEIGHT - 8, "text-anchor": "middle" }, year));
    });
    return { chart: chart, x: x, y: y, step: step || w / 2 };
  }

  function drawFrames(frames) {
    var holder = wb.ui.clear(wb.ui.$("frames-chart"));
    if (!frames.years.length) { holder.appendChild(wb.ui.el("p", "No dated agreement or event.", "note")); return; }
    var agreements = {}, events = {};
    frames.agreements.forEach(function (p) { agreements[p[0]] = p[1]; });
    frames.events.forEach(function (p) { events[p[0]] = p[1]; });
    var top = Math.max(1, Math.max.apply(null, frames.years.map(function (yr) {
      return Math.max(agreements[yr] || 0, events[yr] || 0);
    })));
    var f = frame(frames.years, top);
    var bar = Math.max(4, Math.min(24, f.step / 3));
    frames.years.forEach(function (year, i) {
      [["agreement", agreements[year] || 0, COLOURS[4], -bar], ["event", events[year] || 0, COLOURS[6], 0]]
        .forEach(function (b) {
          if (!b[1]) { return; }
          var rect = svg("rect", { x: f.x(i) + b[3], y: f.y(b[1]), width: bar, height: f.y(0) - f.y(b[1]),
                                   fill: b[2], "class": "frame-bar", "data-year": year, "data-kind": b[0],
                                   "data-count": b[1] });
          rect.appendChild(svg("title", {}, year + ": " + b[1] + " " + b[0] + (b[1] === 1 ? "" : "s")));
          f.chart.appendChild(rect);
        });
    });
    holder.appendChild(f.chart);
    wb.ui.table(wb.ui.$("frames-table"), ["year", "agreement or event", "kind", "status", "dated by"],
      frames.items.map(function (item) {
        return [item.year === null ? "?" : item.year, item.name, item.label, item.status || "",
                item.dated_by === "year" ? "its year" : "first seen " + (item.first_seen || "?")];
      }));
  }

  function drawWeights(data) {
    var holder = wb.ui.clear(wb.ui.$("weights-chart"));
    var legend = wb.ui.clear(wb.ui.$("weights-legend"));
    if (!data.series.length) { holder.appendChild(wb.ui.el("p", "No partner in any year.", "note")); return; }
    var top = 0;
    data.series.forEach(function (s) { s.weights.forEach(function (v) { top = Math.max(top, v); }); });
    var f = frame(data.years, top || 1);
    data.series.forEach(function (s, n) {
      var colour = COLOURS[n % COLOURS.length];
      var points = s.weights.map(function (v, i) { return f.x(i) + "," + f.y(v); }).join(" ");
      f.chart.appendChild(svg("polyline", { points: points, fill: "none", stroke: colour, "stroke-width": 2,
                                            "class": "weight-line", "data-partner": s.name }));
      s.weights.forEach(function (v, i) {
        var dot = svg("circle", { cx: f.x(i), cy: f.y(v), r: 3.5, fill: colour, "class": "weight-point",
                                  "data-partner": s.name, "data-year": data.years[i], "data-weight": v });
        dot.appendChild(svg("title", {}, s.name + ", " + data.years[i] + ": " + Math.round(v * 1000) / 1000 +
                                         (s.trends[i] ? " (" + s.trends[i] + ")" : "")));
        f.chart.appendChild(dot);
      });
      var item = wb.ui.el("li");
      var swatch = wb.ui.el("span", null, "swatch");
      swatch.style.background = colour;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(s.name));
      var last = s.trends[s.trends.length - 1];
      if (last === "rising" || last === "falling" || last === "gone") {
        item.appendChild(wb.ui.el("span", " " + (last === "rising" ? "▲" : "▼") + " " + last, "trend-" + last));
      }
      legend.appendChild(item);
    });
    holder.appendChild(f.chart);
  }

  function showTimeline() {
    var actor = wb.ui.$("timeline-actor").value.trim();
    var q = "?actor=" + encodeURIComponent(actor) + (wb.ui.$("timeline-roll-up").checked ? "" : "&roll_up=0");
    wb.ui.status("timeline-status", "Reading…");
    return wb.ui.api("/api/timeline" + q).then(function (d) {
      drawFrames(d.frames);
      drawWeights(d);
      wb.ui.status("timeline-status", d.actor.name + " (" + d.actor.label + "): " + d.frames.items.length +
                   " agreements and events, " + d.series.length + " partners drawn, " +
                   (d.years.length ? d.years[0] + "–" + d.years[d.years.length - 1] : "no dated article"));
      wb.timelineShown = (wb.timelineShown || 0) + 1;
      return showNews();
    }).catch(function (e) { wb.ui.status("timeline-status", e.message, true); });
  }

  function newsLine(change) {
    var li = wb.ui.el("li");
    li.dataset.kind = change.kind;
    li.appendChild(wb.ui.el("strong", change.name));
    li.appendChild(document.createTextNode(" · " + change.kind.replace(/_/g, " ") +
                                           (change.detail ? ": " + change.detail : "")));
    if (change.sentence) { li.appendChild(wb.ui.el("blockquote", change.sentence)); }
    if (change.article) {
      var source = wb.ui.el("div", null, "note");
      source.appendChild(document.createTextNode("— "));
      source.appendChild(wb.ui.link(change.article.title, "#article/" + encodeURIComponent(change.article.id)));
      source.appendChild(document.createTextNode(", " + (change.article.date || "undated") +
                                                 (change.article.date_source === "built" ? " (date built)" : "")));
      li.appendChild(source);
    }
    return li;
  }

  var newsAsked = 0;  // the latest question asked: an older answer arriving after it is not shown

  function showNews() {
    var asked = ++newsAsked;
    var q = [];
    var actor = wb.ui.$("timeline-actor").value.trim();
    if (actor) { q.push("actor=" + encodeURIComponent(actor)); }
    if (wb.ui.$("news-since").value) { q.push("since=" + encodeURIComponent(wb.ui.$("news-since").value)); }
    else if (wb.ui.$("news-build").value) { q.push("since_build=" + encodeURIComponent(wb.ui.$("news-build").value)); }
    return wb.ui.api("/api/changes" + (q.length ? "?" + q.join("&") : "")).then(function (d) {
      wb.newsAnswered = (wb.newsAnswered || 0) + 1;
      if (asked !== newsAsked) { return; }
      var picker = wb.ui.$("news-build"), chosen = picker.value;
      while (picker.options.length > 1) { picker.remove(1); }
      d.log.forEach(function (b) { picker.appendChild(wb.ui.option(String(b.number), "since build " + b.number + " (" + (b.finished || b.started) + ")")); });
      picker.value = chosen;
      var list = wb.ui.clear(wb.ui.$("news"));
      d.changes.forEach(function (c) { list.appendChild(newsLine(c)); });
      var builds = d.builds.map(function (b) { return b.number; });
      wb.ui.status("news-status", d.changes.length + " change" + (d.changes.length === 1 ? "" : "s") + " in " +
                   (builds.length ? "build" + (builds.length > 1 ? "s " : " ") + builds.join(", ") : "no build") +
                   (d.baseline ? ", against the store after build " + d.baseline : ""));
      wb.newsShown = (wb.newsShown || 0) + 1;
    }).catch(function (e) { if (asked === newsAsked) { wb.ui.status("news-status", e.message, true); } });
  }

  function setup() {
    wb.ui.$("timeline-form").addEventListener("submit", function (event) { event.preventDefault(); showTimeline(); });
    wb.ui.$("news-form").addEventListener("submit", function (event) { event.preventDefault(); showNews(); });
    showNews();
  }

  if (wb && wb.config) { setup(); } else { window.addEventListener("workbench:config", setup, { once: true }); }
})();
