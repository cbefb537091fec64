#!/usr/bin/env python3
"""Renders `tmux capture-pane -p -e -N` captures to PNG: pyte as the virtual screen, Pillow to draw.

usage: screenshots.py COLS ROWS CAPTURE.ans OUT.png [CAPTURE.ans OUT.png ...]
"""
import os
import sys

import pyte
from PIL import Image, ImageDraw, ImageFont

FONT_SIZE = 16
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
MONO_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
# Wide characters (CJK) are not in DejaVu: any of these that is installed draws them.
WIDE_FONTS = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
]

BACKGROUND = (24, 26, 31)
FOREGROUND = (220, 223, 228)
# A dark xterm-like palette: the 16 ANSI colours.
ANSI = {
    "black": (40, 42, 46), "red": (224, 96, 96), "green": (120, 200, 110), "brown": (214, 180, 90),
    "blue": (100, 150, 235), "magenta": (200, 120, 220), "cyan": (90, 200, 210), "white": (205, 208, 214),
    "brightblack": (110, 114, 122), "brightred": (255, 130, 130), "brightgreen": (150, 230, 140),
    "brightbrown": (240, 210, 120), "brightblue": (140, 180, 255), "brightmagenta": (225, 160, 240),
    "brightcyan": (130, 225, 235), "brightwhite": (245, 246, 248),
}


class DimScreen(pyte.Screen):
    """pyte drops SGR 2 (dim); the dashboard uses it, so carry it in the unused blink flag."""

    def select_graphic_rendition(self, *attrs, private=False):
        mapped = []
        for a in attrs:
            if a == 2:
                mapped.append(5)
            elif a == 22:
                mapped.extend([22, 25])
            else:
                mapped.append(a)
        super().select_graphic_rendition(*mapped)


def color(name, default):
    if name == "default":
        return default
    if name in ANSI:
        return ANSI[name]
    if len(name) == 6:
        try:
            return tuple(int(name[i:i + 2], 16) for i in (0, 2, 4))
        except ValueError:
            pass
    return default


def blend(a, b, t):
    return tuple(int(x * (1 - t) + y * t) for x, y in zip(a, b))


def load_fonts():
    regular = ImageFont.truetype(MONO, FONT_SIZE)
    bold = ImageFont.truetype(MONO_BOLD, FONT_SIZE) if os.path.exists(MONO_BOLD) else regular
    wide = next((ImageFont.truetype(p, FONT_SIZE) for p in WIDE_FONTS if os.path.exists(p)), regular)
    return regular, bold, wide


def render(capture, cols, rows, out, fonts):
    regular, bold, wide = fonts
    screen = DimScreen(cols, rows)
    stream = pyte.Stream(screen)
    with open(capture, encoding="utf-8", errors="replace") as f:
        data = f.read()
    # capture-pane ends lines with \n only; a terminal needs the carriage return too.
    stream.feed(data.rstrip("\n").replace("\n", "\r\n"))

    cw = int(round(regular.getlength("M")))
    ascent, descent = regular.getmetrics()
    ch = ascent + descent + 2
    pad = 8
    image = Image.new("RGB", (cols * cw + 2 * pad, rows * ch + 2 * pad), BACKGROUND)
    draw = ImageDraw.Draw(image)
    for y in range(rows):
        line = screen.buffer[y]
        for x in range(cols):
            c = line[x]
            if c.data == "":
                continue  # the right half of a wide character
            fg = color(c.fg, FOREGROUND)
            bg = color(c.bg, BACKGROUND)
            if c.reverse:
                fg, bg = bg, fg
            if c.blink:  # dim, see DimScreen
                fg = blend(fg, bg, 0.45)
            is_wide = x + 1 < cols and line[x + 1].data == ""
            span = 2 if is_wide else 1
            px, py = pad + x * cw, pad + y * ch
            if bg != BACKGROUND:
                draw.rectangle([px, py, px + span * cw - 1, py + ch - 1], fill=bg)
            if c.data != " ":
                font = wide if is_wide else (bold if c.bold else regular)
                draw.text((px, py + 1), c.data, font=font, fill=fg)
            if c.underscore:
                draw.line([px, py + ch - 2, px + span * cw - 1, py + ch - 2], fill=fg)
    image.save(out)


def main():
    if len(sys.argv) < 5 or len(sys.argv) % 2 == 0:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    cols, rows = int(sys.argv[1]), int(sys.argv[2])
    fonts = load_fonts()
    pairs = sys.argv[3:]
    for capture, out in zip(pairs[0::2], pairs[1::2]):
        render(capture, cols, rows, out, fonts)
        print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
