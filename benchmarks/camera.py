"""Benchmark of the camera measurement's pose model in headless Chromium: milliseconds per
frame for the lite and the full model, on the committed Blender footage.

The vendored ``@mediapipe/pose`` files and the footage are served from a loopback HTTP
server started here (nothing is fetched from elsewhere); the page times ``pose.send`` on
every frame after two warm-up frames. Needs /usr/bin/chromium and Playwright.

    .venv/bin/python benchmarks/camera.py [--sequence side-flexion-dense] [--frames 20]
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VENDOR = "src/backpath/web/static/backpath/vendor/mediapipe-pose/"
FOOTAGE = "tests/camera/footage/"
PAGE = f"""<!doctype html><meta charset="utf-8"><title>pose benchmark</title>
<script src="/{VENDOR}pose.js"></script>
<script>
window.bench = async function (urls, complexity) {{
  const pose = new Pose({{locateFile: f => "/{VENDOR}" + f}});
  pose.setOptions({{modelComplexity: complexity, smoothLandmarks: false}});
  pose.onResults(() => {{}});
  await pose.initialize();
  const times = [];
  for (const [i, url] of urls.entries()) {{
    const img = new Image(); img.src = url; await img.decode();
    const t0 = performance.now(); await pose.send({{image: img}});
    if (i >= 2) times.push(performance.now() - t0);
  }}
  await pose.close();
  return times;
}};
</script>"""


class _Handler(SimpleHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/":
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sequence", default="side-flexion-dense")
    parser.add_argument("--frames", type=int, default=20)
    args = parser.parse_args()
    truth = json.loads((ROOT / FOOTAGE / args.sequence / "truth.json").read_text())
    urls = [f"/{FOOTAGE}{args.sequence}/{f['file']}" for f in truth["frames"]][: args.frames]
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(ROOT)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_port}/")
            for name, complexity in (("lite", 0), ("full", 1)):
                times = page.evaluate("([u, c]) => window.bench(u, c)", [urls, complexity])
                print(
                    f"{name}: {statistics.median(times):.0f} ms per frame (median), "
                    f"max {max(times):.0f} ms, {len(times)} frames of {args.sequence}"
                )
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
