/* Numbers and dates written the way the page's language writes them (hooks/typography.py puts
   the language's digits, month names and date format in #hb-typography). Other scripts call
   window.hbTypography; Material's search result count is rewritten here. Classic script. */
(function () {
  "use strict";
  const source = document.getElementById("hb-typography");
  const config = source ? JSON.parse(source.textContent) : { digits: "0123456789", separator: ": " };
  const ascii = /[0-9]/g;

  /* "12" → "១២" on Khmer pages; anything else is left as it is. */
  const digits = (value) => String(value).replace(ascii, (digit) => config.digits[Number(digit)]);

  /* "2018-11-27" → "27 November 2018" / "ថ្ងៃទី២៧ ខែវិច្ឆិកា ឆ្នាំ២០១៨"; other text unchanged. */
  function date(iso) {
    const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso));
    if (!parts || !config.months) return String(iso);
    const [, year, month, day] = parts;
    return digits(config.dateFormat.replace("{day}", Number(day)).replace("{month}", config.months[Number(month) - 1])
      .replace("{year}", year));
  }

  /* 2 → "February" / "កុម្ភៈ". */
  const month = (number) => (config.months ? config.months[number - 1] : String(number));

  /* "Probability" + "high" → "Probability: high" / "លទ្ធភាពកើតឡើង៖ ខ្ពស់". */
  const label = (name, value) => `${name}${config.separator}${value}`;

  window.hbTypography = { digits, date, month, label };

  /* Material writes the number of search results with ASCII digits into its own strings. */
  if (config.digits === "0123456789") return;
  const localize = (root) => {
    for (const counter of root.querySelectorAll(".md-search-result__meta, .md-search-result__more summary")) {
      const walker = document.createTreeWalker(counter, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = digits(node.data);
        if (text !== node.data) node.data = text;
      }
    }
  };
  const start = () => {
    const results = document.querySelector(".md-search-result");
    if (!results) return;
    localize(results);
    new MutationObserver(() => localize(results)).observe(results, { childList: true, subtree: true, characterData: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
