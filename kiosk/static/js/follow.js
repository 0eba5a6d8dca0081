/* Theo dõi hồ sơ (follow a dossier) from a page: the lookup page after the phone check, and the receipt's
 * QR page after the rating. The follower is the chat widget's session on this browser (the same id the
 * widget keeps), so the dossier's news is shown first the next time the assistant is opened on the site.
 *
 * window.MotCuaFollow.bind(token, code) wires the #follow card (#follow-button, #unfollow-button,
 * #follow-status, #follow-error); a card with data-token binds itself on load. */
(function () {
  "use strict";

  function widgetSession() {
    var key = "motcua-chat-sender";
    var id = null;
    try { id = window.localStorage.getItem(key); } catch (e) { /* storage disabled */ }
    if (!id) {
      id = "web-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 10);
      try { window.localStorage.setItem(key, id); } catch (e) { /* this page only */ }
    }
    return id;
  }

  function bind(token, code) {
    var card = document.getElementById("follow");
    var followButton = document.getElementById("follow-button");
    var unfollowButton = document.getElementById("unfollow-button");
    var status = document.getElementById("follow-status");
    var error = document.getElementById("follow-error");
    var english = document.documentElement.lang === "en";
    async function send(path, payload) {
      error.hidden = true;
      payload.channel = "web";
      payload.recipient = widgetSession();
      var response;
      try {
        response = await fetch(path, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(payload),
        });
      } catch (e) {
        error.textContent = english ? "No connection; please try again." : "Chưa kết nối được; vui lòng thử lại.";
        error.hidden = false;
        return null;
      }
      var answer = await response.json().catch(function () { return {}; });
      if (!response.ok) {
        error.textContent = answer.message || (english ? "Please try again." : "Vui lòng thử lại.");
        error.hidden = false;
        return null;
      }
      return answer;
    }
    followButton.onclick = async function () {
      if (await send("/api/v1/follows", { token: token })) {
        status.textContent = english
          ? "Following this dossier: its news will show when you open the assistant on this site."
          : "Đang theo dõi hồ sơ này: thông báo sẽ hiện khi ông/bà mở khung trợ lý trên trang.";
        followButton.hidden = true;
        unfollowButton.hidden = !code;
      }
    };
    unfollowButton.onclick = async function () {
      if (await send("/api/v1/follows/stop", { code: code })) {
        status.textContent = english ? "You no longer follow this dossier." : "Đã hủy theo dõi hồ sơ này.";
        unfollowButton.hidden = true;
        followButton.hidden = false;
      }
    };
    card.hidden = false;
  }

  window.MotCuaFollow = { bind: bind };
  var card = document.getElementById("follow");
  if (card && card.dataset.token) { bind(card.dataset.token, card.dataset.code || ""); }
})();
