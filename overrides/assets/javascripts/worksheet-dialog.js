/* Dialogs in the page (never window.prompt): a title, a text, an optional warning, passphrase
 * fields, and buttons. A new passphrase shows its strength as it is typed and offers "Suggest a
 * passphrase" (worksheet-passphrase.js); weak ones are refused with the reason.
 * Sets window.hbWorksheets.dialog = { ask }. */
(() => {
  "use strict";

  const { element, button, fill } = window.hbWorksheets.form;
  const rules = window.hbWorksheets.passphrase;
  let open = false;

  /* The strength line under a new passphrase, updated as the user types. */
  function strengthMeter(text, lists, input) {
    const meter = element("p", { class: "hb-ws-strength", "aria-live": "polite", "data-strength": "" });
    const update = () => {
      if (!input.value) {
        meter.textContent = "";
        meter.dataset.level = "";
        return;
      }
      const verdict = rules.judge(input.value, lists);
      meter.dataset.level = String(verdict.level);
      meter.textContent = window.hbTypography.label(text.ws_strength, text.ws_strength_levels[verdict.level]);
    };
    input.addEventListener("input", update);
    return { meter, update };
  }

  /* Resolves to the typed values (or true), or null when cancelled. `check` may return a message
   * to show in the dialog (which then stays open). `choices` adds buttons resolving to a name. */
  function ask(text, lists, { title, text: body, warning, passphrase, confirm, check, choices = [], danger = false }) {
    if (open) return Promise.resolve(null);
    open = true;
    const opener = document.activeElement;
    // md-typeset: Material styles buttons (and text) only inside it.
    const dialog = element("dialog", { class: "hb-ws-dialog md-typeset", "aria-labelledby": "hb-ws-dialog-title" });
    dialog.append(element("h2", { id: "hb-ws-dialog-title" }, title));
    if (body) dialog.append(element("p", {}, body));
    if (warning) dialog.append(element("p", { class: "hb-ws-dialog__warning" }, warning));
    const inputs = [];
    const labels = passphrase === "new" ? [text.ws_passphrase, text.ws_passphrase_repeat] : passphrase ? [text.ws_passphrase] : [];
    labels.forEach((label, index) => {
      const input = element("input", { type: "password", name: "passphrase", id: `hb-ws-passphrase-${index}`,
        autocomplete: passphrase === "new" ? "new-password" : "current-password", spellcheck: "false" });
      const field = element("div", { class: "hb-ws__field" });
      field.append(element("label", { for: input.id }, label), input);
      dialog.append(field);
      inputs.push(input);
    });
    let strength = null;
    if (passphrase === "new") {
      strength = strengthMeter(text, lists, inputs[0]);
      const suggestion = element("p", { class: "hb-ws-suggestion", "aria-live": "polite" });
      const suggestButton = button(text.ws_suggest, { "data-action": "suggest" });
      suggestButton.addEventListener("click", () => {
        const words = rules.suggest(lists.words);
        suggestion.replaceChildren(element("strong", { lang: document.documentElement.lang, "data-suggestion": "" }, words),
          element("span", {}, ` ${text.ws_suggest_advice}`));
        for (const input of inputs) input.value = words;
        strength.update();
      });
      dialog.append(strength.meter, element("p", { class: "hb-ws__help" }, fill(text.ws_passphrase_hint, { min: rules.MIN_LENGTH })),
        suggestButton, suggestion);
    }
    const error = element("p", { class: "hb-ws-dialog__error", role: "alert" });
    const buttons = element("div", { class: "hb-ws-dialog__buttons" });
    const confirmButton = button(confirm, { class: `md-button md-button--primary${danger ? " hb-ws-danger" : ""}`, "data-action": "confirm" });
    const cancel = button(text.ws_cancel, { "data-action": "cancel" });
    const extra = choices.map((choice) => button(choice.label, { "data-choice": choice.name }));
    buttons.append(confirmButton, ...extra, cancel);
    dialog.append(error, buttons);
    document.body.append(dialog);
    return new Promise((resolve) => {
      const finish = (value) => {
        for (const input of inputs) input.value = "";
        dialog.close();
        dialog.remove();
        open = false;
        if (opener && opener.isConnected) opener.focus();
        resolve(value);
      };
      const refusal = (value) => {
        if (passphrase !== "new") return passphrase && !value ? text.ws_passphrase : null;
        const verdict = rules.judge(value, lists);
        if (!verdict.ok) return fill(text[`ws_passphrase_${verdict.reason}`], { min: rules.MIN_LENGTH });
        return inputs[1].value !== value ? text.ws_passphrase_mismatch : null;
      };
      const submit = async () => {
        const values = { passphrase: inputs[0] ? inputs[0].value : "" };
        const refused = refusal(values.passphrase);
        if (refused) error.textContent = refused;
        else {
          error.textContent = check ? text.ws_working : "";
          buttons.inert = true;
          const problem = check ? await check(values) : null;
          buttons.inert = false;
          if (!problem) return finish(passphrase ? values : true);
          error.textContent = problem;
        }
        if (inputs[0]) inputs[0].select();
      };
      confirmButton.addEventListener("click", submit);
      cancel.addEventListener("click", () => finish(null));
      extra.forEach((choice) => choice.addEventListener("click", () => finish(choice.dataset.choice)));
      dialog.addEventListener("cancel", (event) => {
        event.preventDefault();
        finish(null);
      });
      dialog.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && event.target.tagName === "INPUT") {
          event.preventDefault();
          submit();
        }
      });
      dialog.showModal();
      (inputs[0] || confirmButton).focus();
    });
  }

  window.hbWorksheets.dialog = { ask };
})();
