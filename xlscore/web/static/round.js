// Merge and compare on the page: post two sets of files, show the lines, offer the result's download.
// Every text from a file goes into the page through textContent, never as HTML.
"use strict";

(function () {
  const words = JSON.parse(document.getElementById("words").textContent);
  const token = document.querySelector('meta[name="xlscore-token"]').content;
  const lang = document.querySelector('meta[name="xlscore-lang"]').content;

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function wire(formId, url, resultId) {
    const form = document.getElementById(formId);
    const out = document.getElementById(resultId);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      out.textContent = words.round_working;
      const response = await fetch(url + "?lang=" + lang,
        { method: "POST", body: new FormData(form), headers: { "X-Xlscore-Token": token } });
      let data;
      try { data = await response.json(); } catch (e) { data = { message: response.status + " " + response.statusText }; }
      out.textContent = "";
      if (!response.ok) {
        out.appendChild(el("p", words.error_prefix + (data.message || ""), "error"));
        return;
      }
      const lines = data.pairs ? data.pairs.flatMap((pair) => pair.lines).concat(data.unpaired || []) : (data.lines || []);
      out.appendChild(el("pre", lines.join("\n")));
      if (data.download) {
        const link = el("a", words.round_download);
        link.href = data.download;
        out.appendChild(link);
      }
    });
  }

  wire("merge-form", "api/merge", "merge-result");
  wire("compare-form", "api/compare", "compare-result");
})();
