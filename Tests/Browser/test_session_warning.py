"""Browser test: before a logout by inactivity the page warns and offers to stay logged in (WCAG 2.2.1); after it,
the page says so and still holds what was typed. A server of its own with a 20-second idle timeout."""
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import demo_server
from test_walkthrough import browser, log_in, wait_title  # noqa: F401 (fixture of this module too)


@pytest.fixture(scope="module")
def short_server():
    yield from demo_server({"BLEIBE_IDLE_TIMEOUT": "20"})


def test_warning_extends_the_session_and_the_end_keeps_what_was_typed(browser, short_server):
    log_in(browser, short_server)
    wait_title(browser, "Klient:innen")
    browser.get(short_server + "/clients/new")
    wait_title(browser, "Neue")
    field = browser.find_element(By.ID, "first_name")
    field.send_keys("Notiz, die nicht verloren gehen soll")
    warning = browser.find_element(By.ID, "session-warning")
    assert not warning.is_displayed()
    WebDriverWait(browser, 25).until(lambda d: warning.is_displayed())
    assert "Ihre Sitzung endet bald" in warning.text and "abgemeldet" in warning.text
    # The button takes the focus: one key press keeps the session.
    assert browser.switch_to.active_element.get_attribute("id") == "session-extend"
    browser.find_element(By.ID, "session-extend").click()
    WebDriverWait(browser, 10).until(lambda d: not warning.is_displayed())
    assert browser.find_element(By.ID, "first_name").get_attribute("value") == "Notiz, die nicht verloren gehen soll"
    # Not extended a second time: the warning comes again, then the end, said on the page that keeps the text.
    ended = browser.find_element(By.ID, "session-ended")
    WebDriverWait(browser, 40).until(lambda d: ended.is_displayed())
    assert not warning.is_displayed()
    assert "Sitzung beendet" in ended.text
    assert browser.find_element(By.ID, "first_name").get_attribute("value") == "Notiz, die nicht verloren gehen soll"
    link = browser.find_element(By.ID, "session-login").get_attribute("href")
    assert link.endswith("/login?abgelaufen=1&weiter=%2Fclients%2Fnew")
    # The server agrees: the session is gone. Asked a few seconds later: the server counts from the extend request's
    # arrival, the page from the click, and on a loaded machine the request arrives a moment later (a request before
    # the server's end would itself keep the session).
    time.sleep(3)
    browser.get(short_server + "/clients")
    assert wait_title(browser, "Anmelden") == "Anmelden"
