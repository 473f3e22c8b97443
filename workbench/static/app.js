/* minegraph workbench.  Every text that comes from the data (names, article text,
   evidence, query results) is put into the page with textContent, never innerHTML. */
(function () {
  "use strict";

  var wb = { ready: false, config: null };
  window.workbench = wb;

  function $(id) { return document.getElementById(id); }
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }
  function status(id, text, isError) {
    var node = $(id);
    node.textContent = text || "";
    node.className = isError ? "note error" : "note";
  }
  function api(path) {
    return fetch(path, { headers: { Accept: "application/json" } }).then(reply);
  }
  function post(path, body) {
    return fetch(path, { method: "POST", headers: { "Content-Type": "application/json" },
                         body: JSON.stringify(body) }).then(reply);
  }
  function reply(response) {
    return response.json().then(function (data) {
      if (!response.ok) { throw new Error(data.error || response.statusText); }
      return data;
    });
  }
  function table(node, columns, rows) {
    clear(node);
    var head = el("tr");
    columns.forEach(function (c) { head.appendChild(el("th", c)); });
    node.appendChild(head);
    rows.forEach(function (row) {
      var tr = el("tr");
      row.forEach(function (cell) {
        var td = el("td");
        if (cell instanceof Node) { td.appendChild(cell); } else { td.textContent = show(cell); }
        tr.appendChild(td);
      });
      node.appendChild(tr);
    });
  }
  function show(value) {
    if (value === null || value === undefined) { return ""; }
    if (value && Array.isArray(value.labels)) {  /* a node: its label and name (the JSON download has all) */
      return "(:" + value.labels.join(":") + " " + (value.name || value.id || "") + ")";
    }
    if (value && typeof value.type === "string" && !Array.isArray(value)) { return "[:" + value.type + "]"; }
    if (typeof value === "object") { return JSON.stringify(value); }
    return String(value);
  }
  function link(text, href) { var a = el("a", text); a.href = href; return a; }
  function option(value, text) { var o = el("option", text === undefined ? value : text); o.value = value; return o; }

  /* --- tabs --------------------------------------------------------------------------- */
  function route() {
    var hash = location.hash.replace(/^#/, "") || "map";
    var parts = hash.split("/");
    var tab = parts[0];
    if (!$("tab-" + tab)) { tab = "map"; }
    document.querySelectorAll(".tab").forEach(function (s) { s.hidden = s.id !== "tab-" + tab; });
    document.querySelectorAll("#tabs a").forEach(function (a) {
      a.classList.toggle("active", a.dataset.tab === tab);
    });
    if (tab === "article" && parts[1]) { openArticle(decodeURIComponent(parts.slice(1).join("/"))); }
    if (tab === "curation") { loadCuration(); }
    if (tab === "measures") { loadMeasures(); }
    if (tab === "map" && wb.network) { wb.network.redraw(); }
  }
  window.addEventListener("hashchange", route);

  /* --- map ------------------------------------------------------------------------------ */
  var hiddenLabels = new Set(), hiddenTypes = new Set();
  var years = { from: null, to: null };

  function inYears(n) {
    if (n.year === null || n.year === undefined || years.from === null) { return true; }
    return n.year >= years.from && n.year <= years.to;
  }

  function visOptions(count) {
    var groups = {};
    Object.keys(wb.config.labels).forEach(function (label) {
      var colour = wb.config.labels[label].color;
      groups[label] = { shape: wb.config.labels[label].shape,
                        color: { background: colour, border: "#333", highlight: { background: colour, border: "#000" },
                                 hover: { background: colour, border: "#000" } } };
      if (groups[label].shape === "box") {  /* a measure's name is written inside its box */
        groups[label].font = { color: "#fff", strokeWidth: 0, size: 13 };
      }
    });
    var big = count > 300;
    return {
      groups: groups,
      nodes: { borderWidth: 1, scaling: { min: 12, max: 44, label: { enabled: true, min: 14, max: 26,
                                                                        drawThreshold: 7 } },
               font: { size: 15, strokeWidth: 3, strokeColor: "#fff", color: "#222" } },
      edges: { arrows: { to: { enabled: true, scaleFactor: 0.45 } }, smooth: { enabled: !big, type: "continuous" },
               color: { inherit: false, opacity: 0.75 }, scaling: { min: 1, max: 8 } },
      physics: { solver: "forceAtlas2Based",
                 forceAtlas2Based: { gravitationalConstant: -120, centralGravity: 0.015, springLength: 150,
                                     springConstant: 0.04, damping: 0.5, avoidOverlap: 0.6 },
                 minVelocity: 1.0, stabilization: { enabled: true, iterations: big ? 400 : 800, fit: true } },
      interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: big },
      layout: { randomSeed: 7, improvedLayout: count <= 150 }
    };
  }

  function tip(text) { return el("div", text, "tip"); }

  function drawMap(data) {
    wb.ready = false;
    wb.settled = false;
    var nodes = new vis.DataSet(data.nodes.map(function (n) {
      return Object.assign({}, n, { title: tip(n.name + "\n" + n.group + (n.year ? "\n" + n.year : "")) });
    }));
    var edges = new vis.DataSet(data.edges.map(function (e) {
      return Object.assign({}, e, { title: tip(e.rtype) });
    }));
    var nodeView = new vis.DataView(nodes, { filter: function (n) { return !hiddenLabels.has(n.group) && inYears(n); } });
    var edgeView = new vis.DataView(edges, { filter: function (e) { return !hiddenTypes.has(e.rtype); } });
    if (wb.network) { wb.network.destroy(); }
    var network = new vis.Network($("network"), { nodes: nodeView, edges: edgeView }, visOptions(data.nodes.length));
    Object.assign(wb, { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView });
    function settled() {
      network.setOptions({ physics: { enabled: false } });
      wb.settled = true;
      wb.ready = !wb.curating;  // a curation decision is ready once its table is reloaded too
      if (data.focus) { network.selectNodes([data.focus]); }
    }
    network.once("stabilizationIterationsDone", settled);
    if (data.nodes.length === 0) { settled(); }
    network.on("click", function (params) {
      if (params.nodes.length) { showNode(params.nodes[0]); }
      else if (params.edges.length) { showEdge(params.edges[0]); }
    });
    var names = clear($("names"));
    nodes.get({ order: "name" }).forEach(function (n) { names.appendChild(option(n.name)); });
    counts();
    var note = data.trimmed ? " (the " + data.nodes.length + " most central of " + data.total_nodes + ")" : "";
    wb.mapNote = note;
  }

  wb.shown = function () {
    var ids = new Set(wb.nodeView.getIds());
    var edges = wb.edgeView.get().filter(function (e) { return ids.has(e.from) && ids.has(e.to); });
    return { nodes: ids.size, edges: edges.length };
  };
  function counts() {
    var shown = wb.shown();
    status("map-status", shown.nodes + " nodes and " + shown.edges + " links shown" + (wb.mapNote || ""));
  }
  function refilter() { wb.nodeView.refresh(); wb.edgeView.refresh(); counts(); }

  function loadMap(focus, depth) {
    wb.ready = false;
    var q = focus ? "?focus=" + encodeURIComponent(focus) + "&depth=" + encodeURIComponent(depth) : "";
    return api("/api/graph" + q).then(drawMap).catch(function (e) { status("map-status", e.message, true); });
  }

  function checkbox(container, value, colour, hidden) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = value;
    box.addEventListener("change", function () {
      if (box.checked) { hidden.delete(value); } else { hidden.add(value); }
      refilter();
    });
    var swatch = el("span", null, "swatch");
    swatch.style.background = colour;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(document.createTextNode(value));
    container.appendChild(label);
  }

  function setupMap() {
    var cfg = wb.config;
    Object.keys(cfg.labels).forEach(function (l) { checkbox($("label-filters"), l, cfg.labels[l].color, hiddenLabels); });
    Object.keys(cfg.types).filter(function (t) { return t !== "MENTIONS"; }).forEach(function (t) {
      checkbox($("type-filters"), t, cfg.types[t], hiddenTypes);
    });
    if (cfg.years) {
      years.from = cfg.years[0];
      years.to = cfg.years[1];
      ["year-from", "year-to"].forEach(function (id) {
        var input = $(id);
        input.min = cfg.years[0];
        input.max = cfg.years[1];
        input.step = 1;
        input.value = id === "year-from" ? cfg.years[0] : cfg.years[1];
        $(id + "-value").textContent = input.value;
        input.addEventListener("input", function () {
          var a = Number($("year-from").value), b = Number($("year-to").value);
          years.from = Math.min(a, b);
          years.to = Math.max(a, b);
          $("year-from-value").textContent = a;
          $("year-to-value").textContent = b;
          refilter();
        });
      });
    } else {
      $("years").hidden = true;
    }
    $("search-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var wanted = $("search").value.trim().toLowerCase();
      if (!wanted) { return; }
      var hit = wb.nodes.get().filter(function (n) {
        return n.name.toLowerCase() === wanted || (n.aliases || []).some(function (a) { return a.toLowerCase() === wanted; });
      })[0] || wb.nodes.get().filter(function (n) { return n.name.toLowerCase().indexOf(wanted) >= 0; })[0];
      if (!hit) { status("search-result", "No node named " + $("search").value, true); return; }
      status("search-result", "Found " + hit.name + " (" + hit.group + ")");
      wb.network.selectNodes([hit.id]);
      wb.network.focus(hit.id, { scale: 1.2, animation: false });
      showNode(hit.id);
    });
    $("focus-form").addEventListener("submit", function (event) {
      event.preventDefault();
      loadMap($("focus").value.trim(), $("depth").value || 1);
    });
    $("focus-clear").addEventListener("click", function () { $("focus").value = ""; loadMap(); });
    $("details-close").addEventListener("click", function () { $("details").hidden = true; });
  }

  function section(body, title) { body.appendChild(el("h3", title)); }

  function partnerList(rows) {
    var list = el("ol");
    rows.forEach(function (p) {
      var li = el("li", p.name + " (" + p.label + ") weight " + Math.round(p.weight * 1000) / 1000 + (p.via.length ? " via " +
        p.via.map(function (v) { return v.name; }).join("; ") : ""));
      list.appendChild(li);
    });
    return list;
  }

  function showNode(id) {
    return api("/api/node?id=" + encodeURIComponent(id)).then(function (d) {
      var body = clear($("details-body"));
      body.appendChild(el("h2", d.name));
      body.appendChild(el("p", d.label + " · " + d.id, "note"));
      var props = Object.keys(d.props).map(function (k) { return [k, d.props[k]]; });
      if (d.aliases.length) { props.unshift(["also known as", d.aliases.join(", ")]); }
      if (props.length) { var t = el("table"); table(t, ["property", "value"], props); body.appendChild(t); }
      if (d.partners.length) { section(body, "Partners"); body.appendChild(partnerList(d.partners)); }
      if (d.own_actors.length) { section(body, "Own actors"); body.appendChild(partnerList(d.own_actors)); }
      section(body, "Articles that mention it");
      var docs = el("ul");
      d.documents.forEach(function (doc) {
        var li = el("li");
        li.appendChild(link(doc.title, "#article/" + encodeURIComponent(doc.id)));
        if (doc.published) { li.appendChild(document.createTextNode(" · " + doc.published)); }
        docs.appendChild(li);
      });
      body.appendChild(docs);
      if (d.links.length) {
        section(body, "Links");
        var lt = el("table");
        table(lt, ["type", "with"], d.links.map(function (l) { return [l.type, l.other]; }));
        body.appendChild(lt);
      }
      $("details").hidden = false;
    }).catch(function (e) { status("map-status", e.message, true); });
  }

  function showEdge(id) {
    var e = wb.edges.get(id);
    var q = "?source=" + encodeURIComponent(e.from) + "&type=" + encodeURIComponent(e.rtype) +
            "&target=" + encodeURIComponent(e.to);
    return api("/api/edge" + q).then(function (d) {
      var body = clear($("details-body"));
      body.appendChild(el("h2", d.source.name + " → " + d.target.name));
      body.appendChild(el("p", d.type + (d.derived ? " (derived)" : "") + " · " + (d.mentions || 0) +
                           " mention(s) · confidence " + (d.confidence === undefined ? "?" : d.confidence), "note"));
      section(body, "Evidence");
      d.evidence.forEach(function (item) {
        var quote = el("blockquote");
        quote.appendChild(el("div", item.sentence, "evidence-sentence"));
        if (item.document) {
          var source = el("div", null, "note");
          source.appendChild(document.createTextNode("— "));
          source.appendChild(link(item.document.title, "#article/" + encodeURIComponent(item.document.id)));
          if (item.document.published) { source.appendChild(document.createTextNode(", " + item.document.published)); }
          quote.appendChild(source);
        }
        body.appendChild(quote);
      });
      if (!d.evidence.length) { body.appendChild(el("p", "No sentence recorded.", "note")); }
      $("details").hidden = false;
    }).catch(function (err) { status("map-status", err.message, true); });
  }

  /* --- Cypher console ------------------------------------------------------------------------ */
  var lastQuery = null, lastResult = null, queryNetwork = null;
  var HISTORY = "minegraph-history";
  function history() { try { return JSON.parse(localStorage.getItem(HISTORY) || "[]"); } catch (e) { return []; } }
  function remember(text) {
    var items = history().filter(function (h) { return h !== text; });
    items.unshift(text);
    localStorage.setItem(HISTORY, JSON.stringify(items.slice(0, 30)));
    drawHistory();
  }
  function drawHistory() {
    var list = clear($("history"));
    history().forEach(function (text) {
      var li = el("li");
      var a = link(text, "#cypher");
      a.addEventListener("click", function (event) { event.preventDefault(); $("cypher").value = text; });
      li.appendChild(a);
      list.appendChild(li);
    });
  }
  function runQuery(body) {
    status("query-status", "Running…");
    lastQuery = body;
    return post("/api/query", body).then(function (result) {
      lastResult = result;
      var shown = result.rows.slice(0, result.row_limit);
      table($("query-table"), result.columns, shown);
      status("query-status", shown.length < result.total ? "Showing " + shown.length + " of " + result.total +
             " rows (the downloads have " + result.rows.length + ")" : result.total + " row" + (result.total === 1 ? "" : "s"));
      $("download-csv").disabled = $("download-json").disabled = false;
      drawQueryGraph(result.graph);
    }).catch(function (e) {
      lastResult = null;
      clear($("query-table"));
      $("query-graph").hidden = true;
      $("download-csv").disabled = $("download-json").disabled = true;
      status("query-status", e.message, true);
    });
  }
  function drawQueryGraph(graph) {
    if (queryNetwork) { queryNetwork.destroy(); queryNetwork = null; }
    $("query-graph").hidden = !graph;
    if (!graph) { return; }
    var opts = visOptions(graph.nodes.length);
    opts.physics.stabilization.iterations = 200;
    queryNetwork = new vis.Network($("query-graph"), { nodes: new vis.DataSet(graph.nodes),
                                                       edges: new vis.DataSet(graph.edges) }, opts);
    queryNetwork.once("stabilizationIterationsDone", function () { queryNetwork.setOptions({ physics: false }); });
  }
  function download(name, blob) {
    var a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }
  function setupCypher() {
    drawHistory();
    api("/api/queries").then(function (queries) {
      wb.queries = queries;
      queries.forEach(function (q) { $("named").appendChild(option(q.name)); });
    });
    $("named").addEventListener("change", function () {
      var q = (wb.queries || []).filter(function (x) { return x.name === $("named").value; })[0];
      var holder = clear($("named-params"));
      $("named-summary").textContent = q ? q.summary : "";
      (q ? q.params : []).forEach(function (p) {
        var input = el("input");
        input.placeholder = p;
        input.dataset.param = p;
        input.setAttribute("aria-label", p);
        holder.appendChild(input);
      });
      if (q) { $("cypher").value = q.text; }
    });
    $("named-form").addEventListener("submit", function (event) {
      event.preventDefault();
      if (!$("named").value) { return; }
      var params = {};
      $("named-params").querySelectorAll("input").forEach(function (input) {
        var v = input.value;
        params[input.dataset.param] = /^-?\d+$/.test(v) ? Number(v) : v;
      });
      runQuery({ name: $("named").value, params: params });
    });
    $("query-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var text = $("cypher").value.trim();
      if (!text) { return; }
      remember(text);
      runQuery({ cypher: text });
    });
    $("cypher").addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        $("query-form").requestSubmit();
      }
    });
    $("download-json").addEventListener("click", function () {
      if (!lastResult) { return; }
      var records = lastResult.rows.map(function (row) {
        var record = {};
        lastResult.columns.forEach(function (c, i) { record[c] = row[i]; });
        return record;
      });
      download("minegraph-query.json", new Blob([JSON.stringify(records, null, 2)], { type: "application/json" }));
    });
    $("download-csv").addEventListener("click", function () {
      if (!lastQuery) { return; }
      fetch("/api/query", { method: "POST", headers: { "Content-Type": "application/json" },
                            body: JSON.stringify(Object.assign({}, lastQuery, { format: "csv" })) })
        .then(function (r) { return r.blob(); })
        .then(function (blob) { download("minegraph-query.csv", blob); });
    });
  }

  /* --- partners ------------------------------------------------------------------------------ */
  function num(x) { return Math.round(x * 1000) / 1000; }
  function via(p) {
    return p.via.map(function (v) {
      return v.name + " (" + num(v.weight) + (v.carried_by && v.carried_by.length ? ", by " + v.carried_by.join(", ") : "") +
        ")";
    }).join("; ");
  }
  wb.num = num;
  function rankPartners() {
    var q = "?actor=" + encodeURIComponent($("actor").value.trim()) +
            "&mineral=" + encodeURIComponent($("mineral").value) +
            "&since=" + encodeURIComponent($("since").value) + "&until=" + encodeURIComponent($("until").value) +
            ($("include-domestic").checked ? "&include_domestic=1" : "") + ($("roll-up").checked ? "" : "&roll_up=0");
    return api("/api/partners" + q).then(function (d) {
      table($("partners-table"), ["#", "partner", "label", "weight", "agreements", "events", "cooperation",
                                  "through (weight, carried by)"],
            d.partners.map(function (p, i) {
              return [i + 1, p.name, p.label, num(p.weight), num(p.breakdown.agreement), num(p.breakdown.event),
                      num(p.breakdown.cooperation), via(p)];
            }));
      $("own-title").hidden = !d.own_actors.length;
      table($("own-table"), d.own_actors.length ? ["own actor", "label", "weight", "through", "carries ties to"] : [],
            d.own_actors.map(function (p) { return [p.name, p.label, num(p.weight), via(p), (p.carries || []).join(", ")]; }));
      if (!d.own_actors.length) { clear($("own-table")); }
      var chart = clear($("partners-chart"));
      var top = d.partners.length ? d.partners[0].weight : 1;
      d.partners.slice(0, 25).forEach(function (p) {
        var bar = el("div", null, "bar");
        bar.appendChild(el("span", p.name, "name"));
        var fill = el("span", null, "fill");
        fill.style.width = Math.max(2, Math.round(240 * p.weight / top)) + "px";
        bar.appendChild(fill);
        bar.appendChild(el("span", num(p.weight)));
        chart.appendChild(bar);
      });
      status("partners-status", d.partners.length + " partners of " + d.actor.name + " (" + d.actor.label + ")");
    }).catch(function (e) { status("partners-status", e.message, true); });
  }
  function setupPartners() {
    wb.config.actors.forEach(function (a) { $("actors").appendChild(option(a.name, a.label)); });
    wb.config.minerals.forEach(function (m) { $("mineral").appendChild(option(m.id, m.name)); });
    $("partners-form").addEventListener("submit", function (event) { event.preventDefault(); rankPartners(); });
  }

  /* --- measures ------------------------------------------------------------------------------ */
  var MEASURE_FILTERS = { mineral: "measure-mineral", kind: "measure-kind", government: "measure-government",
                          year: "measure-year" };
  function words(kind) { return String(kind || "").replace(/_/g, " "); }
  function fillFilter(select, items, caption, blank) {
    var chosen = select.value;
    clear(select).appendChild(option("", blank));
    items.forEach(function (item) { select.appendChild(option(item.id, caption(item) + " (" + item.count + ")")); });
    if (Array.prototype.some.call(select.options, function (o) { return o.value === chosen; })) {
      select.value = chosen;
    }
  }
  function endNames(ends) { return ends.map(function (e) { return e.name; }).join(", "); }
  function measureCard(m) {
    var card = el("article", null, "measure");
    card.dataset.id = m.id;
    card.appendChild(el("h3", m.name));
    var facts = el("div", null, "facts");
    facts.appendChild(el("span", words(m.kind), "kind"));
    facts.appendChild(el("span", words(m.status), "status " + m.status));
    if (m.year) { facts.appendChild(el("span", "year " + m.year, "year")); }
    card.appendChild(facts);
    [["Imposed by", m.imposed_by], ["On", m.targets], ["Affects", m.affects]].forEach(function (pair) {
      if (pair[1].length) { card.appendChild(el("div", pair[0] + ": " + endNames(pair[1]), "ends")); }
    });
    m.evidence.forEach(function (item) {
      var quote = el("blockquote");
      quote.appendChild(el("div", item.sentence, "evidence-sentence"));
      var source = el("div", null, "note");
      source.appendChild(document.createTextNode("— "));
      source.appendChild(link(item.document.title, "#article/" + encodeURIComponent(item.document.id)));
      if (item.document.published) { source.appendChild(document.createTextNode(", " + item.document.published)); }
      quote.appendChild(source);
      card.appendChild(quote);
    });
    return card;
  }
  function loadMeasures() {
    var params = new URLSearchParams();
    Object.keys(MEASURE_FILTERS).forEach(function (key) {
      var value = $(MEASURE_FILTERS[key]).value;
      if (value) { params.set(key, value); }
    });
    return api("/api/measures?" + params.toString()).then(function (d) {
      fillFilter($("measure-mineral"), d.facets.minerals, function (f) { return f.name; }, "any mineral");
      fillFilter($("measure-kind"), d.facets.kinds, function (f) { return words(f.id); }, "any kind");
      fillFilter($("measure-government"), d.facets.governments, function (f) { return f.name; }, "any country");
      fillFilter($("measure-year"), d.facets.years, function (f) { return String(f.id); }, "any year");
      var list = clear($("measures-list"));
      d.measures.forEach(function (m) { list.appendChild(measureCard(m)); });
      status("measures-status", d.measures.length + " measure" + (d.measures.length === 1 ? "" : "s") +
             (params.toString() ? " matching the filters" : ""));
      wb.measuresLoaded = (wb.measuresLoaded || 0) + 1;
    }).catch(function (e) { status("measures-status", e.message, true); });
  }
  function setupMeasures() {
    Object.keys(MEASURE_FILTERS).forEach(function (key) {
      $(MEASURE_FILTERS[key]).addEventListener("change", loadMeasures);
    });
    $("measures-clear").addEventListener("click", function () {
      Object.keys(MEASURE_FILTERS).forEach(function (key) { $(MEASURE_FILTERS[key]).value = ""; });
      loadMeasures();
    });
  }

  /* --- articles ------------------------------------------------------------------------------ */
  function setupArticles() {
    var list = $("documents");
    wb.config.documents.forEach(function (d) {
      var li = el("li");
      li.appendChild(link(d.title, "#article/" + encodeURIComponent(d.id)));
      if (d.published) { li.appendChild(el("div", d.published, "note")); }
      list.appendChild(li);
    });
  }
  function renderText(container, text, spans, entities) {
    clear(container);
    var names = {};
    entities.forEach(function (e) { names[e.id] = e.name + " (" + e.label + ")"; });
    var cuts = new Set([0, text.length]);
    spans.forEach(function (s) { cuts.add(s[0]); cuts.add(s[1]); });
    var points = Array.from(cuts).sort(function (a, b) { return a - b; });
    for (var i = 0; i + 1 < points.length; i++) {
      var start = points[i], end = points[i + 1];
      var cover = spans.filter(function (s) { return s[0] <= start && s[1] >= end; });
      var piece = text.slice(start, end);
      if (!cover.length) { container.appendChild(document.createTextNode(piece)); continue; }
      var evidence = cover.some(function (s) { return s[2] === "evidence"; });
      var entity = cover.filter(function (s) { return s[2] === "entity"; })[0];
      var node = el(evidence ? "mark" : "span", piece);
      node.className = [evidence ? "evidence" : "", entity ? "entity" : ""].join(" ").trim();
      if (entity) { node.title = names[entity[3]] || ""; node.dataset.entity = entity[3]; }
      container.appendChild(node);
    }
  }
  function openArticle(id) {
    return api("/api/article?id=" + encodeURIComponent(id)).then(function (d) {
      $("article-title").textContent = d.title;
      $("article-meta").textContent = [d.publisher, d.published, d.path].filter(Boolean).join(" · ") +
        (d.note ? " — " + d.note : "");
      if (d.text) { renderText($("article-text"), d.text, d.spans, d.entities); } else { clear($("article-text")); }
      table($("article-facts"), ["source", "type", "target", "evidence"], d.facts.map(function (f) {
        return [f.source_name, f.type, f.target_name, f.evidence.join(" / ")];
      }));
    }).catch(function (e) { $("article-title").textContent = e.message; });
  }

  /* --- curation ------------------------------------------------------------------------------- */
  function loadCuration() {
    return api("/api/curation").then(function (d) {
      $("curation-off").hidden = d.enabled;
      $("curation-forms").hidden = !d.enabled;
      table($("curation-table"), ["n", "decision", "who", "when", "state", ""], d.decisions.map(function (r) {
        var undo = "";
        if (d.enabled) {
          undo = el("button", "Undo");
          undo.type = "button";
          undo.addEventListener("click", function () { curate("undo", { n: r.n }); });
        }
        return [r.n, r.summary, r.who, r.when, r.stale ? "stale: " + r.missing.join(", ") + " not stored" : "applied",
                undo];
      }));
    }).catch(function (e) { status("curation-status", e.message, true); });
  }
  function curate(action, body) {
    // not ready from now until the decisions table and the map are both reloaded (a page
    // that looked ready before its table came back was read half updated)
    wb.ready = false;
    wb.curating = true;
    status("curation-status", "Applying…");
    return post("/api/curate/" + action, body).then(function (r) {
      wb.curated = (wb.curated || 0) + 1;
      return Promise.all([loadCuration(), loadMap()]).then(function () {
        status("curation-status", r.message + "; " + r.rebuilt + " article(s) re-read" +
               (r.missing.length ? "; not re-read: " + r.missing.join(", ") : ""));
      });
    }).catch(function (e) { status("curation-status", e.message, true); }).then(function () {
      wb.curating = false;
      wb.ready = wb.settled === true;
    });
  }
  function setupCuration() {
    wb.config.actors.concat(wb.config.minerals).forEach(function (a) { $("all-names").appendChild(option(a.name)); });
    Object.keys(wb.config.types).forEach(function (t) { $("reject-type").appendChild(option(t)); });
    $("merge-form").addEventListener("submit", function (event) {
      event.preventDefault();
      curate("merge", { keep: $("merge-keep").value, drop: $("merge-drop").value });
    });
    $("reject-form").addEventListener("submit", function (event) {
      event.preventDefault();
      curate("reject", { source: $("reject-source").value, target: $("reject-target").value,
                         type: $("reject-type").value || null });
    });
    $("rename-form").addEventListener("submit", function (event) {
      event.preventDefault();
      curate("rename", { node: $("rename-node").value, name: $("rename-name").value });
    });
  }

  /* what other scripts of the page (timeline.js) use */
  wb.ui = { $: $, el: el, clear: clear, status: status, api: api, table: table, link: link, option: option };

  /* --- start ---------------------------------------------------------------------------------- */
  api("/api/config").then(function (cfg) {
    wb.config = cfg;
    window.dispatchEvent(new CustomEvent("workbench:config"));
    $("store").textContent = cfg.store + (cfg.curate ? " · curation on" : "");
    setupMap();
    setupCypher();
    setupPartners();
    setupMeasures();
    setupArticles();
    setupCuration();
    route();
    return loadMap();
  }).catch(function (e) { status("map-status", e.message, true); });
})();
