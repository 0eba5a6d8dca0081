"""PDF of a printed page through headless Chromium (Debian's ``chromium``): the same HTML the officer
prints, with the Noto fonts installed on the system, so Vietnamese renders exactly as on screen and no
network or extra Python package is needed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


class PdfError(RuntimeError):
    """The PDF could not be made (no Chromium, or it failed); Vietnamese message."""


def chromium_path(configured: str = "") -> str | None:
    return configured or shutil.which("chromium") or shutil.which("chromium-browser")


def html_to_pdf(html: str, chromium: str | None = None, timeout: int = 60) -> bytes:
    """Render self-contained HTML (inline CSS and SVG; its ``@page`` rule sets the paper size) to PDF."""
    binary = chromium or chromium_path()
    if not binary:
        raise PdfError("Máy chủ chưa cài Chromium nên chưa tạo được PDF; vui lòng dùng nút In.")
    with tempfile.TemporaryDirectory(prefix="motcua-pdf-") as tmp:
        source, target = Path(tmp) / "page.html", Path(tmp) / "page.pdf"
        source.write_text(html, encoding="utf-8")
        command = [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--no-pdf-header-footer",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=True)
        except (OSError, subprocess.SubprocessError) as exc:
            raise PdfError("Không tạo được tệp PDF lúc này; vui lòng dùng nút In.") from exc
        if not target.exists():
            raise PdfError("Không tạo được tệp PDF lúc này; vui lòng dùng nút In.")
        return target.read_bytes()
