/* Trò chuyện với người dân (/quan-ly/tro-chuyen): the officers' inbox, live.
 *
 * The page is served whole and works without this script (forms and links). The script polls the lists
 * (data-lists-url) and the open conversation's messages, and posts the page's forms with fetch (the CSRF
 * token in X-CSRFToken), so nothing reloads while an officer types. Text is put in the page as text,
 * never as HTML. A failed poll keeps what is on screen and tries again at the next tick.
 */
(function () {
  "use strict";
  var inbox = document.getElementById("inbox");
  if (!inbox) { return; }
  var vi = (document.documentElement.lang || "vi").slice(0, 2) !== "en";
  var T = {
    waiting: vi ? "Đang chờ" : "Waiting", open: vi ? "Đang trò chuyện" : "Open",
    closed: vi ? "Đã kết thúc" : "Closed", callback: vi ? "Chờ gọi lại" : "Call back",
    position: vi ? "vị trí" : "position", none: vi ? "Không có cuộc trò chuyện." : "None.",
    citizen: vi ? "Người dân" : "Citizen", assistant: vi ? "Trợ lý ảo" : "Assistant", system: vi ? "Hệ thống" : "System",
    conversation: vi ? "Cuộc trò chuyện" : "Conversation", callBack: vi ? "Số gọi lại" : "Call back",
    question: vi ? "Câu hỏi" : "Question", take: vi ? "Nhận trò chuyện" : "Take",
    reply: vi ? "Trả lời" : "Reply", send: vi ? "Gửi" : "Send",
    close: vi ? "Kết thúc, trả lại trợ lý ảo" : "Close, back to the assistant",
    unreachable: vi ? "Chưa kết nối được trợ lý ảo; hệ thống đang thử lại." : "The assistant cannot be reached; retrying.",
    failed: vi ? "Không thực hiện được. Vui lòng thử lại." : "That did not work. Please try again."
  };
  var csrf = inbox.dataset.csrf;
  var baseUrl = inbox.dataset.baseUrl;
  var chosen = inbox.dataset.chosen || null;
  var shownStatus = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function getJson(url) {
    return fetch(url, { cache: "no-store", credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); });
  }

  function conversationUrl(id, action) {
    return baseUrl + "/" + encodeURIComponent(id) + "/" + action;
  }

  // --- the three lists -------------------------------------------------------------------------------
  function renderLists(data) {
    ["waiting", "open", "closed"].forEach(function (status) {
      var list = document.getElementById("list-" + status);
      var items = data[status] || [];
      list.replaceChildren();
      document.querySelector('[data-count="' + status + '"]').textContent = String(items.length);
      if (!items.length) { list.appendChild(el("li", "muted empty", T.none)); return; }
      items.forEach(function (c) {
        var li = el("li");
        li.dataset.id = String(c.id);
        if (String(c.id) === String(chosen)) { li.className = "chosen"; }
        var label = "#" + c.id + " · " + (T[c.status] || c.status);
        if (c.position) { label += " · " + T.position + " " + c.position; }
        if (c.officer) { label += " · " + c.officer; }
        var link = el("a", null, label);
        link.href = baseUrl + "?unit=" + encodeURIComponent(inbox.dataset.unit) + "&id=" + c.id;
        link.addEventListener("click", function (event) { event.preventDefault(); choose(c.id); });
        li.appendChild(link);
        var detail = c.channel + " · " + (c.created_at || "").slice(11, 16) + (c.question ? " · " + c.question.slice(0, 80) : "");
        li.appendChild(el("span", "muted", detail));
        list.appendChild(li);
      });
    });
  }

  function pollLists() {
    getJson(inbox.dataset.listsUrl).then(renderLists).catch(function () {});
  }

  // --- one conversation ------------------------------------------------------------------------------
  function choose(id) {
    chosen = String(id);
    shownStatus = null;
    history.replaceState(null, "", baseUrl + "?unit=" + encodeURIComponent(inbox.dataset.unit) + "&id=" + chosen);
    pollMessages();
    pollLists();
  }

  function who(m) {
    if (m.from === "officer") { return m.officer || ""; }
    return T[m.from] || m.from;
  }

  function renderMessages(list, messages) {
    var atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 8;
    list.replaceChildren();
    messages.forEach(function (m) {
      var li = el("li", "message from-" + m.from);
      li.dataset.id = String(m.id);
      li.appendChild(el("span", "who", who(m)));
      li.appendChild(el("span", "at", (m.at || "").slice(11, 16)));
      li.appendChild(el("p", "text", m.text));
      if (m.state_label) { li.appendChild(el("span", "state", m.state_label)); }
      list.appendChild(li);
    });
    if (atBottom) { list.scrollTop = list.scrollHeight; }
  }

  function actionForm(action, url, build) {
    var form = el("form");
    form.method = "post";
    form.action = url;
    form.dataset.action = action;
    build(form);
    form.addEventListener("submit", submit);
    return form;
  }

  function renderActions(box, c) {
    box.replaceChildren();
    if (c.status === "waiting" || c.status === "callback") {
      box.appendChild(actionForm("take", conversationUrl(c.id, "nhan"), function (form) {
        form.appendChild(el("button", null, T.take)).type = "submit";
      }));
    }
    if (c.status === "open") {
      box.appendChild(actionForm("reply", conversationUrl(c.id, "tin-nhan"), function (form) {
        form.className = "reply";
        var label = el("label", null, T.reply);
        label.htmlFor = "reply-text";
        var text = el("textarea");
        text.id = "reply-text"; text.name = "text"; text.rows = 3; text.maxLength = 2000; text.required = true;
        form.appendChild(label); form.appendChild(text);
        form.appendChild(el("button", null, T.send)).type = "submit";
      }));
    }
    if (c.status !== "closed") {
      box.appendChild(actionForm("close", conversationUrl(c.id, "ket-thuc"), function (form) {
        var button = form.appendChild(el("button", "secondary", T.close));
        button.type = "submit";
      }));
    }
  }

  function renderConversation(c) {
    var panel = document.getElementById("conversation");
    panel.hidden = false;
    if (shownStatus !== c.status || !panel.querySelector("#messages")) {
      panel.replaceChildren();
      var heading = el("h2", null, T.conversation + " #");
      heading.appendChild(el("span", null, String(c.id))).dataset.field = "id";
      panel.appendChild(heading);
      var line = el("p");
      line.appendChild(el("span", null, T[c.status] || c.status)).dataset.field = "status";
      if (c.officer) { line.appendChild(document.createTextNode(" · ")); line.appendChild(el("span", null, c.officer)).dataset.field = "officer"; }
      line.appendChild(document.createTextNode(" · " + c.channel));
      if (c.contact) { line.appendChild(document.createTextNode(" · " + T.callBack + ": ")); line.appendChild(el("strong", null, c.contact)); }
      panel.appendChild(line);
      if (c.question) { panel.appendChild(el("p", "muted", T.question + ": " + c.question)); }
      panel.appendChild(el("p", "warning", T.unreachable)).dataset.field = "assistant";
      var list = el("ol", "messages");
      list.id = "messages";
      panel.appendChild(list);
      var actions = el("div", "actions");
      panel.appendChild(actions);
      renderActions(actions, c);
      var error = panel.appendChild(el("p", "error"));
      error.setAttribute("role", "alert"); error.dataset.field = "error"; error.hidden = true;
      shownStatus = c.status;
    }
    panel.querySelector('[data-field="assistant"]').hidden = c.assistant_in_step && c.assistant_reachable !== false;
    renderMessages(panel.querySelector("#messages"), c.messages || []);
  }

  function pollMessages() {
    if (!chosen) { return; }
    getJson(conversationUrl(chosen, "tin-nhan")).then(renderConversation).catch(function () {});
  }

  function showError(message) {
    var box = document.querySelector('#conversation [data-field="error"]');
    if (box) { box.textContent = message || T.failed; box.hidden = false; }
  }

  function submit(event) {
    event.preventDefault();
    var form = event.target;
    var button = form.querySelector("button");
    button.disabled = true;
    fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrf }
    })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (body) { return { ok: r.ok, body: body }; });
      })
      .then(function (answer) {
        if (!answer.ok) { showError(answer.body.message); return; }
        if (form.dataset.action === "reply") { form.querySelector("textarea").value = ""; }
        renderConversation(answer.body);
        pollLists();
      })
      .catch(function () { showError(T.failed); })
      .then(function () { button.disabled = false; });
  }

  document.querySelectorAll("#conversation form[data-action]").forEach(function (form) {
    form.addEventListener("submit", submit);
  });
  if (chosen) {
    shownStatus = null;
    pollMessages();
  }
  setInterval(pollLists, Number(inbox.dataset.listMs) || 5000);
  setInterval(pollMessages, Number(inbox.dataset.messagesMs) || 3000);
})();
