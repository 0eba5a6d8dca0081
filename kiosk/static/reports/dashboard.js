// Manager dashboard: show only the period fields that apply, reveal and copy the news paragraph.
(function () {
  "use strict";
  var kind = document.getElementById("period-kind");
  function showFields() {
    document.querySelectorAll("#report-form [data-kinds]").forEach(function (label) {
      label.hidden = label.dataset.kinds.split(" ").indexOf(kind.value) < 0;
    });
  }
  if (kind) { kind.addEventListener("change", showFields); showFields(); }

  var show = document.getElementById("show-narrative");
  var box = document.getElementById("narrative-box");
  if (show && box) {
    show.addEventListener("click", function () { box.hidden = false; });
  }
  var copy = document.getElementById("copy-narrative");
  if (copy) {
    copy.addEventListener("click", function () {
      var text = document.getElementById("narrative").textContent;
      if (navigator.clipboard) { navigator.clipboard.writeText(text); }
      copy.textContent = document.documentElement.lang === "en" ? "Copied" : "Đã sao chép";
    });
  }
})();
