/* Today's ratings, live: fetch the tables again every few seconds (the page's data-refresh-ms); a
 * failed fetch leaves the last figures on screen. */
(function () {
  "use strict";
  var box = document.getElementById("live");
  if (!box) {
    return;
  }
  setInterval(function () {
    fetch(box.dataset.url, { cache: "no-store", credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { box.innerHTML = html; })
      .catch(function () {});
  }, Number(box.dataset.refreshMs));
})();
