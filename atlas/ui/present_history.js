// Presentation mode: the browser's Back and Forward move between slides (issue 18).
// Streamlit pushes a history entry for every change of the URL's query, so one step of the deck
// (slide=3, then the slide's own ind/focus/period) left several entries, and Back landed on a
// half-changed URL of the same slide. Here an entry is pushed only when the slide number changes;
// every other change of the query replaces the current entry. Back then names the previous
// slide's whole URL, which Streamlit reruns as it does any history navigation.
(() => {
  if (window.__atlasPresentHistory) return;
  window.__atlasPresentHistory = true;
  const push = window.history.pushState.bind(window.history);
  const replace = window.history.replaceState.bind(window.history);
  const deck = (url) => {
    const u = new URL(url, window.location.href);
    return u.pathname.endsWith("/present") ? `${u.searchParams.get("story")}#${u.searchParams.get("slide")}` : null;
  };
  window.history.pushState = function (state, title, url) {
    const here = deck(window.location.href);
    if (url != null && here !== null && deck(url) === here) return replace(state, title, url);
    return push(state, title, url);
  };
})();
