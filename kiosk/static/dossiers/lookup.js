// Dossier lookup: QR scan with the camera (BarcodeDetector, where the browser has it), a photo of the
// receipt read by the server (every phone), and the private detail after the last four phone digits.
// Manual entry always works without any of this.
(function () {
  "use strict";
  const form = document.getElementById("lookup-form");
  const codeInput = document.getElementById("code");

  // The receipt's QR holds Thông tư 01/2023 data as JSON ({"ma_ho_so": ...}); a plain code or a
  // link with ?ma= is accepted too.
  function codeFromScan(text) {
    try {
      const data = JSON.parse(text);
      if (data && data.ma_ho_so) return String(data.ma_ho_so);
    } catch (_) { /* not JSON */ }
    try {
      const url = new URL(text);
      if (url.searchParams.get("ma")) return url.searchParams.get("ma");
    } catch (_) { /* not a URL */ }
    return text.trim();
  }
  window.motcuaCodeFromScan = codeFromScan;

  // "2026-03-02T09:00:00+07:00" → "02/03/2026 09:00": the centre's own time as the server wrote it, with a
  // four-digit year (the browser's short date style wrote "02/03/26").
  function centreTime(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso || "");
    return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : String(iso || "");
  }

  const scanButton = document.getElementById("scan");
  const scanner = document.getElementById("scanner");
  const video = document.getElementById("camera");
  const scanError = document.getElementById("scan-error");
  let stream = null;

  function stopScan() {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    scanner.hidden = true;
  }

  if ("BarcodeDetector" in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    scanButton.hidden = false;
    scanButton.addEventListener("click", async () => {
      scanError.hidden = true;
      try {
        const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
        video.srcObject = stream;
        await video.play();
        scanner.hidden = false;
        const tick = async () => {
          if (!stream) return;
          const codes = await detector.detect(video).catch(() => []);
          if (codes.length) {
            codeInput.value = codeFromScan(codes[0].rawValue);
            stopScan();
            form.submit();
            return;
          }
          requestAnimationFrame(tick);
        };
        tick();
      } catch (_) {
        stopScan();
        scanError.textContent = "Không mở được camera. Vui lòng nhập mã hồ sơ bằng tay.";
        scanError.hidden = false;
      }
    });
    document.getElementById("scan-stop").addEventListener("click", stopScan);
  }

  // A photo of the receipt: the browser's BarcodeDetector first where it exists (no upload), else the
  // server reads it. Large camera photos are shrunk to 1600 px first: faster on a phone's connection,
  // and under the server's 5 MB limit.
  const photoForm = document.getElementById("photo-form");
  const photoInput = document.getElementById("photo");
  const photoStatus = document.getElementById("photo-status");
  const photoError = document.getElementById("photo-error");
  photoForm.hidden = false;

  async function shrunk(file) {
    if (!("createImageBitmap" in window)) return { blob: file, bitmap: null };
    try {
      const bitmap = await createImageBitmap(file);
      const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.9));
      return { blob: blob || file, bitmap };
    } catch (_) {
      return { blob: file, bitmap: null }; // a format the browser cannot draw: the server decides
    }
  }

  async function detectedLocally(bitmap) {
    if (!bitmap || !("BarcodeDetector" in window)) return null;
    try {
      const codes = await new window.BarcodeDetector({ formats: ["qr_code"] }).detect(bitmap);
      for (const code of codes) {
        const text = codeFromScan(code.rawValue);
        if (/^[A-Z0-9.]+-\d{6}-\d{3,8}$/i.test(text)) return text;
      }
    } catch (_) { /* fall back to the server */ }
    return null;
  }

  function showPhotoError(message) {
    photoStatus.hidden = true;
    photoError.textContent = message;
    photoError.hidden = false;
  }

  photoInput.addEventListener("change", async () => {
    const file = photoInput.files && photoInput.files[0];
    if (!file) return;
    photoError.hidden = true;
    photoStatus.hidden = false;
    const { blob, bitmap } = await shrunk(file);
    const local = await detectedLocally(bitmap);
    if (local) {
      codeInput.value = local;
      form.submit();
      return;
    }
    try {
      const response = await fetch("/api/v1/photos/receipt", {
        method: "POST",
        headers: { "Content-Type": blob.type || "image/jpeg" },
        body: blob,
      });
      const body = await response.json();
      if (!response.ok) {
        showPhotoError(body.message);
        return;
      }
      codeInput.value = body.code;
      form.submit();
    } catch (_) {
      showPhotoError("Chưa gửi được ảnh. Vui lòng thử lại hoặc nhập mã hồ sơ bằng tay.");
    } finally {
      photoInput.value = "";
    }
  });

  const verifyForm = document.getElementById("verify-form");
  if (!verifyForm) return;
  verifyForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const error = document.getElementById("verify-error");
    error.hidden = true;
    const last4 = document.getElementById("last4").value.trim();
    const response = await fetch(`/api/v1/dossiers/${encodeURIComponent(verifyForm.dataset.code)}/verify`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ phone_last4: last4 }),
    });
    const body = await response.json();
    if (!response.ok) {
      error.textContent = body.message;
      error.hidden = false;
      return;
    }
    const detail = document.getElementById("detail");
    detail.querySelectorAll("[data-field]").forEach((cell) => { cell.textContent = body[cell.dataset.field] || ""; });
    const supplement = document.getElementById("supplement");
    supplement.hidden = body.supplement.length === 0;
    supplement.querySelector("ul").replaceChildren(...body.supplement.map((name) => {
      const item = document.createElement("li");
      item.textContent = name;
      return item;
    }));
    document.getElementById("events").replaceChildren(...body.events.map((e) => {
      const item = document.createElement("li");
      const when = centreTime(e.at);
      item.textContent = `${when}: ${e.state_label}${e.note ? " — " + e.note : ""}`;
      return item;
    }));
    detail.hidden = false;
    window.MotCuaFollow.bind(body.rating_token, verifyForm.dataset.code);
    verifiedLast4 = last4;
  });

  // Yêu cầu về dữ liệu cá nhân, after the phone check: the digits that passed it are the proof the API
  // asks (POST …/data-requests), so the citizen types nothing twice.
  const english = document.documentElement.lang === "en";
  const KINDS_EN = {
    xem: "See the personal data in the dossier",
    sua: "Correct personal data",
    xoa_tro_chuyen: "Delete the chat with the assistant",
    xoa_y_kien: "Delete the comments of ratings",
  };
  const STATUSES_EN = { moi: "Received", da_xong: "Resolved", tu_choi: "Refused (with a reason)" };
  let verifiedLast4 = "";

  async function send(url, payload) {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(payload),
      });
      return { ok: response.ok, body: await response.json().catch(() => ({})) };
    } catch (_) {
      return { ok: false, body: { message: english ? "No connection; please try again." : "Chưa kết nối được; vui lòng thử lại." } };
    }
  }

  function showRequest(status) {
    const section = document.getElementById("reference-status");
    const shown = {
      ...status,
      kind_label: english ? KINDS_EN[status.kind] || status.kind_label : status.kind_label,
      status_label: english ? STATUSES_EN[status.status] || status.status_label : status.status_label,
      created_at: status.created_at ? centreTime(status.created_at) : "",
      due_at: status.due_at ? centreTime(status.due_at) : "",
      resolved_at: status.resolved_at ? centreTime(status.resolved_at) : "",
    };
    section.querySelectorAll("[data-request-field]").forEach((cell) => {
      cell.textContent = shown[cell.dataset.requestField] || "";
    });
    const answer = document.getElementById("reference-answer");
    answer.textContent = status.answer ? (english ? "Answer: " : "Trả lời: ") + status.answer : "";
    answer.hidden = !status.answer;
    document.getElementById("reference-answer-note").hidden = "answer" in status;
    section.hidden = false;
  }

  const requestForm = document.getElementById("data-request-form");
  requestForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const error = document.getElementById("data-request-error");
    const result = document.getElementById("data-request-result");
    error.hidden = true;
    const kind = requestForm.querySelector("input[name=kind]:checked").value;
    const detail = document.getElementById("data-request-detail").value.trim();
    if (kind === "sua" && !detail) {
      error.textContent = english
        ? "Please write what to correct and the right value."
        : "Vui lòng ghi thông tin cần chỉnh sửa và nội dung đúng.";
      error.hidden = false;
      return;
    }
    const url = `/api/v1/dossiers/${encodeURIComponent(verifyForm.dataset.code)}/data-requests`;
    const { ok, body } = await send(url, { phone_last4: verifiedLast4, kind: kind, detail: detail });
    if (!ok) {
      error.textContent = body.message || (english ? "Please try again." : "Vui lòng thử lại.");
      error.hidden = false;
      return;
    }
    result.textContent = english
      ? `Request received. Reference: ${body.reference}. The centre answers by ${centreTime(body.due_at)} ` +
        "(Law 91/2025/QH15). Keep the reference to look up its status below."
      : `Đã tiếp nhận yêu cầu. Mã yêu cầu: ${body.reference}. Hạn trả lời: ${centreTime(body.due_at)} ` +
        "(Luật 91/2025/QH15). Giữ mã yêu cầu để tra cứu tình trạng ở phía dưới.";
    result.hidden = false;
    document.getElementById("reference").value = body.reference;
    requestForm.reset();
  });

  // Looking up a request's status works for anyone (the page's GET form); after the phone check the page
  // asks for the answer too, which the API gives only with the dossier's digits.
  const referenceForm = document.getElementById("reference-form");
  referenceForm.addEventListener("submit", async (event) => {
    if (!verifiedLast4) return;
    event.preventDefault();
    const reference = document.getElementById("reference").value.trim();
    const { ok, body } = await send(`/api/v1/data-requests/${encodeURIComponent(reference)}`, { phone_last4: verifiedLast4 });
    if (ok) {
      showRequest(body);
    } else {
      referenceForm.submit(); // another dossier's request, or none: the public status (or its message)
    }
  });
})();
