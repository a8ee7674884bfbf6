// Presentation mode: Right/PageDown = next slide, Left/PageUp = previous, whatever has focus.
// Installed once per browser tab; it only acts while the presentation bar is on the page. The
// arrows are left to a text box being typed in and to an open dropdown list (they move the caret
// or the highlighted option there); PageUp/PageDown, which a clicker sends, always move.
(() => {
  if (window.__atlasPresentKeys) return;
  window.__atlasPresentKeys = true;
  const MOVES = { ArrowRight: "next", PageDown: "next", ArrowLeft: "prev", PageUp: "prev" };
  const TYPED = ["text", "search", "email", "number", "password", "url", "tel"];
  document.addEventListener(
    "keydown",
    (event) => {
      const move = MOVES[event.key];
      if (!move || event.altKey || event.ctrlKey || event.metaKey) return;
      const button = document.querySelector(`.st-key-present_${move} button`);
      if (!button) return; // not presenting
      const el = document.activeElement;
      if (event.key.startsWith("Arrow") && el) {
        const combobox = el.getAttribute("role") === "combobox";
        const open = el.getAttribute("aria-expanded") === "true";
        const typing =
          el.tagName === "TEXTAREA" ||
          el.isContentEditable ||
          (el.tagName === "INPUT" && !combobox && TYPED.includes(el.type));
        if (open || typing) return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      if (el && el !== document.body && el.blur) el.blur();
      if (!button.disabled) button.click();
    },
    true,
  );
})();
