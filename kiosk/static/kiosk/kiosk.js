/* Touch kiosk: level → attitude → (reasons, for a bad rating) → thanks → back to the start.
 *
 * Nothing is lost: a finished rating gets its idempotency key here, is written to localStorage first,
 * and leaves the queue only when the server acknowledged it (2xx). While the server or network is down
 * the kiosk keeps taking ratings; the queue is resent in order when it comes back, and the server
 * stores each key once, so a resend after a lost answer cannot duplicate a rating.
 *
 * Only an enrolled kiosk may send: the manager opens the enrolment URL once (``counters enroll``), whose
 * fragment ``#thiet-bi=<secret>`` never reaches the server; the secret is kept in localStorage, removed
 * from the address bar, and sent as a header with every rating. Without it the kiosk says so instead of
 * collecting ratings the server would refuse.
 */
(function () {
  "use strict";

  const config = JSON.parse(document.getElementById("kiosk-config").textContent);
  const QUEUE_KEY = "motcua.kiosk.queue:" + config.unit + ":" + config.counter;
  const REJECTED_KEY = "motcua.kiosk.rejected:" + config.unit + ":" + config.counter;
  const DEVICE_KEY = "motcua.kiosk.device:" + config.unit + ":" + config.counter;
  // Refusals that mean this kiosk's credential no longer opens anything (revoked, or replaced).
  const DEVICE_REFUSALS = new Set(["device_required", "device_other_counter"]);
  // A tap landing on the next screen within this time is the same finger, not an answer.
  const SCREEN_SETTLE_MS = 350;
  const scale = config.scale;
  const badLevels = new Set(scale.bad_levels);
  const badAttitudes = new Set(scale.bad_attitudes);

  let current = null; // the rating being answered: {level, attitude, reasons}
  let screenShownAt = 0;
  let lastCompletedAt = -Infinity;
  let idleTimer = null;
  let thanksTimer = null;
  let lang = "vi";
  let officer = config.officer;
  let flushing = false;
  let device = takeEnrolment();

  // ---- screens -------------------------------------------------------------------------------

  function show(name) {
    document.querySelectorAll(".screen").forEach((el) => el.classList.toggle("active", el.id === "screen-" + name));
    document.body.dataset.screen = name;
    screenShownAt = performance.now();
    armIdle();
  }

  function settled() {
    return performance.now() - screenShownAt >= SCREEN_SETTLE_MS;
  }

  function resting() {
    return performance.now() - lastCompletedAt < config.guardMs;
  }

  function startOver() {
    if (!device) {
      show("enrol");
      return;
    }
    current = null;
    clearTimeout(thanksTimer);
    clearReasons();
    document.querySelectorAll(".choice").forEach((el) => el.classList.remove("chosen"));
    setLanguage("vi");
    setSize(0);
    setContrast(false);
    show("level");
    markResting();
  }

  // Faces look dimmed while a second press would be ignored, so the next citizen sees when to tap.
  function markResting() {
    const main = document.querySelector(".kiosk-main");
    main.classList.toggle("resting", resting());
    if (resting()) setTimeout(markResting, Math.max(50, config.guardMs - (performance.now() - lastCompletedAt)));
  }

  function armIdle() {
    clearTimeout(idleTimer);
    if (["level", "thanks", "enrol"].includes(document.body.dataset.screen)) return;
    idleTimer = setTimeout(onIdle, config.idleMs);
  }

  // A citizen who chose a face and walked away still gave an answer: keep it, also the lowest face left
  // without a reason (the scale asks for reasons only of a citizen who stays; the manager must not lose
  // the signal that matters most). The server stores such a rating with no reason, marked as left.
  function onIdle() {
    if (current) complete(false, true);
    startOver();
  }

  // ---- answering -----------------------------------------------------------------------------

  function isBad(rating) {
    return badLevels.has(rating.level) || badAttitudes.has(rating.attitude) || rating.level === scale.lowest;
  }

  function canSend(rating) {
    return rating.level !== scale.lowest || rating.reasons.length > 0 || rating.comment;
  }

  function chooseLevel(level) {
    if (!settled() || resting()) return;
    current = { level: level, attitude: null, reasons: [], comment: "" };
    show("attitude");
  }

  function chooseAttitude(attitude) {
    if (!settled() || !current) return;
    current.attitude = attitude;
    if (isBad(current)) {
      updateReasonHint();
      show("reasons");
    } else {
      complete(true);
    }
  }

  function toggleReason(chip) {
    if (!current) return;
    const on = chip.getAttribute("aria-pressed") !== "true";
    chip.setAttribute("aria-pressed", String(on));
    current.reasons = Array.from(document.querySelectorAll('.chip[aria-pressed="true"]')).map((c) => c.dataset.reason);
    updateReasonHint();
  }

  function updateReasonHint() {
    if (!current) return;
    current.comment = document.getElementById("comment").value.trim();
    const ok = canSend(current);
    document.getElementById("reason-hint").hidden = ok;
    document.querySelector('[data-action="send"]').disabled = !ok;
  }

  // Back one screen: from the attitude question to the faces (a wrong face is forgotten), from the
  // reasons to the attitude question (the chosen reasons and comment are cleared).
  function goBack() {
    if (!settled() || !current) return;
    if (document.body.dataset.screen === "reasons") {
      clearReasons();
      current.attitude = null;
      current.reasons = [];
      current.comment = "";
      show("attitude");
    } else {
      current = null;
      show("level");
    }
  }

  function clearReasons() {
    document.querySelectorAll(".chip").forEach((chip) => chip.setAttribute("aria-pressed", "false"));
    document.getElementById("comment").value = "";
  }

  function complete(thank, leftIdle) {
    const rating = current;
    current = null;
    rating.comment = (document.getElementById("comment").value || "").trim().slice(0, 1000);
    enqueue({
      idempotency_key: newKey(),
      unit_code: config.unit,
      counter: config.counter,
      level: rating.level,
      attitude: rating.attitude || "",
      reasons: rating.reasons,
      comment: rating.comment,
      source: "kiosk",
      created_at: new Date().toISOString(),
      left_idle: Boolean(leftIdle),
    });
    lastCompletedAt = performance.now();
    flush();
    if (thank) {
      show("thanks");
      thanksTimer = setTimeout(startOver, config.thanksMs);
    }
  }

  // ---- enrolment -----------------------------------------------------------------------------

  // The secret from the enrolment URL's fragment (kept, then wiped from the address bar and history),
  // else the one kept from an earlier visit.
  function takeEnrolment() {
    const match = /(?:^#|&)thiet-bi=([^&]+)/.exec(location.hash);
    if (match) {
      const secret = decodeURIComponent(match[1]);
      try {
        localStorage.setItem(DEVICE_KEY, secret);
      } catch (err) {
        /* storage refused: the kiosk works until the page is reloaded */
      }
      history.replaceState(null, "", location.pathname + location.search);
      return secret;
    }
    try {
      return localStorage.getItem(DEVICE_KEY);
    } catch (err) {
      return null;
    }
  }

  function forgetEnrolment() {
    device = null;
    try {
      localStorage.removeItem(DEVICE_KEY);
    } catch (err) {
      /* nothing kept */
    }
    if (!current) show("enrol");
  }

  // ---- the queue -----------------------------------------------------------------------------

  // If the browser refuses storage (full, private mode), the queue lives in memory until it is sent.
  let memoryQueue = null;

  function load(key) {
    if (key === QUEUE_KEY && memoryQueue) return memoryQueue.slice();
    try {
      return JSON.parse(localStorage.getItem(key) || "[]");
    } catch (err) {
      return [];
    }
  }

  function save(key, items) {
    try {
      localStorage.setItem(key, JSON.stringify(items));
      if (key === QUEUE_KEY) memoryQueue = null;
    } catch (err) {
      if (key === QUEUE_KEY) memoryQueue = items;
    }
  }

  function enqueue(item) {
    const queue = load(QUEUE_KEY);
    queue.push(item);
    save(QUEUE_KEY, queue);
    showStatus();
  }

  function drop(key) {
    save(QUEUE_KEY, load(QUEUE_KEY).filter((item) => item.idempotency_key !== key));
  }

  // Send queued ratings oldest first; stop at the first network or server failure and retry later.
  async function flush() {
    if (flushing || !device) return;
    flushing = true;
    try {
      for (;;) {
        const item = load(QUEUE_KEY)[0];
        if (!item) break;
        let response;
        try {
          response = await fetch(config.ratingsUrl, {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-Kiosk-Device": device },
            body: JSON.stringify(item),
            cache: "no-store",
          });
        } catch (err) {
          break;
        }
        if (response.ok) {
          drop(item.idempotency_key);
        } else if (response.status >= 400 && response.status < 500 && ![408, 425, 429].includes(response.status)) {
          // Refused for good (e.g. the counter was removed): keep it aside for the staff, stop resending.
          const body = await response.text();
          const rejected = load(REJECTED_KEY);
          rejected.push({ item: item, status: response.status, body: body });
          save(REJECTED_KEY, rejected.slice(-200));
          drop(item.idempotency_key);
          if (DEVICE_REFUSALS.has(errorCode(body))) {
            forgetEnrolment();
            break;
          }
        } else {
          break;
        }
      }
    } finally {
      flushing = false;
      showStatus();
    }
  }

  function errorCode(body) {
    try {
      return JSON.parse(body).error;
    } catch (err) {
      return "";
    }
  }

  function showStatus() {
    const waiting = load(QUEUE_KEY).length;
    const status = document.getElementById("status");
    status.dataset.pending = String(waiting);
    status.textContent = waiting
      ? (lang === "en" ? waiting + " rating(s) waiting to be sent" : waiting + " phiếu đang chờ gửi")
      : "";
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    // Kiosks served over plain http on the LAN have no randomUUID; getRandomValues works everywhere.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  // ---- display -------------------------------------------------------------------------------

  function setLanguage(next) {
    lang = next;
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-vi]").forEach((el) => {
      el.textContent = el.dataset[lang];
    });
    showStatus();
  }

  function setSize(step) {
    document.documentElement.classList.remove("size--1", "size-1");
    if (step) document.documentElement.classList.add("size-" + step);
  }

  function setContrast(on) {
    document.documentElement.classList.toggle("contrast", on);
    document.getElementById("contrast").setAttribute("aria-pressed", String(on));
  }

  function toggleContrast() {
    setContrast(!document.documentElement.classList.contains("contrast"));
  }

  // The officer on duty may change during the day; a failed refresh keeps the last one known. The same
  // answer says whether this kiosk's credential still holds (a manager may have revoked it).
  async function refreshOfficer() {
    try {
      const headers = device ? { "X-Kiosk-Device": device } : {};
      const response = await fetch(config.counterUrl, { cache: "no-store", headers: headers });
      if (!response.ok) return;
      const state = await response.json();
      officer = state.officer;
      document.getElementById("officer").textContent = officer ? officer.name : "";
      if (device && state.enrolled === false) forgetEnrolment();
    } catch (err) {
      /* offline: keep the officer we had */
    }
  }

  // ---- wiring --------------------------------------------------------------------------------

  document.addEventListener("click", (event) => {
    const target = event.target.closest("button");
    armIdle();
    if (!target) return;
    if (target.dataset.level) chooseLevel(target.dataset.level);
    else if (target.dataset.attitude) chooseAttitude(target.dataset.attitude);
    else if (target.dataset.reason) toggleReason(target);
    else if (target.dataset.size !== undefined) setSize(Number(target.dataset.size));
    else if (target.id === "contrast") toggleContrast();
    else if (target.id === "lang") setLanguage(lang === "vi" ? "en" : "vi");
    else if (target.dataset.action === "skip-attitude" && current && settled()) chooseAttitude(null);
    else if (target.dataset.action === "back") goBack();
    else if (target.dataset.action === "send" && current && canSend(current)) complete(true);
  });
  document.getElementById("comment").addEventListener("input", () => {
    armIdle();
    updateReasonHint();
  });
  ["pointerdown", "keydown"].forEach((name) => document.addEventListener(name, armIdle));
  window.addEventListener("online", flush);
  setInterval(() => {
    if (load(QUEUE_KEY).length) flush();
  }, config.retryMs);
  setInterval(refreshOfficer, 60000);

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(config.serviceWorker).catch(() => {});
  }
  // Cache this very page (with its query) so a reload during an outage still opens the kiosk.
  if (window.caches) {
    caches.open(config.cacheName).then((cache) => cache.addAll([location.href].concat(config.assets))).catch(() => {});
  }

  window.motcuaKiosk = { flush: flush, pending: () => load(QUEUE_KEY).length, enrolled: () => Boolean(device) };
  show(device ? "level" : "enrol");
  showStatus();
  refreshOfficer();
  flush();
})();
