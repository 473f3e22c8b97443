/* minegraph map: every text from the data is put into the page with textContent,
   never innerHTML, so article text is shown as text. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("mg-data").textContent);

  function textBlock(text, className) {
    var el = document.createElement("div");
    el.className = className || "mg-tip";
    el.textContent = text == null ? "" : String(text);
    return el;
  }

  var nodes = new vis.DataSet(DATA.nodes.map(function (n) {
    var copy = Object.assign({}, n);
    copy.tip = n.title;
    copy.title = textBlock(n.title);
    return copy;
  }));
  var edges = new vis.DataSet(DATA.edges.map(function (e) {
    var copy = Object.assign({}, e);
    copy.tip = e.title;
    copy.title = textBlock(e.title);
    return copy;
  }));

  var hiddenLabels = new Set();
  var hiddenTypes = new Set();
  var hiddenKinds = new Set();  /* measures: kinds unticked, and whether only those in force show */
  var inForceOnly = false;
  function shown(n) {
    if (hiddenLabels.has(n.group)) { return false; }
    if (n.group === "Measure") { return !hiddenKinds.has(n.kind) && (!inForceOnly || n.in_force); }
    return true;
  }
  var nodeView = new vis.DataView(nodes, { filter: shown });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return !hiddenTypes.has(e.rtype); } });

  var container = document.getElementById("mg-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, DATA.options);
  var state = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
                stabilized: false, focusNode: focusNode };
  window.minegraph = state;

  var progress = document.getElementById("mg-progress");
  var progressValue = document.getElementById("mg-progress-value");
  network.on("stabilizationProgress", function (p) {
    progressValue.textContent = Math.round(100 * p.iterations / p.total) + "%";
  });
  function settled() {
    if (state.stabilized) { return; }
    network.setOptions({ physics: { enabled: false } });
    progress.hidden = true;
    state.stabilized = true;
    if (DATA.focus && nodes.get(DATA.focus)) {
      network.selectNodes([DATA.focus]);
      network.fit({ animation: false });
    }
  }
  network.once("stabilizationIterationsDone", settled);
  if (nodes.length === 0) { settled(); }

  /* info panel: the full tooltip text of what was clicked */
  var info = document.getElementById("mg-info");
  var infoText = document.getElementById("mg-info-text");
  function showInfo(text) {
    infoText.textContent = text;
    info.hidden = false;
  }
  document.getElementById("mg-info-close").addEventListener("click", function () { info.hidden = true; });
  network.on("click", function (params) {
    if (params.nodes.length) {
      showInfo(nodes.get(params.nodes[0]).tip);
    } else if (params.edges.length) {
      showInfo(edges.get(params.edges[0]).tip);
    } else {
      info.hidden = true;
    }
  });

  /* search */
  var names = document.getElementById("mg-names");
  nodes.get({ order: "name" }).forEach(function (n) {
    var option = document.createElement("option");
    option.value = n.name;
    names.appendChild(option);
  });
  function fold(text) { return String(text || "").toLocaleLowerCase().trim(); }
  function findNode(query) {
    var q = fold(query);
    if (!q) { return null; }
    var all = nodes.get();
    var exact = all.filter(function (n) {
      return fold(n.name) === q || fold(n.id) === q || (n.aliases || []).some(function (a) { return fold(a) === q; });
    });
    if (exact.length) { return exact[0]; }
    /* partial matches: names that start with the query first, then a word that does,
       then anywhere; the most central first within each */
    function rank(n) {
      var forms = [n.name].concat(n.aliases || []).map(fold);
      var best = 3;
      forms.forEach(function (f) {
        var at = f.indexOf(q);
        if (at === 0) { best = Math.min(best, 0); }
        else if (at > 0 && /[^\p{L}\p{N}]/u.test(f.charAt(at - 1))) { best = Math.min(best, 1); }
        else if (at > 0) { best = Math.min(best, 2); }
      });
      return best;
    }
    var partial = all.map(function (n) { return { node: n, rank: rank(n) }; })
      .filter(function (m) { return m.rank < 3; });
    partial.sort(function (a, b) { return a.rank - b.rank || (b.node.value || 0) - (a.node.value || 0); });
    return partial.length ? partial[0].node : null;
  }
  function focusNode(query) {
    var status = document.getElementById("mg-search-status");
    var node = findNode(query);
    if (!node) {
      status.textContent = "not found";
      return null;
    }
    status.textContent = "";
    if (!shown(node)) {  /* a node found is shown, whatever filter hid it */
      hiddenLabels.delete(node.group);
      document.querySelectorAll(".mg-filter-label").forEach(function (box) {
        if (box.value === node.group) { box.checked = true; }
      });
      if (node.group === "Measure") {
        hiddenKinds.delete(node.kind);
        document.querySelectorAll(".mg-filter-kind").forEach(function (box) {
          if (box.value === node.kind) { box.checked = true; }
        });
        if (inForceOnly && !node.in_force) { inForceOnly = false; inForce.checked = false; }
      }
      nodeView.refresh();
    }
    network.selectNodes([node.id]);
    network.focus(node.id, { scale: 1.4, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showInfo(node.tip);
    return node.id;
  }
  document.getElementById("mg-search").addEventListener("submit", function (event) {
    event.preventDefault();
    focusNode(document.getElementById("mg-search-input").value);
  });

  /* filters */
  document.querySelectorAll(".mg-filter-label").forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) { hiddenLabels.delete(box.value); } else { hiddenLabels.add(box.value); }
      nodeView.refresh();
    });
  });
  document.querySelectorAll(".mg-filter-type").forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) { hiddenTypes.delete(box.value); } else { hiddenTypes.add(box.value); }
      edgeView.refresh();
    });
  });
  document.querySelectorAll(".mg-filter-kind").forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) { hiddenKinds.delete(box.value); } else { hiddenKinds.add(box.value); }
      nodeView.refresh();
    });
  });
  var inForce = document.getElementById("mg-in-force");
  if (inForce) {
    inForce.addEventListener("change", function () {
      inForceOnly = inForce.checked;
      nodeView.refresh();
    });
  }
  document.getElementById("mg-edge-labels").addEventListener("change", function (event) {
    var show = event.target.checked;
    edges.update(edges.get().map(function (e) { return { id: e.id, label: show ? e.rtype : undefined }; }));
  });
})();
