#!/usr/bin/env python3
"""Writes the render bench's site into DIR: spa.html, a catalogue of 60 items built by script on
DOMContentLoaded from inline data (the root gets data-bench-done when it is built), a stylesheet and
three 360 KB PNGs that a browser fetches unless it blocks images."""
import json
import random
import struct
import sys
import zlib
from pathlib import Path

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
random.seed(7)
words = ["sturdy", "light", "blue", "oak", "steel", "compact", "quiet", "fast", "warm", "classic"]
items = [
    {"name": f"Item {i}", "price": round(random.uniform(3, 300), 2),
     "blurb": " ".join(random.choice(words) for _ in range(12))}
    for i in range(60)
]
(out / "spa.html").write_text("""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Catalogue</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header><img src="/logo.png" alt="logo"></header>
<div id="root"></div>
<img src="/banner.png" alt="banner">
<script>
const DATA = %s;
document.addEventListener('DOMContentLoaded', () => {
  const root = document.getElementById('root');
  const h1 = document.createElement('h1');
  h1.textContent = 'Catalogue (' + DATA.length + ' items)';
  root.appendChild(h1);
  const list = document.createElement('ul');
  for (const item of DATA) {
    const li = document.createElement('li');
    li.innerHTML = '<h2></h2><p class="price"></p><p class="blurb"></p>';
    li.querySelector('h2').textContent = item.name;
    li.querySelector('.price').textContent = item.price.toFixed(2) + ' EUR';
    li.querySelector('.blurb').textContent = item.blurb;
    list.appendChild(li);
  }
  root.appendChild(list);
  root.setAttribute('data-bench-done', 'yes');
});
</script>
<img src="/footer.png" alt="footer">
</body>
</html>
""" % json.dumps(items))
(out / "style.css").write_text("body{font-family:sans-serif;margin:0 auto;max-width:60em}li{margin:1em 0}\n")
w, h = 400, 300
raw = b"".join(b"\x00" + bytes(random.getrandbits(8) for _ in range(w * 3)) for _ in range(h))


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))
for name in ("logo", "banner", "footer"):
    (out / f"{name}.png").write_bytes(png)
