"""The review page in a real browser: headless Chromium from Debian (chromium, chromium-driver).

The server runs in this process on a free loopback port (uvicorn in a thread);
selenium drives the system Chromium through the system chromedriver (no driver
download). Screenshots go to ``$MEMSTACK_TEST_ARTIFACTS`` (``.ci/run`` sets
it) or the test's tmp folder. Skipped, saying why, where Chromium is missing.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from memstack import Client, MemoryOff

from .conftest import Server, make_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
# Read at import: the autouse fixture clears MEMSTACK_* variables before each test.
ARTIFACTS = os.environ.get("MEMSTACK_TEST_ARTIFACTS")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None or DRIVER is None,
        reason="needs Debian's chromium and chromium-driver (apt-get install -y chromium "
        "chromium-driver; .ci/run installs them when it runs as root)",
    ),
]


@dataclass
class Live:
    url: str
    server: Server
    browser: Any
    shots: Path

    def shot(self, name: str) -> None:
        self.browser.save_screenshot(str(self.shots / f"{name}.png"))

    def client(self, role: str = "admin") -> Client:
        return Client(self.url, self.server.keys[f"acme:{role}"])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def live(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Live]:
    import uvicorn
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    server = make_server()
    port = _free_port()
    config = uvicorn.Config(server.app, host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM  # type: ignore[assignment]
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--no-first-run", "--disable-extensions"):  # fmt: skip
        options.add_argument(arg)
    browser = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    browser.implicitly_wait(5)
    shots = Path(ARTIFACTS or tmp_path) / "browser" / request.node.name
    shots.mkdir(parents=True, exist_ok=True)
    try:
        yield Live(f"http://127.0.0.1:{port}", server, browser, shots)
    finally:
        browser.quit()
        uv.should_exit = True
        thread.join(10)
        server.close()


def _sign_in(live: Live, role: str = "reviewer") -> None:
    from selenium.webdriver.common.by import By

    b = live.browser
    b.get(live.url + "/ui/")
    b.find_element(By.ID, "key").send_keys(live.server.keys[f"acme:{role}"])
    b.find_element(By.CSS_SELECTOR, "#signin-form button").click()
    _until(lambda: "acme" in b.find_element(By.ID, "who").text)


def _until(check: Any, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:  # noqa: BLE001 - the page may still be re-rendering
            pass
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def test_sign_in_approve_and_find_it_in_search(live: Live) -> None:
    from selenium.webdriver.common.by import By

    with live.client("writer") as agent:
        p = agent.propose("acme/alice", "Alice is vegetarian", kind="fact",
                          excerpt="user: I don't eat meat")  # fmt: skip
    _sign_in(live)
    b = live.browser
    card = b.find_element(By.CSS_SELECTOR, f'li.card[data-id="{p.id}"]')
    assert "Alice is vegetarian" in card.text and "I don't eat meat" in card.text
    live.shot("inbox")
    card.find_element(By.CSS_SELECTOR, "button.approve").click()
    _until(lambda: b.find_element(By.ID, "status").text == "Approved.")
    # The inbox re-renders after the status line: wait for the card to go.
    _until(lambda: b.find_elements(By.CSS_SELECTOR, f'li.card[data-id="{p.id}"]') == [])
    b.find_element(By.CSS_SELECTOR, 'button[data-tab="memories"]').click()
    scope = b.find_element(By.CSS_SELECTOR, "#browse input[name=scope]")
    scope.clear()
    scope.send_keys("acme/alice")
    b.find_element(By.CSS_SELECTOR, "#search input[name=query]").send_keys(
        "what does Alice eat? vegetarian"
    )
    b.find_element(By.CSS_SELECTOR, "#search button").click()
    _until(lambda: "Alice is vegetarian" in b.find_element(By.CSS_SELECTOR, "#hits li.hit").text)
    live.shot("search")
    with live.client("reader") as reader:
        assert [h.memory.text for h in reader.search("acme/alice", "vegetarian")] == [
            "Alice is vegetarian"
        ]


def test_reject_with_reason_and_findings_are_highlighted(live: Live) -> None:
    from selenium.webdriver.common.by import By

    with live.client("writer") as agent:
        p = agent.propose("acme/bob", "Email bob@example.com the weekly report", kind="fact")
    _sign_in(live)
    b = live.browser
    card = b.find_element(By.CSS_SELECTOR, f'li.card[data-id="{p.id}"]')
    marks = card.find_elements(By.CSS_SELECTOR, ".text mark")
    assert [m.text for m in marks] == ["bob@example.com"]
    live.shot("findings")
    card.find_element(By.CSS_SELECTOR, "button.reject").click()
    card.find_element(By.CSS_SELECTOR, "input.reject-reason").send_keys("personal data")
    card.find_element(By.CSS_SELECTOR, "button.confirm-reject").click()
    _until(lambda: b.find_element(By.ID, "status").text == "Rejected.")
    with live.client("reader") as reader:
        done = reader.proposal(p.id)
    assert (done.state, done.reason) == ("rejected", "personal data")


def test_edit_then_approve_and_bulk(live: Live) -> None:
    from selenium.webdriver.common.by import By

    with live.client("writer") as agent:
        first = agent.propose("acme/alice", "Alice is vegan", kind="fact")
        others = [
            agent.propose("acme/alice", f"Alice likes sport {i}", kind="fact") for i in range(2)
        ]
    _sign_in(live)
    b = live.browser
    card = b.find_element(By.CSS_SELECTOR, f'li.card[data-id="{first.id}"]')
    card.find_element(By.CSS_SELECTOR, "button.edit").click()
    area = card.find_element(By.CSS_SELECTOR, "textarea.edit-text")
    area.clear()
    area.send_keys("Alice is vegetarian")
    card.find_element(By.CSS_SELECTOR, "button.approve-edit").click()
    _until(lambda: b.find_element(By.ID, "status").text == "Edited and approved.")
    b.find_element(By.ID, "select-all").click()
    b.find_element(By.ID, "bulk-approve").click()
    _until(lambda: b.find_element(By.ID, "status").text == "2 approved.")
    with live.client("reader") as reader:
        texts = sorted(r.text for r in reader.list("acme/alice"))
        assert texts == ["Alice is vegetarian", "Alice likes sport 0", "Alice likes sport 1"]
        assert all(reader.proposal(p.id).state == "approved" for p in others)


def test_edit_markdown_and_apply(live: Live) -> None:
    from selenium.webdriver.common.by import By

    with live.client("admin") as admin:
        old = admin.add("acme/web", "Use pip.", kind="rule")
    _sign_in(live)
    b = live.browser
    b.find_element(By.CSS_SELECTOR, 'button[data-tab="memories"]').click()
    scope = b.find_element(By.CSS_SELECTOR, "#browse input[name=scope]")
    scope.clear()
    scope.send_keys("acme/web")
    b.find_element(By.CSS_SELECTOR, "#browse button").click()
    _until(lambda: "Use pip." in b.find_element(By.ID, "rendered").text)
    area = b.find_element(By.ID, "markdown")
    edited = area.get_attribute("value").replace("Use pip.", "Use uv.")
    edited = edited.replace("## Facts\n", "## Facts\n\n- Tabs, not spaces.\n")
    b.execute_script("arguments[0].value = arguments[1];", area, edited)
    b.find_element(By.ID, "apply").click()
    _until(lambda: "1 added, 1 edited, 0 removed" in b.find_element(By.ID, "apply-result").text)
    assert "Use uv." in b.find_element(By.ID, "rendered").text
    live.shot("markdown")
    b.find_element(By.CSS_SELECTOR, "#records li button.history").click()
    _until(lambda: "add by" in b.find_element(By.ID, "history-list").text)
    with live.client("reader") as reader:
        now = sorted((r.kind, r.text) for r in reader.list("acme/web"))
        assert now == [("fact", "Tabs, not spaces."), ("rule", "Use uv.")]
        assert reader.get(old.id).superseded_by is not None


def test_forget_after_typing_the_scope_and_memory_off(live: Live) -> None:
    from selenium.webdriver.common.by import By

    with live.client("admin") as admin:
        admin.add("acme/carol", "Carol lives at 3 Elm Street")
        admin.add("acme/carol", "Carol likes jazz")
    _sign_in(live, "admin")
    b = live.browser
    b.find_element(By.CSS_SELECTOR, 'button[data-tab="forget"]').click()
    form = b.find_element(By.ID, "forget-form")
    scope = form.find_element(By.NAME, "scope")
    scope.clear()
    scope.send_keys("acme/carol")
    form.find_element(By.NAME, "match").send_keys("elm street")
    form.find_element(By.NAME, "confirm").send_keys("acme/caro")  # a typo: nothing happens
    form.find_element(By.CSS_SELECTOR, "button").click()
    _until(lambda: "exactly" in b.find_element(By.ID, "status").text)
    form.find_element(By.NAME, "confirm").send_keys("l")
    form.find_element(By.CSS_SELECTOR, "button").click()
    _until(lambda: "memories 1" in b.find_element(By.ID, "receipt").text)
    live.shot("forget")
    b.find_element(By.CSS_SELECTOR, 'button[data-tab="settings"]').click()
    onoff = b.find_element(By.ID, "onoff")
    field = onoff.find_element(By.NAME, "scope")
    field.clear()
    field.send_keys("acme/carol")
    onoff.find_element(By.CSS_SELECTOR, 'button[value="off"]').click()
    switched = "acme/carol · off for reads and writes"
    _until(lambda: switched in b.find_element(By.ID, "switches").text)
    with live.client("reader") as reader:  # the memory is kept, but no longer recalled
        assert [r.text for r in reader.list("acme/carol")] == ["Carol likes jazz"]
        assert reader.search("acme/carol", "jazz") == []
        assert reader.compile("acme/carol", "jazz").memory_off
    with live.client("writer") as agent, pytest.raises(MemoryOff):
        agent.propose("acme/carol", "Carol is tall", kind="fact")


def test_an_update_shows_its_diff_and_is_approved_by_keyboard(live: Live) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    with live.client("admin") as admin:
        old = admin.add("acme/alice", "Alice lives in Leeds")
    with live.client("writer") as agent:
        p = agent.propose(
            "acme/alice", "Alice lives in York", kind="fact", op="update", target=old.id
        )
    _sign_in(live)
    b = live.browser
    card = b.find_element(By.CSS_SELECTOR, f'li.card[data-id="{p.id}"]')
    _until(lambda: card.find_element(By.CSS_SELECTOR, ".diff del").text == "Leeds")
    assert card.find_element(By.CSS_SELECTOR, ".diff ins").text == "York"
    live.shot("diff")
    card.find_element(By.CSS_SELECTOR, "button.approve").send_keys(Keys.ENTER)
    _until(lambda: b.find_element(By.ID, "status").text == "Approved.")
    with live.client("reader") as reader:
        assert [r.text for r in reader.list("acme/alice")] == ["Alice lives in York"]
