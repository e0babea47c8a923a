/* Loads the search index once per page, and only when the reader opens search, over file:// and
   HTTP alike (hooks/search_index.py writes the index; overrides/main.html loads this script in
   <head>, before Material's bundle).

   Material 9.8 asks for the index as the page loads: over HTTP its search worker setup requests
   search/search_index.json with XMLHttpRequest at once, and on every page its search
   highlighting subscribes to the index, which over file:// appends
   <script src="…/search/search_index.js"> to <head>. This script holds both requests back until
   the reader opens search (focus in the search box, or Material's search toggle turning on), or
   the page was opened from a search result (?h=…, which Material highlights), then lets them
   go. Material still loads and uses the index itself, once; khmer-search.js takes its words
   from the message Material sends the search worker. Served over HTTP, the browser cache shares
   the index between pages. */
(() => {
  "use strict";

  const INDEX = /\/search\/search_index\.js(?:on)?(?:[?#]|$)/;
  const held = [];
  let open = new URLSearchParams(location.search).has("h");

  function whenOpen(go) {
    if (open) go();
    else held.push(go);
  }

  function opened() {
    if (open) return;
    open = true;
    for (const go of held.splice(0)) go();
  }

  // HTTP: Material's XMLHttpRequest for search_index.json is sent once search is open.
  const xhrOpen = XMLHttpRequest.prototype.open;
  const xhrSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function openRequest(method, url, ...rest) {
    this.hbSearchIndex = INDEX.test(String(url));
    return xhrOpen.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function sendRequest(...body) {
    if (!this.hbSearchIndex) return xhrSend.apply(this, body);
    whenOpen(() => xhrSend.apply(this, body));
  };

  // file://: Material's <script src="…/search_index.js"> joins <head> once search is open.
  const head = document.head;
  head.appendChild = function appendWhenSearchOpens(node) {
    if (node instanceof HTMLScriptElement && INDEX.test(node.src)) {
      whenOpen(() => Node.prototype.appendChild.call(head, node));
      return node;
    }
    return Node.prototype.appendChild.call(head, node);
  };

  document.addEventListener("focusin", (event) => {
    if (event.target instanceof Element && event.target.closest(".md-search")) opened();
  });
  document.addEventListener("change", (event) => {
    if (event.target instanceof Element && event.target.matches("[data-md-toggle=search]") && event.target.checked) {
      opened();
    }
  });
})();
