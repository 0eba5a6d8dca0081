"""Receipt photo benchmark (prints figures; not a test): how often ``read_receipt_photo`` finds the dossier
in phone-like photos of real receipts, and how long it takes.

Each receipt is the page the counter prints (``dossiers/receipt.html`` as rendered for the PDF, with its
two QR codes: the Thông tư 01/2023 one at the top left and the rating link at the bottom), drawn by Debian's
Chromium (Playwright, no browser download) at ~290 dpi, laid on a table and photographed as a phone would:
1,600 px wide, then each degradation alone — rotation ±25°, a perspective tilt, JPEG quality 35, blur, low
light, a thumb over a corner (each corner in turn, the QR's too), 640 px wide. Two rows outside that set
show where reading stops: a stronger blur, and everything at once.

Targets: ≥ 95 % decoded over the whole set, median < 150 ms per photo (wall clock; the process's
CPU time is printed beside it, since the machine is shared).

Usage: ``.venv/bin/python bench/photos.py [--receipts 12]``
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter

from kiosk.core.qr import qr_svg
from motcua.dossiers.codes import format_code
from motcua.dossiers.photo import PhotoError, read_receipt_photo
from motcua.dossiers.receipt import COPIES, TITLE, Receipt
from motcua.feedback.tokens import make_rating_token
from server import create_app

CHROMIUM = "/usr/bin/chromium"
SECRET = "bench-secret"
BASE = "https://motcua.hue.gov.vn"
NAMES = ["Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Minh Quân", "Phạm Thị Thu Hà", "Hoàng Đức Phúc"]
PROCEDURES = [
    ("1.001193", "Đăng ký khai sinh"),
    ("2.000986", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền cấp"),
    ("1.004227", "Cấp giấy phép xây dựng nhà ở riêng lẻ"),
    ("2.001823", "Đăng ký thành lập hộ kinh doanh"),
]
PHOTO_WIDTH = 1600
TABLE = (176, 150, 118)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--receipts", type=int, default=12)
    args = parser.parse_args()
    now = datetime(2026, 9, 21, 9, 30)
    receipts = [make_receipt(i, now) for i in range(args.receipts)]
    started = time.perf_counter()
    pages = render_pages(receipts)
    print(f"rendered {len(pages)} receipts with Chromium in {time.perf_counter() - started:.1f} s")
    rng = random.Random(20)
    rows: dict[str, list[tuple[bool, float, float]]] = {name: [] for name in {**DEGRADATIONS, **BEYOND}}
    for index, (receipt, page) in enumerate(zip(receipts, pages, strict=True)):
        photo = on_the_table(page)
        for name, degrade in {**DEGRADATIONS, **BEYOND}.items():
            data = degrade(photo.copy(), rng, index)
            started, cpu = time.perf_counter(), time.process_time()
            try:
                found = read_receipt_photo(data, SECRET, now).code == receipt.code
            except PhotoError:
                found = False
            wall_ms, cpu_ms = (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000
            rows[name].append((found, wall_ms, cpu_ms))
    print(f"{'degradation':<28} {'decoded':>9} {'median ms':>10} {'max ms':>8} {'median CPU ms':>14}")
    for name, results in rows.items():
        if name == next(iter(BEYOND)):
            print("outside the issue's set (not in the overall figure):")
        ok = sum(found for found, _, _ in results)
        times, cpu_times = [ms for _, ms, _ in results], [ms for _, _, ms in results]
        print(
            f"{name:<28} {ok:>4}/{len(results):<4} {statistics.median(times):>10.0f} {max(times):>8.0f}"
            f" {statistics.median(cpu_times):>14.0f}"
        )
    everything = [result for name in DEGRADATIONS for result in rows[name]]
    rate = 100 * sum(found for found, _, _ in everything) / len(everything)
    median = statistics.median(ms for _, ms, _ in everything)
    median_cpu = statistics.median(ms for _, _, ms in everything)
    print(f"overall: {rate:.1f} % decoded (target ≥ 95 %) — {'met' if rate >= 95 else 'NOT met'}")
    print(f"median decode time: {median:.0f} ms per photo (target < 150 ms) — {'met' if median < 150 else 'NOT met'}")
    # The machine is shared: the process's CPU time says what the decoding itself costs.
    print(f"median CPU time of the decoding process: {median_cpu:.0f} ms per photo")


def make_receipt(i: int, now: datetime) -> Receipt:
    code = format_code("000.00.12.H62", (now - timedelta(days=i)).date(), 1 + 37 * i)
    procedure_code, procedure = PROCEDURES[i % len(PROCEDURES)]
    issued = now - timedelta(days=i)
    token = make_rating_token(SECRET, code, issued)
    return Receipt(
        agency="UBND THÀNH PHỐ HUẾ",
        office="Bộ phận Một cửa phường Phú Hội",
        number=f"{1 + 37 * i:04d}/TNHS",
        code=code,
        applicant_name=NAMES[i % len(NAMES)],
        applicant_address="12 Lê Lợi, phường Phú Hội, thành phố Huế",
        applicant_phone=f"09123{i:05d}",
        applicant_email="",
        applicant_identifier=f"0460990{i:05d}",
        request=procedure,
        procedure_code=procedure_code,
        documents=[{"name": "Tờ khai theo mẫu", "copy_type": "ban_chinh", "quantity": 1}] * (1 + i % 4),
        sets=1,
        processing_days=3 + i % 10,
        processing_time=f"{3 + i % 10} ngày làm việc",
        received_at=issued,
        due_at=issued + timedelta(days=5),
        result_delivery="Nhận tại Bộ phận tiếp nhận và trả kết quả",
        officer="Võ Thị Lan",
        issued_at=issued,
        rating_url=f"{BASE}/r/{token}",
    )


def render_pages(receipts: list[Receipt]) -> list[Image.Image]:
    """The first copy of each receipt as Chromium draws the PDF's HTML, at device scale 3 (~290 dpi)."""
    from playwright.sync_api import sync_playwright

    app = create_app({"TESTING": True, "SECRET_KEY": SECRET, "DATABASE_URL": "sqlite://"})
    pages = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        tab = browser.new_page(device_scale_factor=3, viewport={"width": 640, "height": 900})
        for receipt in receipts:
            with app.test_request_context("/"):
                html = app.jinja_env.get_template("dossiers/receipt.html").render(
                    receipt=receipt,
                    title=TITLE,
                    copies=COPIES,
                    qr_main=qr_svg(receipt.qr_payload),
                    qr_rating=qr_svg(receipt.rating_url),
                    for_pdf=True,
                    t=lambda vi, _en: vi,
                    csp_nonce=lambda: "",
                )
            tab.set_content(html)
            png = tab.locator(".sheet").first.screenshot()
            pages.append(Image.open(io.BytesIO(png)).convert("RGB"))
        browser.close()
    return pages


