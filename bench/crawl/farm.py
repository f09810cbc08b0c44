#!/usr/bin/env python3
"""Writes the static bench farm: HOSTS sites x PAGES pages of about 11 KB, ~10 same-host links each.

usage: farm.py OUT_DIR HOSTS PAGES
Deterministic: the same arguments give the same bytes.
"""
import os
import random
import sys

WORDS = ("crawler frontier lease politeness release sitemap robots page link host domain graph "
         "authority predecessor orbweaver spider web data markdown extract scope budget priority "
         "worker queue fetch parse store index content article product review price shipping").split()


def paragraph(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def page(rng, host_index, i, pages):
    links = []
    for k in range(1, 11):
        target = (i * 7 + k * 131 + host_index) % pages
        links.append(f'<li><a href="/p/{target}.html">Page {target}</a></li>')
    body = []
    size = 0
    while size < 10000:
        p = paragraph(rng, 60)
        body.append(f"<p>{p}</p>")
        size += len(p) + 7
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>Host {host_index} page {i}</title>"
        f"<meta name=\"description\" content=\"Bench page {i} of host {host_index}\"></head>"
        "<body><header><nav><a href=\"/\">Home</a></nav></header><main>"
        f"<h1>Page {i}</h1>{''.join(body)}<ul>{''.join(links)}</ul></main>"
        "<footer>Bench farm</footer></body></html>"
    )


def main():
    out, hosts, pages = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    for h in range(hosts):
        address = f"127.0.0.{h + 2}"
        root = os.path.join(out, address)
        os.makedirs(os.path.join(root, "p"), exist_ok=True)
        rng = random.Random(h)
        with open(os.path.join(root, "robots.txt"), "w") as f:
            f.write("User-agent: *\nAllow: /\n")
        home_links = "".join(f'<li><a href="/p/{i}.html">Page {i}</a></li>' for i in range(10))
        with open(os.path.join(root, "index.html"), "w") as f:
            f.write(f"<!doctype html><html><head><title>Host {h}</title></head><body><main><h1>Host {h}</h1><ul>{home_links}</ul></main></body></html>")
        for i in range(pages):
            with open(os.path.join(root, "p", f"{i}.html"), "w") as f:
                f.write(page(rng, h, i, pages))


if __name__ == "__main__":
    main()
