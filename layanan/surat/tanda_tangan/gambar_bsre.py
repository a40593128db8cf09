"""The image BSrE draws as the visible signature: a plain stamp saying the letter is signed
electronically (the official's handwritten specimen is not something this system keeps)."""

from __future__ import annotations

import functools
import io

from PIL import Image, ImageDraw, ImageFont


@functools.cache
def gambar_ttd() -> bytes:
    lebar, tinggi = 600, 192  # 4 pixels a point of the 150 x 48 pt box
    gambar = Image.new("RGB", (lebar, tinggi), "white")
    gambar_tulis = ImageDraw.Draw(gambar)
    gambar_tulis.rectangle((2, 2, lebar - 3, tinggi - 3), outline="black", width=4)
    huruf = ImageFont.load_default(size=40)
    gambar_tulis.text((24, 40), "Ditandatangani secara", fill="black", font=huruf)
    gambar_tulis.text((24, 100), "elektronik (BSrE)", fill="black", font=huruf)
    keluar = io.BytesIO()
    gambar.save(keluar, format="PNG", optimize=True)
    return keluar.getvalue()