def on_the_table(page: Image.Image) -> Image.Image:
    """The receipt lying on a desk, filling most of the frame, at a phone photo's usual width."""
    width = PHOTO_WIDTH
    scale = 0.82 * width / page.width
    sheet = page.resize((round(page.width * scale), round(page.height * scale)), Image.Resampling.LANCZOS)
    photo = Image.new("RGB", (width, round(sheet.height / 0.85)), (176, 150, 118))
    photo.paste(sheet, ((width - sheet.width) // 2, (photo.height - sheet.height) // 2))
    return photo


def jpeg(image: Image.Image, quality: int = 85) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def rotated(angle: float) -> Callable[[Image.Image, random.Random, int], bytes]:
    return lambda image, _rng, _i: jpeg(image.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor=TABLE))


def tilted(image: Image.Image, rng: random.Random, _i: int) -> bytes:
    """Held at an angle: the top edge ~20 % narrower than the bottom (a perspective transform)."""
    w, h = image.size
    inset = 0.1 * w
    # Coefficients mapping the output back onto a trapezoid of the input.
    source = [(inset, 0), (w - inset, 0), (w, h), (0, h)]
    target = [(0, 0), (w, 0), (w, h), (0, h)]
    coeffs = _perspective(target, source)
    return jpeg(image.transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC))


def low_light(image: Image.Image, rng: random.Random, _i: int) -> bytes:
    dark = ImageEnhance.Brightness(image).enhance(0.3)
    noise = Image.effect_noise(image.size, 18).convert("RGB")
    return jpeg(Image.blend(dark, ImageEnhance.Brightness(noise).enhance(0.25), 0.2))


def thumb(image: Image.Image, _rng: random.Random, i: int) -> bytes:
    """A thumb over one corner of the receipt (each receipt another corner, the 01/2023 QR's too)."""
    w, h = image.size
    corner = i % 4
    x = 0.13 * w if corner in (0, 3) else 0.87 * w
    y = 0.10 * h if corner in (0, 1) else 0.90 * h
    draw = ImageDraw.Draw(image)
    draw.ellipse((x - 0.09 * w, y - 0.07 * h, x + 0.09 * w, y + 0.07 * h), fill=(214, 160, 130))
    return jpeg(image)


def narrow(image: Image.Image, _rng: random.Random, _i: int) -> bytes:
    return jpeg(image.resize((640, round(image.height * 640 / image.width)), Image.Resampling.BILINEAR))


def everything_at_once(image: Image.Image, rng: random.Random, i: int) -> bytes:
    """A careless photo: tilted 10°, held at an angle, dim, slightly blurred, sent at JPEG 50."""
    image = image.rotate(10, Image.Resampling.BICUBIC, expand=True, fillcolor=TABLE)
    image = Image.open(io.BytesIO(tilted(image, rng, i))).convert("RGB")
    image = ImageEnhance.Brightness(image.filter(ImageFilter.GaussianBlur(1))).enhance(0.5)
    return jpeg(image, 50)


# Shown for what they tell, outside the set and its overall figure.
BEYOND: dict[str, Callable[[Image.Image, random.Random, int], bytes]] = {
    "blur (Gaussian σ 2 px)": lambda image, _rng, _i: jpeg(image.filter(ImageFilter.GaussianBlur(2))),
    "all at once (careless photo)": everything_at_once,
}

DEGRADATIONS: dict[str, Callable[[Image.Image, random.Random, int], bytes]] = {
    "none (1600 px, JPEG 85)": lambda image, _rng, _i: jpeg(image),
    "rotation +25°": rotated(25),
    "rotation -25°": rotated(-25),
    "perspective tilt": tilted,
    "JPEG quality 35": lambda image, _rng, _i: jpeg(image, 35),
    "blur (Gaussian σ 1.5 px)": lambda image, _rng, _i: jpeg(image.filter(ImageFilter.GaussianBlur(1.5))),
    "low light (30 %, noise)": low_light,
    "thumb over a corner": thumb,
    "640 px wide": narrow,
}


def _perspective(target: list[tuple[float, float]], source: list[tuple[float, float]]) -> list[float]:
    """The 8 coefficients of PIL's PERSPECTIVE transform taking ``target`` points to ``source`` points."""
    rows, values = [], []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        values.extend([u, v])
    return _solve(rows, values)


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination for the 8×8 system (no numpy in the app's environment)."""
    n = len(b)
    m = [row[:] + [value] for row, value in zip(a, b, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col:
                factor = m[r][col] / m[col][col]
                m[r] = [x - factor * y for x, y in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


if __name__ == "__main__":
    main()
