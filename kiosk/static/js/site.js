/* Behaviour every page may use, kept out of the HTML so the Content-Security-Policy needs no
 * 'unsafe-inline': <button data-print> prints the page; <select data-autosubmit> sends its form;
 * <button data-chat-open> opens the assistant's chat, <button data-chat-say="..."> opens it and says that. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print]");
    if (button) {
      event.preventDefault();
      window.print();
      return;
    }
    var chat = event.target.closest("[data-chat-open], [data-chat-say]");
    if (chat && window.MotCuaChat) {
      event.preventDefault();
      window.MotCuaChat.open();
      if (chat.hasAttribute("data-chat-say")) { window.MotCuaChat.say(chat.getAttribute("data-chat-say")); }
    }
  });
  document.addEventListener("change", function (event) {
    var select = event.target.closest("select[data-autosubmit]");
    if (select && select.form) {
      select.form.submit();
    }
  });
})();
