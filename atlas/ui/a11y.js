// Accessible names for what Streamlit and plotly draw (issue 18), installed once per browser tab:
// - every plotly chart is a named figure: its name and short description come from the figure's
//   layout.meta (atlas.charts.named) or, failing that, from its title and legend;
// - icon ligatures ("map", "arrow_back") are hidden from screen readers, so a link is named
//   "Map explorer", not "map Map explorer".
(() => {
  if (window.__atlasA11y) return;
  window.__atlasA11y = true;
  let count = 0;
  // no "<" in this file: Streamlit's sanitiser drops a script whose text looks like markup
  const LINE_BREAK = new RegExp("\\x3cbr\\s*/?>", "gi");
  const plain = (html) => {
    const d = document.createElement("div");
    d.innerHTML = String(html || "").replace(LINE_BREAK, " ");
    return d.textContent.replace(/\s+/g, " ").trim();
  };
  function nameChart(gd) {
    const layout = gd.layout || {};
    const meta = layout.meta && typeof layout.meta === "object" ? layout.meta : {};
    const title = plain(layout.title && (layout.title.text || layout.title));
    const name = meta.name || title || "Chart";
    const shown = (gd.data || [])
      .filter((t) => t.name && t.showlegend !== false && t.name !== "labels" && t.name !== "values")
      .map((t) => plain(t.name));
    const description =
      meta.description || (shown.length ? `Shows ${[...new Set(shown)].join(", ")}.` : "");
    const key = `${name}\n${description}`;
    if (gd.dataset.atlasNamed === key) return;
    gd.dataset.atlasNamed = key;
    gd.setAttribute("role", "figure");
    gd.setAttribute("aria-label", name);
    let desc = gd.querySelector(":scope > .atlas-chart-desc");
    if (!desc) {
      desc = document.createElement("span");
      desc.className = "atlas-chart-desc";
      desc.id = `atlas-chart-desc-${++count}`;
      desc.hidden = true;
      gd.prepend(desc);
    }
    desc.textContent = description;
    gd.setAttribute("aria-describedby", desc.id);
  }
  // Headings never skip a level (axe heading-order): a page's st.subheader (h3) straight under
  // its st.title (h1) is announced as level 2; the text and its look are unchanged.
  function levelHeadings() {
    const open = []; // the headings this one sits under: [own level, level announced]
    document.querySelectorAll("h1, h2, h3, h4, h5, h6").forEach((h) => {
      if (h.closest("[hidden], [aria-hidden='true']") || !h.getClientRects().length) return;
      const own = Number(h.tagName[1]);
      while (open.length && open[open.length - 1][0] >= own) open.pop();
      const level = open.length ? Math.min(own, open[open.length - 1][1] + 1) : own;
      if (level !== own) {
        h.setAttribute("role", "heading");
        h.setAttribute("aria-level", String(level));
      } else if (h.hasAttribute("aria-level")) {
        h.removeAttribute("aria-level");
        h.removeAttribute("role");
      }
      open.push([own, level]);
    });
  }
  function sweep() {
    levelHeadings();
    document.querySelectorAll(".js-plotly-plot").forEach(nameChart);
    document
      .querySelectorAll('[data-testid="stIconMaterial"]:not([aria-hidden])')
      .forEach((icon) => icon.setAttribute("aria-hidden", "true"));
  }
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      sweep();
    });
  }).observe(document.body, { childList: true, subtree: true });
  sweep();
  setInterval(sweep, 700); // and when something is shown or hidden without a change of markup
})();
