/* Behaviour every page may use, kept out of the HTML so the Content-Security-Policy needs no
 * 'unsafe-inline': <button data-print> prints the page; <select data-autosubmit> sends its form. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print]");
    if (button) {
      event.preventDefault();
      window.print();
    }
  });
  document.addEventListener("change", function (event) {
    var select = event.target.closest("select[data-autosubmit]");
    if (select && select.form) {
      select.form.submit();
    }
  });
})();
