/* A chapter's worksheet, shown to read and print next to its explanation (hooks/worksheets.py,
 * filled in on the workbook page): "Print a blank form" prints that worksheet alone. */
(() => {
  "use strict";

  for (const button of document.querySelectorAll(".hb-ws--preview [data-action=print-blank]")) {
    const form = button.closest("form");
    button.hidden = false;
    button.addEventListener("click", () => {
      const html = document.documentElement;
      html.classList.add("hb-printing");
      form.classList.add("hb-print-target");
      const done = () => {
        html.classList.remove("hb-printing");
        form.classList.remove("hb-print-target");
        window.removeEventListener("afterprint", done);
      };
      window.addEventListener("afterprint", done);
      window.print();
    });
  }
})();
