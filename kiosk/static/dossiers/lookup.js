// Dossier lookup: QR scan with the camera (BarcodeDetector, where the browser has it) and the
// private detail after the last four phone digits. Manual entry always works without any of this.
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

  const verifyForm = document.getElementById("verify-form");
  if (!verifyForm) return;
  verifyForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const error = document.getElementById("verify-error");
    error.hidden = true;
    const response = await fetch(`/api/v1/dossiers/${encodeURIComponent(verifyForm.dataset.code)}/verify`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ phone_last4: document.getElementById("last4").value.trim() }),
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
      const when = new Date(e.at).toLocaleString("vi-VN", { dateStyle: "short", timeStyle: "short" });
      item.textContent = `${when}: ${e.state_label}${e.note ? " — " + e.note : ""}`;
      return item;
    }));
    detail.hidden = false;
  });
})();
