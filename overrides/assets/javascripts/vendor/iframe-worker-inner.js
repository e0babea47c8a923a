/* Runs inside the hidden frame that stands in for a Web Worker over file://
 * (vendor/iframe-worker-shim.js, from the npm package iframe-worker, MIT): the code the shim
 * used to write into the frame inline, as a file, so that the Content-Security-Policy can forbid
 * inline scripts. The worker's URL comes from this script's data-url attribute. */
(() => {
  "use strict";

  const url = document.currentScript.dataset.url;
  window.postMessage = (message, origin) => parent.postMessage(message, origin || "*");
  window.importScripts = (...sources) => sources.reduce((loaded, source) => loaded.then(() => new Promise((resolve) => {
    const script = document.createElement("script");
    script.src = source;
    script.onload = resolve;
    document.body.appendChild(script);
  })), Promise.resolve());
  addEventListener("error", ({ error }) => {
    parent.dispatchEvent(new ErrorEvent("error", { filename: url, error }));
  });
})();
