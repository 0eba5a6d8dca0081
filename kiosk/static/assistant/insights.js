/* /quan-ly/tro-ly: under each missed question, the procedure-code box offers the catalogue's best matches
 * for that question (the public search, GET /api/v1/procedures), fetched once when the box is first used.
 * A file of its own: the pages' CSP has no 'unsafe-inline'. Without script the manager types the code. */
(function () {
  "use strict";

  function offer(form) {
    var box = form.querySelector("input[name=procedure]");
    var list = document.getElementById(box.getAttribute("list"));
    if (!list || form.dataset.offered) return;
    form.dataset.offered = "1";
    var query = new URLSearchParams({ q: (form.dataset.question || "").slice(0, 500), limit: "5" });
    fetch("/api/v1/procedures?" + query.toString(), { credentials: "same-origin" })
      .then(function (answer) { return answer.ok ? answer.json() : { items: [] }; })
      .then(function (body) {
        (body.items || []).forEach(function (item) {
          var option = document.createElement("option");
          option.value = item.code;
          option.textContent = item.code + " — " + item.name;
          list.appendChild(option);
        });
        form.dataset.ready = "1";
      })
      .catch(function () { form.dataset.ready = "1"; });
  }

  document.addEventListener("focusin", function (event) {
    var form = event.target.closest && event.target.closest("form.teach");
    if (form && event.target.name === "procedure") offer(form);
  });
  document.documentElement.dataset.insightsReady = "1";
})();
