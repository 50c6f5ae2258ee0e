"""Drive headless Chromium over the DevTools protocol on a pipe (no port, no network):
set an exact viewport, open a page, evaluate an expression in it, take a screenshot."""

from __future__ import annotations

import base64
import json
import os
import select
import struct
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")


@dataclass(frozen=True)
class Shot:
    value: Any  # what the expression returned
    png: bytes

    @property
    def size(self) -> tuple[int, int]:
        """Width and height from the PNG's IHDR chunk."""
        assert self.png[:8] == b"\x89PNG\r\n\x1a\n" and self.png[12:16] == b"IHDR"
        width, height = struct.unpack(">II", self.png[16:24])
        return width, height


class _Pipe:
    def __init__(self, process: subprocess.Popen[bytes], to_browser: int, from_browser: int):
        self.process, self.to_browser, self.from_browser = process, to_browser, from_browser
        self.buffer = b""
        self.next_id = 0

    def send(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> Any:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        reply = self.wait(lambda m: m.get("id") == self.next_id)
        assert "error" not in reply, f"{method}: {reply['error']}"
        return reply.get("result", {})

    def wait(self, wanted: Any, timeout: float = 30.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\0", 1)
                message: dict[str, Any] = json.loads(raw)
                if wanted(message):
                    return message
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.from_browser], [], [], max(left, 0))
            assert ready, "Chromium did not answer in time"
            chunk = os.read(self.from_browser, 1 << 20)
            assert chunk, "Chromium closed the pipe"
            self.buffer += chunk


def shoot(page: str, expression: str, *, width: int, height: int, profile_dir: Path) -> Shot:
    """Open `page` (a URL) in a `width`×`height` viewport, evaluate `expression` once the
    page has loaded (as a user's actions would, the page's CSP does not apply to it), then
    screenshot the viewport as it is: what was measured is what is pictured."""
    to_browser_read, to_browser = os.pipe()
    from_browser, from_browser_write = os.pipe()
    # Chromium reads commands on fd 3 and writes replies on fd 4.
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile_dir}",
        "--remote-debugging-pipe",
    ]  # fmt: skip

    def wire_fds() -> None:  # via fresh copies: either pipe end may already be 3 or 4
        commands, replies = os.dup(to_browser_read), os.dup(from_browser_write)
        os.dup2(commands, 3)
        os.dup2(replies, 4)

    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(3, 4),  # kept open past wire_fds
        preexec_fn=wire_fds,  # noqa: PLW1509 - only dup2, before exec
    )
    os.close(to_browser_read)
    os.close(from_browser_write)
    pipe = _Pipe(process, to_browser, from_browser)
    try:
        target = pipe.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
        pipe.send("Emulation.setDeviceMetricsOverride", metrics, session)
        pipe.send("Page.enable", {}, session)
        pipe.send("Page.navigate", {"url": page}, session)
        pipe.wait(lambda m: m.get("method") == "Page.loadEventFired")
        evaluated = pipe.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session
        )
        assert "exceptionDetails" not in evaluated, evaluated["exceptionDetails"]
        shot = pipe.send("Page.captureScreenshot", {"format": "png"}, session)
        pipe.send("Browser.close")
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(to_browser)
        os.close(from_browser)
    return Shot(evaluated["result"].get("value"), base64.b64decode(shot["data"]))
