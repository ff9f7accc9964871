"""The status page in a real browser: headless Chromium (Debian's package) loads /status from a running `klaxon serve`
(local mode) while `klaxon say` plays a public P0 from declaration to resolution, checks the visible text after
each step through the DevTools protocol, and saves a screenshot of each step (and the last one on a phone, in dark
mode) into the output directory."""
import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket  # websocket-client, from PyPI (scripts/install-test-deps.sh)

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "ops"))
from klaxon_process import KlaxonProcess, report  # noqa: E402

# Each step: the command typed in chat, what the page must then show, and what it must no longer show.
STEPS = [
    ("/incident p0 Uploads failing for everyone --public",
     ["Uploads failing for everyone", "Investigating", "We are investigating reports of a problem"], ["All systems operational"]),
    ("/incident affects uploads", ["Major outage"], []),
    ("/incident update --public Uploads fail for all customers. We are on it.", ["Uploads fail for all customers. We are on it."], []),
    ("/incident status identified --public We found the cause: a database limit.", ["Identified", "We found the cause: a database limit."], []),
    ("/incident eta 30m", ["Expected fix by"], []),
    ("/incident status monitoring", ["Monitoring", "A fix is in place and we are monitoring the results."], []),
    ("/incident resolve Pool raised --force customer confirmation pending",
     ["All systems operational", "No incidents right now.", "This incident has been resolved."], ["Expected fix by", "Pool raised"]),
]


class Browser:
    """One headless Chromium with one page, driven over the DevTools protocol."""

    def __init__(self, binary, profile):
        self.process = subprocess.Popen(
            [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
             "--remote-debugging-port=0", f"--user-data-dir={profile}", "--window-size=1200,1000", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(profile, "DevToolsActivePort")
        deadline = time.monotonic() + 60
        while not os.path.exists(port_file) or not open(port_file).read().strip():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise SystemExit("chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        page = next(target for target in targets if target["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events = []
        self.call("Page.enable")

    def call(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if "method" in message:
                self.events.append(message["method"])
            elif message.get("id") == self.next_id:
                if "error" in message:
                    raise SystemExit(f"{method}: {message['error']}")
                return message.get("result", {})

    def open(self, url):
        self.navigate("Page.navigate", url=url)

    def reload(self):
        """As a reader presses reload: the browser revalidates its cached copy (If-None-Match), as the page allows."""
        self.navigate("Page.reload")

    def navigate(self, method, **params):
        """Runs a navigation and waits for its page's load event (not the previous page's readyState)."""
        self.events.clear()
        self.call(method, **params)
        deadline = time.monotonic() + 30
        while "Page.loadEventFired" not in self.events:
            if time.monotonic() > deadline:
                raise SystemExit(f"{method} {params} did not finish loading")
            message = json.loads(self.socket.recv())
            if "method" in message:
                self.events.append(message["method"])

    def evaluate(self, expression):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def screenshot(self, path):
        with open(path, "wb") as file:
            file.write(base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"]))

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=30)


def say(binary, port, data_dir, line):
    result = subprocess.run([binary, "say", "--port", str(port), "--data-dir", data_dir, line],
                            capture_output=True, text=True, timeout=60)
    return result.returncode, result.stdout + result.stderr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--output", default=".build/status-browser")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    args = parser.parse_args()
    os.makedirs(args.output, exist_ok=True)
    work = tempfile.mkdtemp(prefix="klaxon-status-browser-")
    data_dir = os.path.join(work, "data")
    log_path = os.path.join(args.output, "klaxon.log")
    env = {"KLAXON_DATA_DIR": data_dir}
    klaxon = KlaxonProcess(args.binary, env, log_path)
    failures = []
    browser = None
    try:
        klaxon.wait_ready()
        browser = Browser(args.chromium, os.path.join(work, "profile"))
        url = f"http://127.0.0.1:{klaxon.port}/status"
        browser.open(url)
        if "All systems operational" not in browser.evaluate("document.body.innerText"):
            failures.append("before any incident the page does not say all systems are operational")
        for number, (line, shown, gone) in enumerate(STEPS, start=1):
            status, output = say(args.binary, klaxon.port, data_dir, line)
            if status != 0 or "[only you see this]" in output:
                failures.append(f"step {number}: `{line}` was not recorded: {output.strip()}")
                continue
            browser.reload()
            text = browser.evaluate("document.body.innerText")
            shot = os.path.join(args.output, f"step-{number}.png")
            browser.screenshot(shot)
            missing = [want for want in shown if want not in text]
            present = [unwanted for unwanted in gone if unwanted in text]
            if missing or present:
                failures.append(f"step {number} ({line}): missing {missing}, still shown {present}; see {shot}")
            else:
                print(f"status-browser: step {number} ok: {line} ({shot})")
        landmarks = browser.evaluate("[!!document.querySelector('header'), !!document.querySelector('main'), "
                                     "!!document.querySelector('footer'), document.querySelectorAll('h1').length, "
                                     "document.documentElement.lang, document.querySelectorAll('script').length]")
        if landmarks != [True, True, True, 1, "en", 0]:
            failures.append(f"landmarks, one h1, a language and no script expected; got {landmarks}")
        browser.call("Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=2, mobile=True)
        browser.call("Emulation.setEmulatedMedia", features=[{"name": "prefers-color-scheme", "value": "dark"}])
        browser.open(url)
        if browser.evaluate("document.documentElement.scrollWidth") > 390:
            failures.append("the page is wider than a phone's screen")
        browser.screenshot(os.path.join(args.output, "phone-dark.png"))
    finally:
        if browser:
            browser.close()
        klaxon.signal(15)
        klaxon.wait()
        shutil.rmtree(work, ignore_errors=True)
    return report("status-browser", failures, log_path)


if __name__ == "__main__":
    sys.exit(main())
