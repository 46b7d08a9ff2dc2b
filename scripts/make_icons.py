"""Draw the app's icons: static/icons/icon.svg and the PNGs the web app manifest lists.

Run `.venv/bin/python scripts/make_icons.py` after changing the drawing; the files are committed.
The drawing: a rounded square in the brand colour with a white ring (a spot being watched) and a
small warm dot in it. Maskable icons keep everything inside the central 80 % safe zone.
"""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "static" / "icons"
BRAND, WHITE, DOT = "#1d5c7a", "#ffffff", "#f2a38a"

SVG = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
  <rect width="64" height="64" rx="14" fill="{BRAND}"/>
  <circle cx="32" cy="32" r="17" fill="none" stroke="{WHITE}" stroke-width="5"/>
  <circle cx="35" cy="29" r="5.5" fill="{DOT}"/>
</svg>
"""


def draw(size, *, maskable=False):
    scale = 4  # draw large, then shrink: smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if maskable:
        pen.rectangle((0, 0, big, big), fill=BRAND)
        unit = big * 0.8 / 64  # the drawing inside the safe zone
        offset = big * 0.1
    else:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 14 / 64, fill=BRAND)
        unit, offset = big / 64, 0

    def at(v):
        return offset + v * unit

    r, w = 17 * unit, 5 * unit
    pen.ellipse(
        (at(32) - r - w / 2, at(32) - r - w / 2, at(32) + r + w / 2, at(32) + r + w / 2),
        outline=WHITE,
        width=round(w),
    )
    d = 5.5 * unit
    pen.ellipse((at(35) - d, at(29) - d, at(35) + d, at(29) + d), fill=DOT)
    return image.resize((size, size), Image.LANCZOS)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "icon.svg").write_text(SVG)
    draw(192).save(OUT / "icon-192.png", optimize=True)
    draw(512).save(OUT / "icon-512.png", optimize=True)
    draw(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)


if __name__ == "__main__":
    main()
