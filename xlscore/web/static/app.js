// The page's behaviour: generate a form, upload files to check, follow the batch, show its results.
// Every text from a file goes into the page through textContent, never as HTML.
"use strict";

(function () {
  const words = JSON.parse(document.getElementById("words").textContent);
  const token = document.querySelector('meta[name="xlscore-token"]').content;
  const lang = document.querySelector('meta[name="xlscore-lang"]').content;
  const POLL_MS = 400;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : "?"));
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function post(url, body) {
    return fetch(url + "?lang=" + lang, { method: "POST", body: body, headers: { "X-Xlscore-Token": token } });
  }

  async function errorText(response) {
    try {
      const data = await response.json();
      return [data.message || ""].concat(data.problems || []).join("\n");
    } catch (e) {
      return response.status + " " + response.statusText;
    }
  }

  function saveBlob(blob, name) {
    const link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  function fileName(response, fallback) {
    const header = response.headers.get("content-disposition") || "";
    const match = header.match(/filename\*=utf-8''([^;]+)/i);
    return match ? decodeURIComponent(match[1]) : fallback;
  }

  // --- generate -----------------------------------------------------------------------------
  const generateForm = document.getElementById("generate-form");
  const generateResult = document.getElementById("generate-result");
  generateForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    generateResult.textContent = "";
    generateResult.className = "";
    const response = await post("generate", new FormData(generateForm));
    if (!response.ok) {
      generateResult.className = "error";
      generateResult.textContent = words.error_prefix + (await errorText(response));
      return;
    }
    const name = fileName(response, "form.xlsx");
    saveBlob(await response.blob(), name);
    generateResult.textContent = fill(words.generated, { file: name });
  });

  // --- check --------------------------------------------------------------------------------
  const zone = document.getElementById("drop-zone");
  const input = document.getElementById("files");
  const results = document.getElementById("results");
  const body = results.querySelector("tbody");
  const progressBox = document.getElementById("progress-box");
  const progress = document.getElementById("progress");
  const progressText = document.getElementById("progress-text");
  const checkError = document.getElementById("check-error");
  const downloads = document.getElementById("downloads");

  ["dragenter", "dragover"].forEach((type) => zone.addEventListener(type, (event) => {
    event.preventDefault();
    zone.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((type) => zone.addEventListener(type, () => zone.classList.remove("over")));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) upload(event.dataTransfer.files);
  });
  input.addEventListener("change", () => { if (input.files.length) upload(input.files); input.value = ""; });

  async function upload(files) {
    const form = new FormData();
    for (const file of files) form.append("files", file, file.name);
    const roster = document.getElementById("roster");
    if (roster.files.length) form.append("roster", roster.files[0], roster.files[0].name);
    body.replaceChildren();
    checkError.textContent = "";
    results.hidden = true;
    downloads.hidden = true;
    document.getElementById("summary").hidden = true;
    progressBox.hidden = false;
    progress.removeAttribute("value");
    progressText.textContent = fill(words.uploading, { percent: 0 });
    let reply;
    try {
      reply = await sendWithProgress("api/check", form, (loaded, total) => {
        progress.max = total;
        progress.value = loaded;
        progressText.textContent = fill(words.uploading, { percent: Math.floor((100 * loaded) / total) });
      });
    } catch (e) {
      checkError.textContent = words.error_prefix + e.message;
      progressBox.hidden = true;
      return;
    }
    let data = {};
    try { data = JSON.parse(reply.responseText); } catch (e) { data = { message: reply.status + " " + reply.statusText }; }
    if (reply.status !== 200) {
      checkError.textContent = words.error_prefix + [data.message || ""].concat(data.problems || []).join("\n");
      progressBox.hidden = true;
      return;
    }
    follow(data);
  }

  // An upload of hundreds of files takes a while: XMLHttpRequest reports its progress, fetch does not.
  function sendWithProgress(url, body, onProgress) {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open("POST", url + "?lang=" + lang);
      request.setRequestHeader("X-Xlscore-Token", token);
      request.upload.addEventListener("progress", (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded, event.total);
      });
      request.addEventListener("load", () => resolve(request));
      request.addEventListener("error", () => reject(new Error(request.statusText || "network error")));
      request.send(body);
    });
  }

  function follow(state) {
    results.hidden = false;
    state.refused.forEach((entry) => body.appendChild(refusedRow(entry)));
    let seen = 0;
    const step = async () => {
      const response = await fetch("api/batches/" + encodeURIComponent(state.id) + "?since=" + seen);
      if (!response.ok) { checkError.textContent = words.error_prefix + (await errorText(response)); return; }
      const now = await response.json();
      now.files.forEach((row) => body.appendChild(fileRow(state.id, row)));
      seen += now.files.length;
      progress.max = Math.max(now.total, 1);
      progress.value = now.done;
      progressText.textContent = fill(now.finished ? words.finished : words.progress, { done: now.done, total: now.total });
      if (now.finished) finish(state.id, now); else setTimeout(step, POLL_MS);
    };
    step();
  }

  function statusCell(status, text) {
    return el("td", text || words["status_" + status] || status, "status " + status);
  }

  function refusedRow(entry) {
    const row = el("tr", null, "refused");
    row.appendChild(el("td", entry.file));
    row.appendChild(el("td", ""));
    row.appendChild(statusCell("unreadable"));
    const message = el("td", entry.message, "message");
    message.colSpan = 3;
    row.appendChild(message);
    return row;
  }

  function fileRow(batch, data) {
    const row = el("tr", null, "file " + data.status);
    row.dataset.index = data.index;
    row.appendChild(el("td", data.file, "name"));
    row.appendChild(el("td", data.unit || ""));
    row.appendChild(statusCell(data.status, data.status_text));
    if (data.message !== undefined) {
      const message = el("td", data.message, "message");
      message.colSpan = 3;
      row.appendChild(message);
      return row;
    }
    row.appendChild(el("td", data.totals.map((t) => t.pass + " " + t.grand).join(" / "), "totals"));
    row.appendChild(el("td", [data.counts.error, data.counts.warning, data.counts.info].join(" / "), "counts"));
    const actions = el("td", null, "actions");
    if (data.findings > 0) actions.appendChild(findingsToggle(batch, data, row));
    if (data.copy) {
      const link = el("a", words.download_copy);
      link.href = "batches/" + encodeURIComponent(batch) + "/files/" + data.index + "/copy";
      actions.appendChild(link);
    }
    if (data.copy_error) actions.appendChild(el("span", data.copy_error, "error"));
    row.appendChild(actions);
    return row;
  }

  function findingsToggle(batch, data, row) {
    const button = el("button", words.show_findings, "toggle");
    button.type = "button";
    button.setAttribute("aria-expanded", "false");
    let detail = null;
    button.addEventListener("click", async () => {
      if (detail) {
        detail.remove();
        detail = null;
        button.textContent = words.show_findings;
        button.setAttribute("aria-expanded", "false");
        return;
      }
      const response = await fetch("api/batches/" + encodeURIComponent(batch) + "/files/" + data.index + "/findings");
      if (!response.ok) return;
      detail = findingsRow(await response.json());
      row.after(detail);
      button.textContent = words.hide_findings;
      button.setAttribute("aria-expanded", "true");
    });
    return button;
  }

  function findingsRow(table) {
    const row = el("tr", null, "findings");
    const cell = el("td");
    cell.colSpan = 6;
    const grid = el("table", null, "findings-table");
    const head = el("tr");
    table.columns.forEach((name) => head.appendChild(el("th", name)));
    grid.appendChild(el("thead")).appendChild(head);
    const rows = el("tbody");
    table.rows.forEach((values, n) => {
      const line = el("tr", null, table.severity[n] || "");
      values.forEach((value) => line.appendChild(el("td", value)));
      rows.appendChild(line);
    });
    if (!table.rows.length) rows.appendChild(el("tr")).appendChild(el("td", words.no_findings));
    grid.appendChild(rows);
    cell.appendChild(grid);
    row.appendChild(cell);
    return row;
  }

  function finish(batch, state) {
    downloads.hidden = false;
    const base = "batches/" + encodeURIComponent(batch);
    document.getElementById("download-all").href = base + "/copies";
    const summaryLink = document.getElementById("download-summary");
    summaryLink.hidden = !state.summary;
    summaryLink.href = base + "/summary";
    const section = document.getElementById("summary");
    section.hidden = !state.summary;
    if (!state.summary) return;
    const returns = state.summary.returns;
    document.getElementById("returns-title").hidden = !returns;
    document.getElementById("returns-table").hidden = !returns;
    if (returns) fillTable("returns", returns);
    fillTable("summary", state.summary.units);
    fillTable("rates", state.summary.rates || { title: "", columns: [], rows: [] });
  }

  function fillTable(name, view) {
    document.getElementById(name + "-title").textContent = view.title;
    const table = document.getElementById(name + "-table");
    const head = el("tr");
    view.columns.forEach((column) => head.appendChild(el("th", column)));
    table.querySelector("thead").replaceChildren(head);
    const rows = table.querySelector("tbody");
    rows.replaceChildren();
    view.rows.forEach((values) => {
      const line = el("tr");
      values.forEach((value) => line.appendChild(el("td", value)));
      rows.appendChild(line);
    });
  }
})();
