// Counter intake: search the catalogue (/api/v1/procedures), pick a procedure, tick its documents.
(function () {
  "use strict";
  const search = document.getElementById("procedure-search");
  const results = document.getElementById("procedure-results");
  const codeInput = document.getElementById("procedure-code");
  const nameLine = document.getElementById("procedure-name");
  const documents = document.getElementById("documents");
  let timer = null;
  // The documents ticked before the server refused the form (a validation error): ticked again once.
  let ticked = new Set(JSON.parse(documents.dataset.ticked || "[]"));

  async function fetchJson(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    return response.ok ? response.json() : null;
  }

  async function pick(code) {
    const procedure = await fetchJson(`/api/v1/procedures/${encodeURIComponent(code)}`);
    if (!procedure) return;
    codeInput.value = procedure.code;
    nameLine.textContent = `${procedure.code} — ${procedure.name}`;
    results.replaceChildren();
    const items = procedure.documents.filter((doc) => doc.kind !== "ghi_chu");
    documents.replaceChildren(...items.map((doc) => {
      const label = document.createElement("label");
      label.className = "check";
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = "documents";
      box.value = doc.name;
      box.checked = ticked.has(doc.name);
      label.append(box, ` ${doc.name}${doc.copy_type ? " (" + (doc.quantity || 1) + " " + doc.copy_type + ")" : ""}`);
      return label;
    }));
    ticked = new Set();
  }

  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = search.value.trim();
      if (q.length < 2) { results.replaceChildren(); return; }
      const level = document.body.dataset.unitLevel || "";
      const body = await fetchJson(`/api/v1/procedures?q=${encodeURIComponent(q)}&limit=8${level ? "&level=" + level : ""}`);
      if (!body) return;
      results.replaceChildren(...body.items.map((item) => {
        const li = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = `${item.code} — ${item.name}`;
        button.addEventListener("click", () => pick(item.code));
        li.append(button);
        return li;
      }));
    }, 200);
  });

  if (codeInput.value) pick(codeInput.value);
  codeInput.addEventListener("change", () => pick(codeInput.value.trim()));
})();
