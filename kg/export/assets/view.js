// kg view: the page's behaviour. Reads the graph from the JSON block #kg-data (written by
// kg/export/view.py), draws it with Cytoscape.js, lays it out with fCoSE, and wires the
// search box, the type and document filters and the details panel. No network access.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const nodes = data.nodes, edges = data.edges, docs = data.documents;
  const big = nodes.length + edges.length > data.detailed_layout_limit;  // elements drawn, edges count too
  const colourOf = Object.fromEntries(data.types.map(t => [t.name, t.colour]));
  const $ = id => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "onclick") node.addEventListener("click", v); else node.setAttribute(k, v);
    }
    for (const child of children.flat(Infinity)) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  // --- the graph ----------------------------------------------------------------------
  const degree = new Array(nodes.length).fill(0);
  edges.forEach(e => { degree[e.s]++; degree[e.t]++; });
  const elements = nodes.map((n, i) => ({ group: "nodes", data: {
    id: "n" + i, i: i, label: n.label, type: n.type, colour: colourOf[n.type] || "#aaa",
    size: Math.min(46, 9 + 4 * Math.sqrt(degree[i])) } }));
  edges.forEach((e, j) => elements.push({ group: "edges", data: {
    id: "e" + j, j: j, source: "n" + e.s, target: "n" + e.t, kind: e.kind, label: e.label,
    w: Math.min(6, 0.8 + 0.7 * e.docs.length) } }));

  cytoscape.use(cytoscapeFcose);
  const cy = cytoscape({
    container: $("graph"), elements: elements, layout: { name: "preset" }, minZoom: 0.02, maxZoom: 6,
    textureOnViewport: big, hideEdgesOnViewport: big, motionBlur: false, pixelRatio: big ? 1 : "auto",
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", width: "data(size)", height: "data(size)",
        label: big ? "" : "data(label)", "font-size": 10, "min-zoomed-font-size": 12, color: "#222",
        "text-valign": "bottom", "text-margin-y": 2,
        "text-background-color": "#fff", "text-background-opacity": 0.7, "text-background-padding": 1 } },
      { selector: "edge", style: {
        width: "data(w)", "line-color": "#8a8f98", "curve-style": big ? "haystack" : "bezier",
        "target-arrow-shape": big ? "none" : "triangle", "target-arrow-color": "#8a8f98",
        "arrow-scale": 0.7, opacity: 0.75 } },
      { selector: "node[size >= 17]", style: { "min-zoomed-font-size": 5 } },  // hubs named first
      { selector: 'edge[kind = "Mention"]', style: { "line-color": "#d5d8dd", width: 0.6, "target-arrow-shape": "none", opacity: 0.6 } },
      { selector: "node.focus", style: { "border-width": 3, "border-color": "#111", "font-weight": "bold", "font-size": 12 } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#f5c518", "font-weight": "bold", "z-index": 10 } },
      { selector: ".faded", style: { opacity: 0.12, "text-opacity": 0 } },
      { selector: "edge.near", style: { "line-color": "#333", "target-arrow-color": "#333", opacity: 1, "z-index": 9 } },
      { selector: "edge.named", style: { label: "data(label)", "font-size": 9, "text-rotation": "autorotate",
        "text-background-color": "#fff", "text-background-opacity": 0.8 } },
      { selector: "node.near", style: { label: "data(label)", "min-zoomed-font-size": 0 } },
      { selector: "node.labelled", style: { label: "data(label)" } },
    ],
  });

  // Measuring thousands of labels makes the first drawing of a big graph seconds slower, and
  // none of them is readable at that zoom: a big graph names only the nodes in view once
  // zoomed in (and the selection's neighbourhood, always).
  let labelled = cy.collection(), labelTimer = null;
  function labelNodesInView() {
    const box = cy.extent();
    let inView = cy.zoom() < 1 ? cy.collection() : cy.nodes().filter(n => {
      const p = n.position();
      return p.x >= box.x1 && p.x <= box.x2 && p.y >= box.y1 && p.y <= box.y2;
    });
    if (inView.length > 300) inView = cy.collection();  // a crowd of names is no help: zoom in further
    cy.batch(() => { labelled.difference(inView).removeClass("labelled"); inView.difference(labelled).addClass("labelled"); });
    labelled = inView;
  }
  if (big) cy.on("viewport", () => { clearTimeout(labelTimer); labelTimer = setTimeout(labelNodesInView, 120); });

  // --- filters --------------------------------------------------------------------------
  const hiddenTypes = new Set();
  const counts = {};
  nodes.forEach(n => { counts[n.type] = (counts[n.type] || 0) + 1; });
  data.types.filter(t => counts[t.name]).forEach(t => {
    const item = el("li", { "data-type": t.name }, el("span", { class: "swatch", style: "background:" + t.colour }),
      t.name + " ", el("span", { class: "muted" }, "(" + counts[t.name] + ")"));
    item.addEventListener("click", () => {
      if (hiddenTypes.has(t.name)) hiddenTypes.delete(t.name); else hiddenTypes.add(t.name);
      item.classList.toggle("off", hiddenTypes.has(t.name));
      applyFilters();
    });
    $("types").append(item);
  });
  docs.forEach((d, i) => $("document").append(el("option", { value: String(i) }, d.label + (d.date ? " (" + d.date + ")" : ""))));
  $("document").addEventListener("change", applyFilters);

  function visibleNode(i) {
    const n = nodes[i], doc = $("document").value;
    return !hiddenTypes.has(n.type) && (doc === "" || n.docs.includes(+doc) || n.doc === +doc);
  }

  function visibleEdge(j) {
    const doc = $("document").value;
    return nodeShown[edges[j].s] && nodeShown[edges[j].t] && (doc === "" || edges[j].docs.includes(+doc));
  }

  // What is shown, kept here rather than asked of Cytoscape: a style change on thousands of
  // elements costs seconds, so only the elements whose visibility changes are touched.
  const nodeShown = new Uint8Array(nodes.length).fill(1), edgeShown = new Uint8Array(edges.length).fill(1);

  function applyFilters() {
    cy.batch(() => {
      for (let i = 0; i < nodes.length; i++) {
        const show = visibleNode(i) ? 1 : 0;
        if (show !== nodeShown[i]) { nodeShown[i] = show; cy.getElementById("n" + i).style("display", show ? "element" : "none"); }
      }
      for (let j = 0; j < edges.length; j++) {
        const show = visibleEdge(j) ? 1 : 0;
        if (show !== edgeShown[j]) { edgeShown[j] = show; cy.getElementById("e" + j).style("display", show ? "element" : "none"); }
      }
    });
    showStats();
  }

  function showStats() {
    const shown = nodeShown.reduce((a, b) => a + b, 0), shownEdges = edgeShown.reduce((a, b) => a + b, 0);
    $("stats").textContent = shown + " of " + nodes.length + " nodes, " + shownEdges + " of " + edges.length + " edges";
  }

  // --- search ---------------------------------------------------------------------------
  const haystack = nodes.map(n => [n.label, ...Object.values(n.labels || {}), ...(n.alt || []),
    ...Object.values(n.ids || {})].join("\u0001").toLowerCase());

  function search(text) {
    const wanted = text.trim().toLowerCase();
    $("results").replaceChildren();
    if (!wanted) return;
    const hits = [];
    for (let i = 0; i < nodes.length && hits.length < 200; i++) {
      if (haystack[i].includes(wanted)) hits.push(i);
    }
    const starts = i => nodes[i].label.toLowerCase().startsWith(wanted) ? 0 : 1;
    hits.sort((a, b) => starts(a) - starts(b) || degree[b] - degree[a]);
    hits.slice(0, 15).forEach((i, k) => {
      const item = el("li", { "data-node": "n" + i, class: k === 0 ? "active" : "" },
        el("span", { class: "swatch", style: "background:" + (colourOf[nodes[i].type] || "#aaa") }),
        nodes[i].label, " ", el("span", { class: "muted" }, nodes[i].type));
      item.addEventListener("click", () => select(i, true));
      $("results").append(item);
    });
  }
  $("search").addEventListener("input", e => search(e.target.value));
  $("search").addEventListener("keydown", e => {
    const first = $("results").querySelector("li");
    if (e.key === "Enter" && first) select(+first.dataset.node.slice(1), true);
  });

  // --- selection and the details panel ---------------------------------------------------
  // A small graph fades everything but the selection; in a big one restyling every element
  // would take seconds, so only the selection's neighbourhood is marked.
  let marked = cy.collection();
  function select(i, move) {
    const node = cy.getElementById("n" + i);
    if (hiddenTypes.has(nodes[i].type)) { hiddenTypes.delete(nodes[i].type); syncTypeList(); applyFilters(); }
    if (!nodeShown[i]) { $("document").value = ""; applyFilters(); }
    cy.batch(() => {
      marked.removeClass("near named");
      cy.$(":selected").unselect();
      if (!big) cy.elements().addClass("faded");
      marked = node.closedNeighborhood();
      marked.removeClass("faded").addClass("near");
      if (marked.edges().length <= 60) marked.edges().addClass("named");  // more labels than that overlap
      node.select();
    });
    if (move) {
      cy.zoom({ level: Math.max(cy.zoom(), big ? 1.2 : 1.4), renderedPosition: node.renderedPosition() });
      cy.center(node);
    }
    showDetails(i);
  }

  function clearSelection() {
    cy.batch(() => {
      marked.removeClass("near named");
      cy.$(":selected").unselect();
      if (!big) cy.elements().removeClass("faded");
    });
    marked = cy.collection();
    $("details").hidden = true;
    cy.resize();
  }

  function syncTypeList() {
    $("types").querySelectorAll("li").forEach(li => li.classList.toggle("off", hiddenTypes.has(li.dataset.type)));
  }

  function docItem(k) {
    const d = docs[k];
    return el("li", {}, d.label, d.date ? el("span", { class: "muted" }, " " + d.date) : null,
      d.source && d.source !== d.label ? el("div", { class: "source" }, d.source) : null);
  }

  function qualifierText(q) {
    return Object.entries(q || {}).map(([k, v]) => k.replace(/_/g, " ") + " " + (Array.isArray(v) ? v.join(", ") : v)).join(" · ");
  }

  function factItem(j, i) {
    const e = edges[j], outgoing = e.s === i, other = outgoing ? e.t : e.s;
    const link = el("a", { class: "link", onclick: () => select(other, true) }, nodes[other].label);
    const what = outgoing ? ["→ ", e.label, " ", link] : ["← ", link, " ", e.label];
    const sources = e.docs.map(k => docs[k].source || docs[k].label).join(", ");
    return el("div", { class: "fact" },
      el("div", { class: "what" }, ...what, " ", el("span", { class: "muted" }, "(" + e.kind + ")")),
      e.q && Object.keys(e.q).length ? el("div", { class: "qualifiers" }, qualifierText(e.q)) : null,
      (e.ev || []).map(s => el("blockquote", { class: "evidence" }, s)),
      el("div", { class: "source" }, e.docs.length + " document" + (e.docs.length === 1 ? "" : "s") + (sources ? ": " + sources : "")));
  }

  // An identifier that has a page is a link (followed only when clicked: the page loads nothing).
  function identifier(scheme, value) {
    const url = scheme === "wikidata" ? "https://www.wikidata.org/wiki/" + value : /^https?:\/\//.test(value) ? value : null;
    return url ? el("a", { href: url, target: "_blank", rel: "noopener" }, value) : value;
  }

  function showDetails(i) {
    const n = nodes[i];
    const incident = [];
    let mentionEdges = 0;
    edges.forEach((e, j) => {
      if (e.s !== i && e.t !== i) return;
      if (e.kind === "Mention") mentionEdges++; else incident.push(j);
    });
    const facts = incident.filter(j => edges[j].ev && edges[j].ev.length).length;
    const body = [
      el("h2", {}, n.label),
      el("div", {}, el("span", { class: "type", style: "background:" + (colourOf[n.type] || "#aaa") }, n.type)),
      el("div", { class: "iri" }, n.id),
    ];
    const names = Object.entries(n.labels || {});
    if (names.length) body.push(el("h3", {}, "Labels"), el("dl", {}, names.map(([lang, l]) => [el("dt", {}, lang || "—"), el("dd", {}, l)])));
    if (n.alt && n.alt.length) body.push(el("h3", {}, "Also written as"), el("div", {}, n.alt.join(" · ")));
    const ids = Object.entries(n.ids || {});
    if (ids.length) body.push(el("h3", {}, "Identifiers"), el("dl", {}, ids.map(([k, v]) => [el("dt", {}, k.replace(/_/g, " ")), el("dd", {}, identifier(k, v))])));
    const meta = Object.entries(n.meta || {});
    if (meta.length) body.push(el("h3", {}, "Document"), el("dl", {}, meta.map(([k, v]) => [el("dt", {}, k.replace(/_/g, " ")), el("dd", {}, v)])));
    body.push(el("h3", {}, "Documents (" + n.docs.length + ")"), el("ul", { class: "plain" }, n.docs.map(docItem)));
    body.push(el("h3", { id: "facts-heading" }, "Facts (" + incident.length + ")" + (facts ? ", with evidence" : "")));
    body.push(el("div", { id: "facts" }, incident.length ? incident.map(j => factItem(j, i)) : el("p", { class: "muted" }, "No facts join this node to another.")));
    if (mentionEdges) body.push(el("p", { class: "muted" }, (n.type === "Document" ? "Mentions " : "Mentioned by ") + mentionEdges + (n.type === "Document" ? " entities." : " documents.")));
    $("details-body").replaceChildren(...body);
    $("details").hidden = false;
    $("details").scrollTop = 0;
    cy.resize();
  }

  cy.on("tap", "node", evt => select(evt.target.data("i"), false));
  cy.on("tap", evt => { if (evt.target === cy) clearSelection(); });
  $("close").addEventListener("click", clearSelection);
  $("fit").addEventListener("click", () => cy.fit(cy.elements(":visible"), 30));

  // --- layout ---------------------------------------------------------------------------
  let seed = 42;  // fCoSE draws random numbers: a fixed seed gives the same picture each time
  Math.random = () => { seed = (seed * 16807) % 2147483647; return (seed - 1) / 2147483646; };
  const started = performance.now();
  const layout = cy.layout({ name: "fcose", quality: big ? "draft" : "default", animate: false, randomize: true,
    nodeRepulsion: 6000, idealEdgeLength: 60, nodeSeparation: 60, packComponents: true, fit: true, padding: 30 });
  layout.one("layoutstop", () => {
    const ms = Math.round(performance.now() - started);
    $("status").textContent = "Laid out in " + ms + " ms. Scroll to zoom, drag to pan, click a node for its facts.";
    showStats();
    if (data.focus !== null) {
      cy.getElementById("n" + data.focus).addClass("focus");
      select(data.focus, false);
    }
    window.kgView = { ready: true, layoutMs: ms, cy: cy };
  });
  setTimeout(() => layout.run(), 0);  // after the page has shown itself and its "Laying out…"
})();
