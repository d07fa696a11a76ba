"""Render the app icon SVG to the committed PNG sizes, and to .ico/.icns for Windows and macOS builds."""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

# Rendering needs no display; set before Qt is imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "workshop-app.svg"
ICON_DIR = ROOT / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Windows asks for (Explorer, taskbar, title bar)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # macOS: 1x and 2x of 16..512
# Rendering the same SVG with another Qt version may move antialiased edges a little.
MAX_PIXEL_DIFF = 48
MAX_MEAN_DIFF = 1.0


def png_path(size: int, icon_dir: Path = ICON_DIR) -> Path:
    """Where the committed PNG of `size` lives: the freedesktop hicolor layout, ready to copy."""
    return icon_dir / "hicolor" / f"{size}x{size}" / "apps" / "workshop-app.png"


def render(svg: Path, sizes: tuple[int, ...]) -> dict[int, bytes]:
    """PNG bytes per size, drawn straight from the vector file (no downscaling blur)."""
    from PySide6.QtCore import QBuffer, QIODevice, QRectF
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG")
    out: dict[int, bytes] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")
        out[size] = _normalised_png(bytes(buffer.data()))
    return out


def _normalised_png(data: bytes) -> bytes:
    """Re-encode with Pillow: smaller files and no Qt-version-specific chunks, so reruns are byte-stable."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        buffer = io.BytesIO()
        image.convert("RGBA").save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def write_pngs(images: dict[int, bytes], icon_dir: Path = ICON_DIR) -> list[Path]:
    written = []
    for size, data in images.items():
        path = png_path(size, icon_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def stale_pngs(images: dict[int, bytes], icon_dir: Path = ICON_DIR) -> list[str]:
    """Sizes whose committed PNG is missing or no longer looks like the SVG."""
    import numpy as np
    from PIL import Image

    problems = []
    for size, data in images.items():
        path = png_path(size, icon_dir)
        if not path.is_file():
            problems.append(f"{path.relative_to(ROOT)} is missing")
            continue
        with Image.open(path) as committed_image, Image.open(io.BytesIO(data)) as fresh_image:
            if committed_image.size != (size, size):
                problems.append(f"{path.relative_to(ROOT)} is {committed_image.size}, expected {size}x{size}")
                continue
            committed = np.asarray(committed_image.convert("RGBA"), dtype=np.int16)
            fresh = np.asarray(fresh_image.convert("RGBA"), dtype=np.int16)
        diff = np.abs(committed - fresh)
        if diff.max() > MAX_PIXEL_DIFF or diff.mean() > MAX_MEAN_DIFF:
            problems.append(f"{path.relative_to(ROOT)} differs from the SVG (max {diff.max()}, mean {diff.mean():.2f})")
    return problems


def write_platform_icons(svg: Path, out_dir: Path) -> tuple[Path, Path]:
    """workshop-app.ico and workshop-app.icns, each holding every size drawn from the SVG."""
    from PIL import Image

    out_dir.mkdir(parents=True, exist_ok=True)
    rendered = render(svg, tuple(sorted(set(ICO_SIZES) | set(ICNS_SIZES))))
    images = {size: Image.open(io.BytesIO(data)).convert("RGBA") for size, data in rendered.items()}

    ico = out_dir / "workshop-app.ico"
    largest_ico = max(ICO_SIZES)
    images[largest_ico].save(
        ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != largest_ico],
    )
    icns = out_dir / "workshop-app.icns"
    largest_icns = max(ICNS_SIZES)
    images[largest_icns].save(
        icns, format="ICNS", append_images=[images[s] for s in ICNS_SIZES if s != largest_icns],
    )
    return ico, icns


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render resources/icons/workshop-app.svg to PNG, ICO and ICNS.")
    parser.epilog = "Run from anywhere; it writes into the checkout it belongs to."
    parser.add_argument("--check", action="store_true",
                        help="do not write: exit 1 if a committed PNG is missing or out of date with the SVG")
    parser.add_argument("--svg", type=Path, default=SVG, help="the icon source (default: %(default)s)")
    parser.add_argument("--platform-icons", metavar="DIR", type=Path,
                        help="write only workshop-app.ico and workshop-app.icns, into DIR (e.g. the build folder)")
    args = parser.parse_args(argv)

    if not args.svg.is_file():
        print(f"make_icons: the icon source {args.svg} is missing", file=sys.stderr)
        return 2
    if args.platform_icons:
        for path in write_platform_icons(args.svg, args.platform_icons):
            print(f"wrote {path} ({path.stat().st_size} bytes)")
        return 0
    images = render(args.svg, SIZES)
    if args.check:
        problems = stale_pngs(images)
        for problem in problems:
            print(f"make_icons: {problem} (run packaging/make_icons.py)", file=sys.stderr)
        if not problems:
            print(f"make_icons: {len(SIZES)} PNG sizes match the SVG")
        return 1 if problems else 0
    for path in write_pngs(images):
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
