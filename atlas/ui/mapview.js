// Civic Atlas map: an SVG choropleth drawn in the page (no plotly.js, nothing from the network).
// Boundaries come once per browser from a static file (the spec's `url`); each rerun sends only
// colours, fading, outlines and hover text. Hover or focus shows a tooltip; a click, Enter or
// Space on an area sends its code to Python; wheel or the +/- buttons zoom, drag pans, "Fit"
// returns to the focus areas. Areas in focus are in the tab order, named for screen readers.
const GEO = (window.__atlasMapGeo = window.__atlasMapGeo || {});

function geometry(url) {
  if (!GEO[url]) {
    GEO[url] = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`boundaries: HTTP ${r.status}`);
      return r.json();
    });
  }
  return GEO[url];
}

const NS = "http://www.w3.org/2000/svg";

function el(tag, attrs = {}, parent = null) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

function html(tag, cls, parent, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

function fitBox(areas, codes) {
  let box = null;
  for (const c of codes) {
    const a = areas[c];
    if (!a) continue;
    const [x0, y0, x1, y1] = a.b;
    box = box ? [Math.min(box[0], x0), Math.min(box[1], y0), Math.max(box[2], x1), Math.max(box[3], y1)] : [x0, y0, x1, y1];
  }
  if (!box) return fitBox(areas, Object.keys(areas));
  const w = Math.max(box[2] - box[0], 50), h = Math.max(box[3] - box[1], 50);
  const pad = 0.06 * Math.max(w, h);
  return [box[0] - pad, box[1] - pad, w + 2 * pad, h + 2 * pad];
}

function build(root, data, geo, send) {
  root.replaceChildren();
  root.style.height = `${data.height}px`;
  const svg = el("svg", { role: "group", class: "atlas-map-svg", width: "100%", height: "100%" }, root);
  const fills = el("g", { class: "atlas-map-fills" }, svg);
  const lines = el("g", { class: "atlas-map-outlines", "aria-hidden": "true" }, svg);
  const tip = html("div", "atlas-map-tip", root);
  tip.setAttribute("role", "status");
  tip.hidden = true;
  const legend = html("div", "atlas-map-legend", root);
  const tools = html("div", "atlas-map-tools", root);
  const state = { svg, fills, lines, tip, legend, tools, paths: {}, geo, send, view: null, home: null };
  for (const [code, a] of Object.entries(geo.areas)) {
    const p = el("path", { d: a.d, "data-code": code, "vector-effect": "non-scaling-stroke" }, fills);
    state.paths[code] = p;
  }
  const zoomBy = (f, cx, cy) => {
    const [x, y, w, h] = state.view;
    cx = cx === undefined ? x + w / 2 : cx;
    cy = cy === undefined ? y + h / 2 : cy;
    setView(state, [cx - (cx - x) * f, cy - (cy - y) * f, w * f, h * f]);
  };
  for (const [label, title, act] of [
    ["+", "Zoom in", () => zoomBy(0.6)],
    ["−", "Zoom out", () => zoomBy(1 / 0.6)],
    ["Fit", "Fit the map to the focus areas", () => setView(state, state.home)],
  ]) {
    const b = html("button", "atlas-map-btn", tools, label);
    b.type = "button";
    b.title = title;
    b.setAttribute("aria-label", title);
    b.onclick = act;
  }
  const toMap = (ev) => {
    const pt = svg.createSVGPoint();
    pt.x = ev.clientX;
    pt.y = ev.clientY;
    return pt.matrixTransform(svg.getScreenCTM().inverse());
  };
  svg.addEventListener(
    "wheel",
    (ev) => {
      if (!state.data || !state.data.wheel) return;
      ev.preventDefault();
      const p = toMap(ev);
      zoomBy(ev.deltaY > 0 ? 1.25 : 0.8, p.x, p.y);
    },
    { passive: false },
  );
  let drag = null;
  svg.addEventListener("pointerdown", (ev) => {
    drag = { x: ev.clientX, y: ev.clientY, view: state.view.slice(), moved: false };
  });
  svg.addEventListener("pointermove", (ev) => {
    if (drag && (drag.moved || Math.hypot(ev.clientX - drag.x, ev.clientY - drag.y) > 5)) {
      drag.moved = true;
      const ctm = svg.getScreenCTM();
      const [x, y, w, h] = drag.view;
      setView(state, [x - (ev.clientX - drag.x) / ctm.a, y - (ev.clientY - drag.y) / ctm.d, w, h]);
      tip.hidden = true;
      return;
    }
    const code = ev.target.getAttribute && ev.target.getAttribute("data-code");
    if (code) showTip(state, code, ev.clientX, ev.clientY);
    else tip.hidden = true;
  });
  svg.addEventListener("pointerup", (ev) => {
    const moved = drag && drag.moved;
    drag = null;
    if (moved) return;
    const code = ev.target.getAttribute && ev.target.getAttribute("data-code");
    if (code && state.info[code]) state.send(code);
  });
  svg.addEventListener("pointerleave", () => {
    drag = null;
    tip.hidden = true;
  });
  svg.addEventListener("focusin", (ev) => {
    const code = ev.target.getAttribute("data-code");
    if (!code) return;
    const r = ev.target.getBoundingClientRect();
    showTip(state, code, r.left + r.width / 2, r.top + r.height / 2);
  });
  svg.addEventListener("focusout", () => (tip.hidden = true));
  svg.addEventListener("keydown", (ev) => {
    const code = ev.target.getAttribute("data-code");
    if (code && (ev.key === "Enter" || ev.key === " ")) {
      ev.preventDefault();
      state.send(code);
    }
  });
  return state;
}

function setView(state, box) {
  state.view = box;
  state.svg.setAttribute("viewBox", box.map((v) => v.toFixed(1)).join(" "));
}

function showTip(state, code, cx, cy) {
  const lines = state.info[code];
  if (!lines) return;
  const { tip } = state;
  tip.replaceChildren();
  lines.filter(Boolean).forEach((line, i) => html(i ? "div" : "strong", null, tip, line));
  tip.hidden = false;
  const host = tip.parentElement.getBoundingClientRect();
  let x = cx - host.left + 14, y = cy - host.top + 14;
  if (x + tip.offsetWidth > host.width) x = Math.max(4, cx - host.left - tip.offsetWidth - 14);
  if (y + tip.offsetHeight > host.height) y = Math.max(4, cy - host.top - tip.offsetHeight - 14);
  tip.style.left = `${x}px`;
  tip.style.top = `${y}px`;
}

function paint(state, data) {
  state.data = data;
  state.info = {};
  const focus = new Set(data.focus);
  const seen = new Set();
  state.svg.setAttribute("aria-label", `Map: ${data.title}. ${data.hint || ""}`);
  for (const [code, colour, opacity, lines] of data.areas) {
    const p = state.paths[code];
    if (!p) continue;
    seen.add(code);
    state.info[code] = lines;
    p.setAttribute("fill", colour);
    p.setAttribute("fill-opacity", opacity);
    p.setAttribute("class", "atlas-area");
    if (focus.has(code) && data.keyboard !== false) {
      p.setAttribute("tabindex", "0");
      p.setAttribute("role", "button");
      p.setAttribute("aria-label", lines.filter(Boolean).join(", "));
    } else {
      p.removeAttribute("tabindex");
      p.removeAttribute("role");
      p.removeAttribute("aria-label");
    }
  }
  for (const [code, p] of Object.entries(state.paths)) {
    if (seen.has(code)) continue;
    p.setAttribute("fill", "none");
    p.setAttribute("class", "atlas-area atlas-empty");
    p.removeAttribute("tabindex");
    p.removeAttribute("role");
    p.removeAttribute("aria-label");
  }
  state.lines.replaceChildren();
  for (const [code, lines] of data.outline || []) {
    const a = state.geo.areas[code];
    if (!a) continue;
    el("path", { d: a.d, class: "atlas-outline", "vector-effect": "non-scaling-stroke" }, state.lines);
    if (state.info[code]) state.info[code] = [...state.info[code], ...lines.slice(1)];
  }
  state.legend.replaceChildren();
  if (data.legend_title) html("strong", null, state.legend, data.legend_title);
  for (const [label, colour] of data.legend) {
    const row = html("div", "atlas-map-key", state.legend);
    const sw = html("span", "atlas-map-swatch", row);
    sw.style.background = colour;
    html("span", null, row, label);
  }
  const key = data.focus.join(",") + "|" + data.level;
  if (state.focusKey !== key) {
    state.focusKey = key;
    state.home = fitBox(state.geo.areas, data.focus);
    setView(state, state.home);
  }
}

// On a slide only (``data.charts_next``): once the map is drawn, in the browser's next idle
// moment, parse Streamlit's own plotly chunk (the URL Streamlit imports it from, so the module is
// then ready) for the chart slides that follow, while the presenter speaks to the map. Not on the
// map pages: a new tab there would pay ~5 MB and a core for a second (issue 19).
function chartsNext(url) {
  if (!url || window.__atlasChartsNext) return;
  window.__atlasChartsNext = true;
  const go = () => import(new URL(url, document.baseURI).href).catch(() => {});
  if (window.requestIdleCallback) requestIdleCallback(go, { timeout: 2000 });
  else setTimeout(go, 200);
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  if (!data) return;
  let root = parentElement.querySelector(".atlas-map");
  if (!root) {
    root = html("div", "atlas-map", parentElement);
    root.style.height = `${data.height}px`;
  }
  root.dataset.drawn = "0";
  const token = (root.__token = (root.__token || 0) + 1);
  geometry(data.url)
    .then((geo) => {
      if (root.__token !== token) return;
      if (!root.__state || root.__state.geo !== geo) {
        root.__state = build(root, data, geo, (code) => setTriggerValue("clicked", code));
      }
      root.__state.send = (code) => setTriggerValue("clicked", code);
      root.style.height = `${data.height}px`;
      paint(root.__state, data);
      requestAnimationFrame(() => {
        root.dataset.drawn = "1";
        window.__atlasMapDrawn = true;
        chartsNext(data.charts_next);
      });
    })
    .catch((err) => {
      root.replaceChildren();
      html("p", "atlas-map-error", root, `The map could not be drawn (${err.message}). The table below has every value.`);
      root.__state = null;
    });
}
