/* Preloads the font files this page's text uses, which hooks/fonts.py lists in
   <meta name="hb-font-preloads">, so that the text is laid out once, in its own font, and does
   not jump when the fonts arrive (overrides/main.html loads this script in <head>, before the
   stylesheets).

   A preload is used only if it is requested the way the stylesheet will request the font: in
   CORS mode over HTTP, and without CORS over file://, where Chromium refuses CORS requests but
   loads a stylesheet's fonts all the same. A static <link rel="preload"> can do only one of the
   two, so the links are made here. */
(() => {
  "use strict";

  const list = document.querySelector('meta[name="hb-font-preloads"]');
  if (!list) return;
  for (const href of list.content.split(" ").filter(Boolean)) {
    const link = document.createElement("link");
    link.rel = "preload";
    link.as = "font";
    link.type = "font/woff2";
    link.href = href;
    if (location.protocol !== "file:") link.crossOrigin = "anonymous";
    document.head.appendChild(link);
  }
})();
