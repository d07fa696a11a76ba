"""The participant page in headless Chromium at phone size: code, name, three pillars, review, submit.

Needs Debian's `chromium` and `chromium-driver` and the `selenium` package; skipped
when any is missing (the rest of the suite never needs a browser). Talks to
127.0.0.1 only.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from phone_client import REVOTED, Served, serve_workshop

from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium and chromium-driver are not installed")


@pytest.fixture
def browser() -> Iterator[object]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=360,740"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True})
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


@pytest.fixture
def room() -> Iterator[Served]:
    ws = build_demo()
    ops.open_round(ws, REVOTED, "Third look")
    served = serve_workshop(ws, 3)
    yield served
    served.server.stop()


def test_a_full_ballot_from_a_phone_sized_browser(browser, room: Served) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 10)
    browser.get(f"http://127.0.0.1:{room.server.port}/")
    wait.until(ec.visibility_of_element_located((By.ID, "code"))).send_keys(room.room.code)
    browser.find_element(By.CSS_SELECTOR, "form button").click()
    person = room.workshop.participants[4]
    wait.until(ec.visibility_of_element_located((By.XPATH, f"//div[@id='names']/button[.='{person.name}']"))).click()
    picks = [1, None, 3]
    for i, stage in enumerate(picks):
        wait.until(ec.text_to_be_present_in_element((By.ID, "pillar-count"), f"Pillar {i + 1} of 3"))
        cards = browser.find_elements(By.CSS_SELECTOR, "#stages [role=radio]")
        assert len(cards) == room.workshop.rubric.k + 1
        (cards[-1] if stage is None else cards[stage - 1]).click()
        if i == 0:
            browser.find_element(By.ID, "comment").send_keys("seen in the pilot")
        browser.find_element(By.ID, "next").click()
    wait.until(ec.visibility_of_element_located((By.ID, "submit"))).click()
    wait.until(ec.visibility_of_element_located((By.ID, "done-h")))
    got = {r.pillar: (r.stage, r.comment) for r in room.workshop.ratings
           if r.round == 3 and r.participant == person.id}
    assert got == {REVOTED[0]: (1, "seen in the pilot"), REVOTED[1]: (None, ""), REVOTED[2]: (3, "")}
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 360  # nothing wider than the phone


def test_scanning_the_qr_address_joins_at_once_and_cleans_the_address(browser, room: Served) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    room.room.set_names_hidden(True)
    browser.get(room.server.url)
    person = room.workshop.participants[0]
    WebDriverWait(browser, 10).until(
        ec.visibility_of_element_located((By.XPATH, f"//div[@id='names']/button[.='{person.name}']")))
    assert browser.current_url.rstrip("/") == room.server.address  # the code is not left in the history
    assert "names hidden" in browser.find_element(By.ID, "name-help").text
