/* Material's light/dark switch is two hidden radio buttons and the label of the other one on
 * show. Material leaves both unchecked when a page loads, so Tab lands on the first ("Switch to
 * dark mode") in either mode, and in dark mode Space on it switches to light. The radio button of
 * the palette in use is checked: Tab lands on it, and a screen reader hears the name of the
 * switch on show. (Checking it fires no change event: the palette stays as it is.) */
(() => {
  "use strict";

  const form = document.querySelector("form[data-md-component=palette]");
  const scheme = document.body.dataset.mdColorScheme;
  if (!form || !scheme || form.querySelector(".md-option:checked")) return;
  const current = [...form.querySelectorAll(".md-option")].find((option) => option.dataset.mdColorScheme === scheme);
  if (current) current.checked = true;
})();
