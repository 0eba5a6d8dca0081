/*
 * Một Cửa web chat: the centre's assistant (Rasa REST channel) in a corner of any page.
 *
 * Embed with ONE tag (the stylesheet is loaded from next to this script; no CDN, no dependency):
 *   <script src="https://motcua.example.gov.vn/static/chat/widget.js"
 *           data-rasa-url="https://tro-ly.example.gov.vn" defer></script>
 * Optional attributes: data-title, data-open="1" (start open), data-lang="vi"|"en" (default: the page's lang),
 * The "Hỏi trợ lý" button goes into the page's element marked data-mc-chat-launcher when there is one (the
 * site's header: it then covers nothing); elsewhere it floats in the corner and the page gets room below
 * its content for it. Messages typed while an answer is awaited are queued and sent in order; the last
 * messages are kept in the browser (localStorage: at most HISTORY_SIZE, none older than HISTORY_HOURS, the digits
 * the citizen typed masked) and shown again on the next page, after a reload or in a new tab later, with the
 * same session id.
 * Gặp cán bộ: when the assistant hands the conversation to an officer (its custom {"handoff": {...}} message), the
 * widget polls the app that serves this script (GET /tro-chuyen/phien/<session id>/tin-nhan) every POLL_MS while
 * the hand-off is waiting or open: the place in the queue, the officer's messages under the officer's name, and
 * it stops when the officer closes the conversation (the assistant answers again). A citizen who comes back while
 * the hand-off is still open sees its messages and the polling resumes.
 * data-photo="0" (no photo button; the photo of a receipt is read by the app that serves this script,
 * POST /api/v1/photos/receipt, and the dossier code it finds is sent to the assistant as a message; a photo
 * of the receipt's rating link starts the rating of that dossier instead).
 * The Rasa server must allow the page's origin (rasa run --cors ...).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.MotCuaChat) { return; }

  var STRINGS = {
    vi: {
      title: "Trợ lý Một Cửa", open: "Hỏi trợ lý", close: "Đóng", send: "Gửi",
      placeholder: "Nhập câu hỏi (có dấu hoặc không dấu)…",
      welcome: "Xin chào! Anh/chị cần hỏi giấy tờ, lệ phí, thời gian giải quyết thủ tục hay tình trạng hồ sơ?",
      offline: "Chưa kết nối được trợ lý. Anh/chị vui lòng thử lại sau ít phút.", typing: "Trợ lý đang trả lời…",
      you: "Anh/chị", bot: "Trợ lý",
      photo: "Chụp ảnh giấy tiếp nhận (mã QR)", reading: "Đang đọc mã QR trên ảnh…",
      photoFailed: "Chưa gửi được ảnh. Anh/chị vui lòng nhập mã hồ sơ in trên giấy tiếp nhận.",
      officer: "Cán bộ", queued: "Đang chờ cán bộ: anh/chị ở vị trí số {n} trong hàng chờ.",
      waiting: "Đang chờ cán bộ tiếp nhận cuộc trò chuyện.", talking: "Đang trò chuyện với {name}.",
      taken: "Cán bộ đã nhận cuộc trò chuyện."
    },
    en: {
      title: "Một Cửa assistant", open: "Ask the assistant", close: "Close", send: "Send",
      placeholder: "Your question (Vietnamese or English)…",
      welcome: "Hello! Ask about documents, fees, processing times or the status of your dossier.",
      offline: "The assistant cannot be reached. Please try again in a few minutes.", typing: "The assistant is typing…",
      you: "You", bot: "Assistant",
      photo: "Photo of the receipt (QR code)", reading: "Reading the QR code in the photo…",
      photoFailed: "The photo could not be sent. Please type the dossier code printed on the receipt.",
      officer: "Officer", queued: "Waiting for an officer: you are number {n} in the queue.",
      waiting: "Waiting for an officer to take the conversation.", talking: "Talking with {name}.",
      taken: "An officer has taken the conversation."
    }
  };
  var lang = (script.getAttribute("data-lang") || document.documentElement.lang || "vi").slice(0, 2);
  var t = STRINGS[lang] || STRINGS.vi;
  var rasaUrl = (script.getAttribute("data-rasa-url") || "http://localhost:5005").replace(/\/+$/, "");
  var endpoint = rasaUrl + "/webhooks/rest/webhook";
  var title = script.getAttribute("data-title") || t.title;
  var SENDER_KEY = "motcua-chat-sender";
  var HISTORY_KEY = "motcua-chat-history";
  var HANDOFF_KEY = "motcua-chat-handoff";
  var HISTORY_SIZE = 40;
  var HISTORY_HOURS = 24;
  var POLL_MS = 2000;
  var POLL_RETRY_MS = 10000;
  var photoEndpoint = script.src.replace(/\/static\/chat\/widget\.js(\?.*)?$/, "/api/v1/photos/receipt");
  var inboxEndpoint = script.src.replace(/\/static\/chat\/widget\.js(\?.*)?$/, "/api/v1/follows/inbox");
  var appBase = script.src.replace(/\/static\/chat\/widget\.js(\?.*)?$/, "");
  var withPhoto = script.getAttribute("data-photo") !== "0" && photoEndpoint !== script.src;

  // The session id alone proves a web follower's inbox (/api/v1/follows/inbox): 128 bits from the
  // browser's cryptographic source, no clock in it (Math.random is predictable).
  function randomHex(bytes) {
    var values = new Uint8Array(bytes);
    window.crypto.getRandomValues(values);
    return Array.prototype.map.call(values, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  // What the tab keeps of the citizen's own messages: four or more digits in a row (a phone number,
  // an identification number, the phone check's last four digits, spaces, dots or dashes between
  // them) become dots; the assistant still receives what was typed.
  function masked(text) {
    return String(text).replace(/\d(?:[ .\-]?\d){3,}/g, function (run) { return run.replace(/\d/g, "•"); });
  }

  function senderId() {
    var id = null;
    try { id = window.localStorage.getItem(SENDER_KEY); } catch (e) { /* storage disabled */ }
    if (!id) {
      id = "web-" + randomHex(16);
      try { window.localStorage.setItem(SENDER_KEY, id); } catch (e) { /* keep it for this page only */ }
    }
    return id;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // Bot text is shown as text (never as HTML); line breaks kept, web addresses made clickable.
  function renderText(node, text) {
    var parts = String(text).split(/(https?:\/\/[^\s<>"]+)/g);
    parts.forEach(function (part, i) {
      if (i % 2 === 1) {
        var link = el("a", null, part);
        link.href = part; link.target = "_blank"; link.rel = "noopener noreferrer";
        node.appendChild(link);
      } else {
        part.split("\n").forEach(function (line, j) {
          if (j > 0) { node.appendChild(document.createElement("br")); }
          node.appendChild(document.createTextNode(line));
        });
      }
    });
  }

  function loadStyles() {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = script.src.replace(/widget\.js(\?.*)?$/, "widget.css");
    document.head.appendChild(link);
  }

  function build() {
    var root = el("div", "mc-chat");
    root.setAttribute("data-state", "closed");
    var launcher = el("button", "mc-chat-launcher", t.open);
    launcher.type = "button";
    launcher.setAttribute("aria-expanded", "false");
    var slot = document.querySelector("[data-mc-chat-launcher]");
    var panel = el("section", "mc-chat-panel");
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", title);
    panel.hidden = true;
    // A div, not a <header>: the host page keeps its single banner landmark.
    var header = el("div", "mc-chat-header");
    header.appendChild(el("span", "mc-chat-title", title));
    var close = el("button", "mc-chat-close", "×");
    close.type = "button";
    close.setAttribute("aria-label", t.close);
    header.appendChild(close);
    var log = el("div", "mc-chat-log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    // Where the hand-off to an officer stands (the place in the queue, the officer's name).
    var status = el("div", "mc-chat-status");
    status.setAttribute("role", "status");
    status.hidden = true;
    var form = el("form", "mc-chat-form");
    var input = el("input", "mc-chat-input");
    input.type = "text"; input.name = "message"; input.autocomplete = "off"; input.maxLength = 500;
    input.placeholder = t.placeholder;
    input.setAttribute("aria-label", t.placeholder);
    var send = el("button", "mc-chat-send", t.send);
    send.type = "submit";
    var photo = null;
    if (withPhoto) {
      // A label around a file input: the camera on phones, a file picker elsewhere, no script needed to open it.
      var photoLabel = el("label", "mc-chat-photo");
      photoLabel.title = t.photo;
      photo = el("input");
      photo.type = "file"; photo.accept = "image/*"; photo.setAttribute("capture", "environment");
      photo.setAttribute("aria-label", t.photo);
      photoLabel.appendChild(photo);
      photoLabel.appendChild(el("span", "mc-chat-photo-icon", "\uD83D\uDCF7"));
      form.appendChild(photoLabel);
    }
    form.appendChild(input); form.appendChild(send);
    panel.appendChild(header); panel.appendChild(log); panel.appendChild(status); panel.appendChild(form);
    root.appendChild(panel);
    if (slot) {
      launcher.className += " mc-chat-launcher-inline";
      slot.appendChild(launcher);
    } else {
      root.appendChild(launcher);
      document.documentElement.classList.add("mc-chat-room");
    }
    document.body.appendChild(root);
    return {
      root: root, launcher: launcher, panel: panel, close: close, log: log, status: status, form: form, input: input,
      photo: photo
    };
  }

  function start() {
    loadStyles();
    var ui = build();
    var sender = senderId();
    var history = loadHistory();
    var greeted = false;
    var busy = false;
    var queue = []; // messages typed while an answer is awaited: [message, bubble, extra]

    // The kept messages younger than HISTORY_HOURS (each entry carries the time it was shown, ``at``).
    function loadHistory() {
      var kept = [];
      try { kept = JSON.parse(window.localStorage.getItem(HISTORY_KEY) || "[]"); } catch (e) { kept = []; }
      var since = Date.now() - HISTORY_HOURS * 3600 * 1000;
      return (Array.isArray(kept) ? kept : []).filter(function (entry) {
        return entry && typeof entry.at === "number" && entry.at >= since;
      }).slice(-HISTORY_SIZE);
    }

    function store() {
      try { window.localStorage.setItem(HISTORY_KEY, JSON.stringify(history)); } catch (e) { /* kept on this page only */ }
    }

    function remember(entry) {
      entry.at = Date.now();
      history.push(entry);
      history = history.slice(-HISTORY_SIZE);
      store();
    }

    function forgetChoices() {
      history = history.filter(function (entry) { return entry.who !== "choices"; });
      store();
    }

    function scroll() { ui.log.scrollTop = ui.log.scrollHeight; }

    // A new answer is read from its start (the procedure's name), not from its end: the log scrolls to
    // its end only as far as the answer's first line stays at the top.
    function scrollToStart(node) {
      ui.log.scrollTop = Math.min(node.offsetTop - 8, ui.log.scrollHeight - ui.log.clientHeight);
    }

    // One message's bubble: an officer's carries the officer's name above the text.
    function bubbleOf(who, text, name) {
      var bubble = el("div", "mc-chat-msg mc-chat-" + who);
      bubble.setAttribute("aria-label", who === "user" ? t.you : who === "officer" ? (name || t.officer) : t.bot);
      if (who === "officer") { bubble.appendChild(el("span", "mc-chat-name", name || t.officer)); }
      renderText(bubble, text);
      return bubble;
    }

    // ``before``: insert above this node (an answer goes above the messages still queued).
    function addBubble(who, text, before, name) {
      var bubble = bubbleOf(who, text, name);
      ui.log.insertBefore(bubble, before || null);
      if (who !== "typing") {
        var entry = { who: who, text: who === "user" ? masked(text) : String(text) };
        if (name) { entry.name = String(name); }
        remember(entry);
      }
      if (!before) { scroll(); }
      return bubble;
    }

    function clearChoices() {
      Array.prototype.forEach.call(ui.log.querySelectorAll(".mc-chat-choices"), function (node) { node.remove(); });
      forgetChoices();
    }

    function choiceList(buttons) {
      var list = el("div", "mc-chat-choices");
      buttons.forEach(function (button) {
        var choice = el("button", "mc-chat-choice", button.title);
        choice.type = "button";
        choice.addEventListener("click", function () { say(button.payload, button.title); });
        list.appendChild(choice);
      });
      return list;
    }

    function addChoices(buttons, before) {
      var list = choiceList(buttons);
      ui.log.insertBefore(list, before || null);
      remember({ who: "choices", buttons: buttons.map(function (b) { return { title: b.title, payload: b.payload }; }) });
      return list;
    }

    function show(messages, before) {
      var first = null;
      messages.forEach(function (message) {
        var node = null;
        if (message.custom && message.custom.handoff) { handedOff(message.custom.handoff); }
        if (message.text) { node = addBubble("bot", message.text, before); }
        if (message.image) { node = node || addBubble("bot", message.image, before); }
        var buttons = message.buttons || message.quick_replies;
        if (buttons && buttons.length) {
          var list = addChoices(buttons, before);
          node = node || list;
        }
        first = first || node;
      });
      return first;
    }

    // The history of this tab's session, as it was on the previous page.
    function restore() {
      history.forEach(function (entry, i) {
        if (entry.who === "choices") {
          if (i === history.length - 1) { ui.log.appendChild(choiceList(entry.buttons)); }
          return;
        }
        ui.log.appendChild(bubbleOf(entry.who, entry.text, entry.name));
      });
    }

    // Gặp cán bộ: the hand-off this session is in ({after, at}), kept so a reload or a new tab polls on.
    var handoff = null;
    var pollTimer = null;

    function loadHandoff() {
      var kept = null;
      try { kept = JSON.parse(window.localStorage.getItem(HANDOFF_KEY) || "null"); } catch (e) { kept = null; }
      var since = Date.now() - HISTORY_HOURS * 3600 * 1000;
      return kept && typeof kept.at === "number" && kept.at >= since ? kept : null;
    }

    function saveHandoff() {
      try {
        if (handoff) { window.localStorage.setItem(HANDOFF_KEY, JSON.stringify(handoff)); }
        else { window.localStorage.removeItem(HANDOFF_KEY); }
      } catch (e) { /* polls on this page only */ }
    }

    // The app this script comes from answers the polling; a script served elsewhere uses the assistant's URL.
    function pollUrl() {
      var base = appBase !== script.src ? appBase + "/tro-chuyen/phien/" + encodeURIComponent(sender) + "/tin-nhan"
        : handoff.poll;
      return base + "?sau=" + encodeURIComponent(handoff.after || 0);
    }

    function setStatus(text) {
      ui.status.textContent = text || "";
      ui.status.hidden = !text;
    }

    function showStatus(status, position, officer) {
      if (status === "open") { setStatus(officer ? t.talking.replace("{name}", officer) : t.taken); }
      else if (status === "waiting") { setStatus(position ? t.queued.replace("{n}", position) : t.waiting); }
      else { setStatus(""); }
    }

    function handedOff(cue) {
      if (cue.status !== "waiting" && cue.status !== "open") { return; }
      var poll = typeof cue.poll === "string" && /^https?:\/\//.test(cue.poll) ? cue.poll : null;
      handoff = { after: (handoff && handoff.after) || 0, poll: poll, at: Date.now() };
      saveHandoff();
      showStatus(cue.status, cue.position, null);
      schedulePoll(POLL_MS);
    }

    function stopHandoff() {
      handoff = null;
      saveHandoff();
      setStatus("");
      if (pollTimer) { window.clearTimeout(pollTimer); pollTimer = null; }
    }

    function schedulePoll(ms) {
      if (pollTimer) { window.clearTimeout(pollTimer); }
      pollTimer = window.setTimeout(poll, ms);
    }

    // One poll: new messages (officer's under the officer's name), the status; on again unless it ended.
    function poll() {
      pollTimer = null;
      if (!handoff || (appBase === script.src && !handoff.poll)) { return; }
      var request = new XMLHttpRequest();
      request.open("GET", pollUrl());
      request.timeout = 10000;
      request.onload = function () {
        var answer = null;
        try { answer = JSON.parse(request.responseText); } catch (e) { answer = null; }
        if (!handoff) { return; }
        if (request.status === 404) { stopHandoff(); return; }
        if (request.status !== 200 || !answer) { schedulePoll(POLL_RETRY_MS); return; }
        var officer = null;
        (answer.messages || []).forEach(function (message) {
          if (typeof message.id === "number" && message.id > handoff.after) { handoff.after = message.id; }
          if (message.from === "officer") {
            officer = message.officer || officer;
            addBubble("officer", message.text, null, message.officer);
          } else if (message.text) {
            addBubble("bot", message.text);
          }
          if (ui.panel.hidden) { ui.launcher.classList.add("mc-chat-unread"); }
        });
        handoff.at = Date.now();
        handoff.officer = answer.officer || officer || handoff.officer || null;
        if (answer.status === "waiting" || answer.status === "open") {
          saveHandoff();
          showStatus(answer.status, answer.position, handoff.officer);
          schedulePoll(POLL_MS);
        } else {
          stopHandoff();
        }
      };
      request.onerror = request.ontimeout = function () { if (handoff) { schedulePoll(POLL_RETRY_MS); } };
      request.send();
    }

    // Send a message (or a button payload, shown to the citizen as the button's title); ``extra`` is
    // added to the message's metadata (a rating link's token, read by the assistant's rating action).
    // While an answer is awaited the message is shown at once and queued; it is sent after that answer.
    function say(message, shown, extra) {
      if (!message) { return; }
      clearChoices();
      var bubble = addBubble("user", shown || message);
      if (busy) {
        bubble.className += " mc-chat-queued";
        queue.push([message, bubble, extra]);
        return;
      }
      transmit(message, bubble, extra);
    }

    function transmit(message, bubble, extra) {
      busy = true;
      bubble.className = bubble.className.replace(" mc-chat-queued", "");
      var typing = el("div", "mc-chat-msg mc-chat-typing", t.typing);
      ui.log.insertBefore(typing, bubble.nextSibling);
      if (!queue.length) { scroll(); }
      var request = new XMLHttpRequest();
      request.open("POST", endpoint);
      request.setRequestHeader("Content-Type", "application/json");
      request.timeout = 15000;
      function done(messages) {
        var first = messages ? show(messages, typing) : addBubble("error", t.offline, typing);
        typing.remove();
        busy = false;
        if (queue.length) {
          var next = queue.shift();
          transmit(next[0], next[1], next[2]);
        } else if (first) {
          scrollToStart(first);
        }
      }
      request.onload = function () {
        var answer = null;
        try { answer = JSON.parse(request.responseText); } catch (e) { answer = null; }
        done(request.status >= 200 && request.status < 300 && Array.isArray(answer) ? answer : null);
      };
      request.onerror = request.ontimeout = function () { done(null); };
      var metadata = { lang: lang };
      if (extra) { Object.keys(extra).forEach(function (key) { metadata[key] = extra[key]; }); }
      request.send(JSON.stringify({ sender: sender, message: message, metadata: metadata }));
    }

    // Notifications about followed dossiers (Theo dõi hồ sơ) delivered to this session come first; the
    // welcome only in a session with no messages yet (a restored history goes on where it was). The
    // welcome is shown at once, the notifications above it when they arrive: a question asked meanwhile
    // stays below both.
    function showFollowedThenWelcome() {
      var request = new XMLHttpRequest();
      var welcome = history.length > 0 ? null : addBubble("bot", t.welcome);
      var below = welcome || null;
      request.open("POST", inboxEndpoint);
      request.setRequestHeader("Content-Type", "application/json");
      request.timeout = 5000;
      request.onload = function () {
        try {
          JSON.parse(request.responseText).notifications.forEach(function (n) { addBubble("bot", n.text, below); });
        } catch (e) { /* no notifications to show */ }
      };
      request.send(JSON.stringify({ channel: "web", recipient: senderId() }));
    }

    function setOpen(open) {
      ui.panel.hidden = !open;
      ui.root.setAttribute("data-state", open ? "open" : "closed");
      ui.launcher.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        ui.launcher.classList.remove("mc-chat-unread");
        if (!greeted) { greeted = true; showFollowedThenWelcome(); }
        ui.input.focus();
        scroll();
      } else {
        ui.launcher.focus();
      }
    }

    ui.launcher.addEventListener("click", function () { setOpen(ui.panel.hidden); });
    ui.close.addEventListener("click", function () { setOpen(false); });
    ui.root.addEventListener("keydown", function (event) { if (event.key === "Escape") { setOpen(false); } });
    ui.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = ui.input.value.trim();
      if (!text) { return; }
      ui.input.value = "";
      say(text);
    });
    // Camera photos are shrunk to 1600 px JPEG first (faster to send, under the app's 5 MB limit).
    function shrink(file, done) {
      if (!window.createImageBitmap) { done(file); return; }
      window.createImageBitmap(file).then(function (bitmap) {
        var scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(bitmap.width * scale);
        canvas.height = Math.round(bitmap.height * scale);
        canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        canvas.toBlob(function (blob) { done(blob || file); }, "image/jpeg", 0.9);
      }, function () { done(file); });
    }

    function sendPhoto(file) {
      if (busy || !file) { return; }
      busy = true;
      clearChoices();
      var reading = addBubble("typing", t.reading);
      shrink(file, function (blob) {
        var request = new XMLHttpRequest();
        request.open("POST", photoEndpoint);
        request.setRequestHeader("Content-Type", blob.type || "image/jpeg");
        request.timeout = 30000;
        request.onload = function () {
          reading.remove();
          busy = false;
          var answer = null;
          try { answer = JSON.parse(request.responseText); } catch (e) { answer = null; }
          // A receipt's rating link opens the rating of that dossier, with the link's own token.
          var link = answer && /^\/r\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(answer.rating_path || "");
          if (request.status === 200 && answer && answer.code && link) {
            say('/rate_service{"dossier_code": "' + answer.code + '"}', answer.code, { rating_token: link[1] });
          } else if (request.status === 200 && answer && answer.code) { say(answer.code); }
          else { addBubble("error", (answer && answer.message) || t.photoFailed); }
        };
        request.onerror = request.ontimeout = function () {
          reading.remove();
          busy = false;
          addBubble("error", t.photoFailed);
        };
        request.send(blob);
      });
    }

    if (ui.photo) {
      ui.photo.addEventListener("change", function () {
        var file = ui.photo.files && ui.photo.files[0];
        ui.photo.value = "";
        sendPhoto(file);
      });
    }
    restore();
    try { window.sessionStorage.removeItem(HISTORY_KEY); } catch (e) { /* where the history was kept before */ }
    handoff = loadHandoff();
    if (handoff) { schedulePoll(0); } else { saveHandoff(); }
    if (script.getAttribute("data-open") === "1") { setOpen(true); }
    window.MotCuaChat = { open: function () { setOpen(true); }, say: say };
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
