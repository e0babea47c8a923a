/* What some worksheets show from their answers: the risk matrix, the incident timeline, the
 * capacity counts, the plan's review reminder, the emergency-contacts picker and wallet card.
 * The fields each one reads are declared below (@needs <worksheet> <field or repeat.field> …);
 * hooks/worksheets.py checks them against the declarations, so the build fails when a
 * worksheet lacks one. Pure parts are exported to Node (tests/js); sets
 * window.hbWorksheets.outputs in the page.
 *
 * @needs risk-assessment risks.what risks.probability risks.impact
 * @needs incident-log incidents.date incidents.what incidents.place
 * @needs capacities-checklist own.item own.group own.in_place
 * @needs security-plan date next_review
 * @needs emergency-contacts contacts.name contacts.phone contacts.other
 */
((root) => {
  "use strict";

  const DAY_MS = 86400000;
  const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

  const isoDate = (time) => new Date(time).toISOString().slice(0, 10);

  /* Risks with their list number, most serious first (probability × impact, then probability). */
  function riskOrder(risks) {
    return risks.map((risk, index) => ({ number: index + 1, what: risk.what || "",
      probability: Number(risk.probability) || 0, impact: Number(risk.impact) || 0 }))
      .sort((a, b) => b.probability * b.impact - a.probability * a.impact || b.probability - a.probability || a.number - b.number);
  }

  /* The latest run of at least `count` dates within `days` days, or null. */
  function findCluster(dates, count, days) {
    const times = dates.filter((date) => ISO_DATE.test(date)).map((date) => Date.parse(`${date}T00:00:00Z`))
      .filter((time) => !Number.isNaN(time)).sort((a, b) => a - b);
    let found = null;
    for (let start = 0, end = 0; end < times.length; end += 1) {
      while (times[end] - times[start] >= days * DAY_MS) start += 1;
      if (end - start + 1 >= count) found = { count: end - start + 1, from: times[start], to: times[end] };
    }
    return found && { count: found.count, from: isoDate(found.from), to: isoDate(found.to) };
  }

  const pure = { isoDate, riskOrder, findCluster };
  if (typeof module === "object" && module.exports) {
    module.exports = pure;
    return;
  }

  /* ----- in the page: `page` gives config, text, language, readAnswers, addRow, changed ----- */

  const { element, button, svg, fill, rowsOf } = root.hbWorksheets.form;
  /* Numbers, dates (day month year) and "label: value" as the page's language writes them (typography.js). */
  const local = {
    digits: (value) => root.hbTypography.digits(value),
    date: (iso) => root.hbTypography.date(iso),
    label: (name, value) => root.hbTypography.label(name, value),
  };
  const heading = (content) => element("p", { class: "hb-ws__output-title" }, content);

  /* The risk matrix: each box in the shade of its level in the risk grid (docs/risk-grid.yml),
   * which the build puts in the schema of the part that rates the risks: grid[probability - 1][impact - 1]. */
  function riskMatrix(page, sheet, risks) {
    const { text, config } = page;
    const { grid } = sheet.schema.parts.find((part) => part.grid);
    const cell = 64, axis = 120, top = 40, size = 5 * cell;
    const ordered = riskOrder(risks);
    const figure = element("figure", { class: "hb-ws-matrix" });
    const drawing = svg("svg", { viewBox: `0 0 ${axis + size + 10} ${top + size + 50}`, role: "img", "aria-labelledby": "hb-ws-matrix-title" });
    drawing.append(svg("title", { id: "hb-ws-matrix-title" }, text.ws_matrix_title));
    drawing.append(svg("text", { x: axis + size / 2, y: 16, class: "hb-ws-matrix__axis" }, `${text.ws_impact} →`));
    drawing.append(svg("text", { x: 4, y: 16, class: "hb-ws-matrix__axis hb-ws-matrix__axis--start" }, `${text.ws_probability} ↓`));
    for (let impact = 1; impact <= 5; impact += 1) {
      drawing.append(svg("text", { x: axis + (impact - 0.5) * cell, y: top - 6, class: "hb-ws-matrix__label" }, config.levels[impact - 1]));
    }
    for (let probability = 5; probability >= 1; probability -= 1) {
      const y = top + (5 - probability) * cell;
      drawing.append(svg("text", { x: axis - 6, y: y + cell / 2, class: "hb-ws-matrix__label hb-ws-matrix__label--row" }, config.levels[probability - 1]));
      for (let impact = 1; impact <= 5; impact += 1) {
        const x = axis + (impact - 1) * cell;
        const group = svg("g", { "data-cell": `p${probability}-i${impact}` });
        group.append(svg("rect", { x, y, width: cell, height: cell, class: `hb-lvl-${grid[probability - 1][impact - 1]}` }));
        const here = ordered.filter((risk) => risk.probability === probability && risk.impact === impact).map((risk) => risk.number);
        group.append(svg("text", { x: x + cell / 2, y: y + cell / 2, class: "hb-ws-matrix__risks" }, here.map(local.digits).join(", ")));
        drawing.append(group);
      }
    }
    figure.append(drawing, element("figcaption", {}, text.ws_matrix_caption));
    const list = element("ol", { class: "hb-ws-risk-order" });
    for (const risk of ordered) {
      const rated = risk.probability && risk.impact
        ? `${local.label(text.ws_probability, config.levels[risk.probability - 1])}, ${local.label(text.ws_impact, config.levels[risk.impact - 1])}`
        : text.ws_not_rated;
      list.append(element("li", { value: String(risk.number) }, `${risk.what || "…"} (${rated})`));
    }
    return [figure, heading(text.ws_risk_order), list];
  }

  function timeline(page, incidents) {
    const { text, config } = page;
    const dated = incidents.map((incident, index) => ({ ...incident, number: index + 1 }))
      .filter((incident) => ISO_DATE.test(incident.date || "")).sort((a, b) => a.date.localeCompare(b.date));
    const nodes = [heading(text.ws_timeline_title)];
    if (!dated.length) nodes.push(element("p", {}, text.ws_timeline_empty));
    const list = element("ol", { class: "hb-ws-timeline", "data-timeline": "" });
    for (const incident of dated) {
      const item = element("li");
      item.append(element("time", { datetime: incident.date }, local.date(incident.date)), document.createTextNode(
        ` ${incident.what || "…"}${incident.place ? ` (${incident.place})` : ""}`));
      list.append(item);
    }
    if (dated.length) nodes.push(list);
    const cluster = findCluster(dated.map((incident) => incident.date), config.clusterCount, config.clusterDays);
    if (cluster) {
      const warning = element("div", { class: "admonition warning hb-ws-cluster", "data-cluster-warning": "", role: "alert" });
      warning.append(element("p", {}, fill(text.ws_cluster, { ...cluster, from: local.date(cluster.from),
        to: local.date(cluster.to), days: config.clusterDays })));
      const line = element("p");
      line.append(element("a", { href: config.planUrl }, text.ws_cluster_link));
      warning.append(line);
      nodes.push(warning);
    }
    return nodes;
  }

  function capacityCounts(page, sheet, answers) {
    const own = answers.rows.own || [];
    const list = element("ul", { class: "hb-ws-counts", "data-counts": "" });
    for (const [group, names] of Object.entries(sheet.schema.groups)) {
      const boxes = names.filter((name) => sheet.schema.fields[name] && sheet.schema.fields[name].type === "checkbox");
      const mine = own.filter((row) => row.group === group && row.item);
      const done = boxes.filter((name) => answers.fields[name] === true).length + mine.filter((row) => row.in_place).length;
      const legend = sheet.root.querySelector(`fieldset[data-group="${CSS.escape(group)}"] > legend`);
      list.append(element("li", { "data-count": group },
        local.label(legend ? legend.textContent : group, fill(page.text.ws_count, { done, total: boxes.length + mine.length }))));
    }
    return [heading(page.text.ws_counts_title), list];
  }

  function planNotes(page, answers) {
    const { date, next_review: next } = answers.fields;
    if (date && next && Date.parse(next) - Date.parse(date) > 366 * DAY_MS) {
      return [element("p", { class: "hb-ws__note", "data-review-warning": "" }, page.text.ws_review_due)];
    }
    return [];
  }

  function directoryPicker(page, sheet) {
    const id = `${sheet.id}-directory`;
    const select = element("select", { id, autocomplete: "off" });
    for (const [index, entry] of (page.config.directory || []).entries()) {
      const phone = entry.phones[0] || entry.emails[0] || "";
      select.append(element("option", { value: String(index) }, phone ? `${entry.name} — ${phone}` : entry.name));
    }
    const wrapper = element("div", { class: "hb-ws__field hb-ws__picker" });
    wrapper.append(element("label", { for: id }, page.text.ws_directory_label), select,
      button(page.text.ws_directory_add, { "data-action": "add-contact" }), button(page.text.ws_print_card, { "data-action": "print-card" }));
    return [wrapper];
  }

  function addContact(page, sheet) {
    const entry = (page.config.directory || [])[Number(sheet.root.querySelector(`#${sheet.id}-directory`).value)];
    if (!entry) return;
    const part = sheet.root.querySelector('[data-rows="contacts"]');
    const empty = rowsOf(part).find((row) => [...row.querySelectorAll("[data-field]")].every((control) => !control.value));
    const row = empty || page.addRow(part);
    const values = { name: entry.name, phone: entry.phones[0] || "", other: entry.emails[0] || "" };
    for (const control of row.querySelectorAll("[data-field]")) {
      if (control.dataset.field in values) control.value = values[control.dataset.field];
    }
    page.changed(sheet);
  }

  function buildCard(page, sheet) {
    const card = element("div", { class: "hb-ws-card" });
    card.append(element("p", { class: "hb-ws-card__title" }, page.text.ws_card_title));
    const list = element("dl");
    for (const contact of page.readAnswers(sheet).rows.contacts || []) {
      if (!contact.name && !contact.phone) continue;
      list.append(element("dt", {}, contact.name || ""), element("dd", {}, [contact.phone, contact.other].filter(Boolean).join(" · ")));
    }
    card.append(list);
    sheet.root.querySelector(".hb-ws-card")?.remove();
    sheet.root.append(card);
  }

  /* Redraws what a worksheet shows from its answers. */
  function render(page, sheet) {
    const output = sheet.root.querySelector("[data-output]");
    const answers = page.readAnswers(sheet);
    if (sheet.id === "risk-assessment") output.replaceChildren(...riskMatrix(page, sheet, answers.rows.risks || []));
    else if (sheet.id === "incident-log") output.replaceChildren(...timeline(page, answers.rows.incidents || []));
    else if (sheet.id === "capacities-checklist") output.replaceChildren(...capacityCounts(page, sheet, answers));
    else if (sheet.id === "security-plan") output.replaceChildren(...planNotes(page, answers));
    else if (sheet.id === "emergency-contacts" && !output.firstChild) output.append(...directoryPicker(page, sheet));
  }

  root.hbWorksheets.outputs = { ...pure, render, addContact, buildCard };
})(typeof window === "object" ? window : globalThis);
