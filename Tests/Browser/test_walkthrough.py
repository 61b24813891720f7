"""Browser test: headless Chromium walks the demo site like a counselor would.

Starts `bleibe serve` on a fresh SQLite file filled by `bleibe demo`, logs in as the demo counselor (password and
TOTP), finds a client, opens the assessment, changes the current status period in the editor and checks that the
assessment changes. Run by scripts/test-all.sh (needs Debian's chromium and chromium-driver, and selenium).
"""
import base64
import os
import re
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import EMAIL, PASSWORD, SECRET, http_login, totp


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600", "--lang=de"):
        options.add_argument(arg)
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def wait_title(browser, prefix: str):
    """Waits for the next page (clicks navigate asynchronously) and returns its h1."""
    WebDriverWait(browser, 10).until(lambda d: d.title.startswith(prefix))
    return browser.find_element(By.TAG_NAME, "h1").text


def log_in(browser, server):
    browser.get(server + "/login")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Anmelden"
    browser.find_element(By.ID, "email").send_keys(EMAIL)
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    assert wait_title(browser, "Zweiter Faktor") == "Bestätigungscode"
    browser.find_element(By.ID, "code").send_keys(totp(SECRET, time.time()))
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()


def result_of(browser, key: str) -> str:
    return browser.find_element(By.CSS_SELECTOR, f"#h-{key} span").text


def test_counselor_opens_a_client_and_sees_the_assessment_change(browser, server):
    log_in(browser, server)
    assert wait_title(browser, "Klient:innen") == "Klient:innen"
    assert "Anna Winkler" in browser.find_element(By.TAG_NAME, "header").text
    rows = browser.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) >= 20
    # Search tolerates transliteration: the list filters to matching names.
    box = browser.find_element(By.ID, "q")
    box.clear()
    first_name = rows[0].find_element(By.TAG_NAME, "a").text.split(", ")[1]
    box.send_keys(first_name)
    browser.find_element(By.CSS_SELECTOR, "form[role=search] button").click()
    WebDriverWait(browser, 10).until(lambda d: "q=" in d.current_url)
    hits = browser.find_elements(By.CSS_SELECTOR, "tbody tr a")
    assert hits and any(first_name.lower() in h.text.lower() for h in hits)
    expected = hits[0].text.split(", ")
    hits[0].click()
    name = wait_title(browser, expected[1])
    assert name == expected[1] + " " + expected[0]
    assert "Aktenzeichen" in browser.find_element(By.CSS_SELECTOR, "main p").text
    browser.find_element(By.LINK_TEXT, "Prüfung der Bleiberechtswege").click()
    assert wait_title(browser, "Prüfung") == "Prüfung: " + name
    overview = browser.find_element(By.TAG_NAME, "table").text
    for title in ("§ 25a Abs. 1 AufenthG", "§ 25b Abs. 1 AufenthG", "§ 60d AufenthG", "§ 25 Abs. 5 AufenthG"):
        assert title in overview
    assert result_of(browser, "104c") == "ausgeschlossen"
    browser.save_screenshot(os.path.join(tempfile.gettempdir(), "bleibe-assessment.png"))

    # The current status becomes a residence permit under § 23a: § 25b is then not met (b_status).
    browser.find_element(By.LINK_TEXT, "Zurück zur Akte").click()
    wait_title(browser, expected[1])
    browser.find_element(By.LINK_TEXT, "Statusverlauf bearbeiten").click()
    wait_title(browser, "Statusverlauf")
    kinds = [Select(s) for s in browser.find_elements(By.CSS_SELECTOR, "select[id$=_kind]")]
    last = max(i for i, s in enumerate(kinds) if s.first_selected_option.get_attribute("value"))
    kinds[last].select_by_value("aufenthaltserlaubnis")
    browser.find_element(By.NAME, f"p{last}_basis").send_keys("23a")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    assert wait_title(browser, "Prüfung") == "Prüfung: " + name
    assert result_of(browser, "25b") == "nicht erfüllt"
    section = browser.find_element(By.ID, "p-25b").text
    assert "Geduldet" in section and "§ 25b Abs. 1 S. 1 AufenthG" in section


def test_pages_have_no_inline_script_and_are_labelled(browser, server):
    browser.get(server + "/clients/new")
    html = browser.page_source
    # One script, from the site itself (the warning before the session ends), none inline.
    assert re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S) == [(' src="/static/session.js" defer=""', "")]
    for field in ("first_name", "last_name", "born"):
        assert browser.find_element(By.CSS_SELECTOR, f"label[for={field}]").text
    assert browser.find_element(By.TAG_NAME, "main").get_attribute("id") == "main"


def settle(browser):
    """A wait that tolerates the page being replaced while it looks (after a form post): chromedriver may also answer
    a look at an element of the leaving page with an "unhandled inspector error". A condition that never holds still
    ends in a timeout."""
    return WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException, NoSuchElementException, WebDriverException))


def open_client_without_open_case(browser):
    """From the client list, the page of the first client without an open case (one open case per person: while one
    is open, no second is offered). Returns the client's last and given name."""
    rows = [(a.get_attribute("href"), a.text) for a in browser.find_elements(By.CSS_SELECTOR, "tbody tr a")][:40]
    for href, name in rows:
        browser.get(href)
        settle(browser).until(lambda d: d.find_elements(By.ID, "cases"))
        if browser.find_elements(By.XPATH, "//button[text()='Akte eröffnen']"):
            last, given = name.split(", ")
            return last, given
    raise AssertionError("no client without an open case among the first 40")


def test_counselor_runs_a_case_session_document_and_reminder(browser, server):
    """Open a case, record a session, tick a document, set a reminder and see it on the dashboard."""
    import datetime
    browser.get(server + "/clients")
    if browser.title.startswith("Anmelden"):
        log_in(browser, server)
        wait_title(browser, "Klient:innen")
    last, given = open_client_without_open_case(browser)
    Select(browser.find_element(By.ID, "pathway")).select_by_value("25b")
    browser.find_element(By.XPATH, "//button[text()='Akte eröffnen']").click()
    assert wait_title(browser, "Akte") == f"Akte: {given} {last}"
    case_url = browser.current_url.split("?")[0].split("#")[0]
    # A session: the first of the case is the Erstberatung.
    duration = browser.find_element(By.ID, "duration")
    duration.clear()
    duration.send_keys("45")
    browser.find_element(By.ID, "record").send_keys("Unterlagen für § 25b besprochen")
    browser.find_element(By.XPATH, "//button[text()='Beratung speichern']").click()
    settle(browser).until(lambda d: d.find_elements(By.XPATH, "//td[text()='Erstberatung']"))
    # Tick the "Leben in Deutschland" certificate as received.
    row = browser.find_element(By.ID, "doc-civic_test")
    assert row.find_element(By.CLASS_NAME, "doc-state").text == "fehlt"
    Select(row.find_element(By.NAME, "state")).select_by_value("received")
    row.find_element(By.TAG_NAME, "button").click()
    settle(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, "#doc-civic_test .doc-state").text.startswith("liegt vor"))
    # A reminder for tomorrow appears on the dashboard (moved to a working day if tomorrow is none).
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    browser.find_element(By.ID, "rem_on").send_keys(tomorrow.strftime("%d.%m.%Y"))
    browser.find_element(By.ID, "rem_title").send_keys("Arbeitsvertrag anfordern")
    browser.find_element(By.XPATH, "//button[text()='Wiedervorlage anlegen']").click()
    settle(browser).until(lambda d: "Arbeitsvertrag anfordern" in d.find_element(By.CSS_SELECTOR, "section[aria-labelledby=reminders]").text)
    browser.find_element(By.LINK_TEXT, "Übersicht").click()
    wait_title(browser, "Übersicht")
    due = browser.find_element(By.ID, "due").find_element(By.XPATH, "..").text
    assert "Arbeitsvertrag anfordern" in due and f"{last}, {given}" in due
    # At a phone's width the documents' forms stack in view under their document, and a table's caption wraps inside the
    # window instead of being cut off with the table's scroll box (QA40 L9).
    try:
        browser.set_window_size(375, 900)
        browser.get(case_url)
        wait_title(browser, "Akte")
        outside = browser.execute_script(
            "const w = document.documentElement.clientWidth;"
            "return [...document.querySelectorAll('table.documents form')].filter(f => f.getBoundingClientRect().right > w + 1).length")
        assert browser.find_elements(By.CSS_SELECTOR, "table.documents form") and outside == 0, f"{outside} document forms outside the window at 375 px"
        # The stacked cells are named by their hidden column headers.
        named = browser.execute_script(
            "return getComputedStyle(document.querySelector('#doc-civic_test .doc-state'), '::before').content")
        assert named == '"Stand: "', f"the stacked state cell is introduced by {named}"
        browser.get(server + "/clients")
        wait_title(browser, "Klient:innen")
        caption = browser.execute_script(
            "const c = document.querySelector('main table caption'); return c.getBoundingClientRect().right - document.documentElement.clientWidth")
        assert caption <= 1, f"the caption reaches {caption} px beyond the window at 375 px"
    finally:
        browser.set_window_size(1280, 1600)


def print_to_pdf(browser, name: str):
    """Prints the current page as Chromium does on A4 without margins; returns pdfinfo's fields and the text."""
    from selenium.webdriver.common.print_page_options import PrintOptions
    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7
    options.margin_top = options.margin_bottom = options.margin_left = options.margin_right = 0
    options.background = True
    pdf = base64.b64decode(browser.print_page(options))
    assert pdf.startswith(b"%PDF")
    path = os.path.join(tempfile.gettempdir(), name)
    with open(path, "wb") as f:
        f.write(pdf)
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    fields = {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in info.splitlines() if ":" in line)}
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
    return fields, text


def test_letter_prints_to_one_a4_page(browser, server):
    """A letter of a case printed by Chromium: one A4 page with the subject and the salutation (DIN 5008 layout)."""
    browser.get(server + "/clients")
    if browser.title.startswith("Anmelden"):
        log_in(browser, server)
        wait_title(browser, "Klient:innen")
    open_client_without_open_case(browser)
    client_url = browser.current_url.split("?")[0].split("#")[0]
    # A letter needs the pathway the case aims at (without one no application letter is offered), and one whose permit
    # the client does not hold already (then the letter would be untrue and is not offered): § 19d, rare in the demo.
    Select(browser.find_element(By.ID, "pathway")).select_by_value("19d-1")
    browser.find_element(By.XPATH, "//button[text()='Akte eröffnen']").click()
    wait_title(browser, "Akte")
    browser.find_element(By.LINK_TEXT, "Briefe").click()
    wait_title(browser, "Anschreiben")
    fields, text = print_to_pdf(browser, "bleibe-letter.pdf")
    assert fields["Pages"] == "1" and fields["Page size"].endswith("(A4)")
    assert "Sehr geehrte Damen und Herren" in text and "Antrag auf Erteilung einer Aufenthaltserlaubnis" in text
    assert "Übersicht" not in text  # navigation is not printed
    # On a screen narrower than the sheet (a laptop at 200 % zoom) the letter flows instead of scrolling sideways
    # (QA29 F6), and at 320 px the facts form's columns stay inside their fieldsets (QA29 F7).
    try:
        browser.set_window_size(700, 900)
        overflow = browser.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"the letter is {overflow} px too wide at 700 px"
        browser.set_window_size(320, 900)
        browser.get(client_url + "/facts")
        wait_title(browser, "Angaben")
        outside = browser.execute_script(
            "return [...document.querySelectorAll('fieldset .grid')].filter(g => g.getBoundingClientRect().right > g.parentElement.getBoundingClientRect().right + 1).length")
        assert outside == 0, f"{outside} grids wider than their fieldset at 320 px"
    finally:
        browser.set_window_size(1280, 1600)


def test_calendar_feed_parses_and_names_no_client(browser, server):
    """The counselor's iCal feed parses with Python's icalendar and carries none of the names on the appointment page."""
    import icalendar
    browser.get(server + "/appointments?view=week")
    if browser.title.startswith("Anmelden"):
        log_in(browser, server)
        wait_title(browser, "Klient:innen")
        browser.get(server + "/appointments?view=week")
    wait_title(browser, "Termine")
    names = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "main li a")]
    browser.find_element(By.LINK_TEXT, "weiter →").click()
    settle(browser).until(lambda d: "on=" in d.current_url)
    names += [a.text for a in browser.find_elements(By.CSS_SELECTOR, "main li a")]
    assert names, "the demo counselor has appointments this week or the next"
    browser.find_element(By.XPATH, "//button[text()='Neue Kalender-Adresse erzeugen']").click()
    url = settle(browser).until(lambda d: d.find_element(By.ID, "feed-url").text)
    assert url.startswith(server + "/calendar/"), "a full address a calendar program can subscribe to"
    body = urllib.request.urlopen(url, timeout=5).read()
    calendar = icalendar.Calendar.from_ical(body)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert events, "the demo counselor has appointments in the coming weeks"
    assert all(e.get("dtstart").dt.tzinfo is not None for e in events)
    text = body.decode("utf-8")
    for name in names:
        for part in name.split(", "):
            assert part not in text


def test_report_exports_read_back_in_standard_readers(server):
    """The counseling report's CSV reads back with Python's csv module and its XLSX with openpyxl, cell for cell."""
    import csv
    import io
    import openpyxl
    coordinator = http_login(server, "koordination@elbstadt.example", "7HXIAQQTFFS6OOAWUMDMY4QP5LZ6QCFQ")
    query = "/reports/counseling?quartal=2024-Q4&format="
    raw = coordinator.open(server + query + "csv").read()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Beratungen je Monat"] and rows[1] == ["", "Erstberatung", "Folgeberatung", "Summe"]
    cells = [c for r in rows for c in r[1:] if c not in ("", "Erstberatung", "Folgeberatung", "Summe")]
    assert all(c == "." or int(c) == 0 or int(c) >= 5 for c in cells if c.lstrip("-").isdigit() or c == ".")
    book = openpyxl.load_workbook(io.BytesIO(coordinator.open(server + query + "xlsx").read()))
    sheet = book.active
    xlsx_rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    def strip(r):
        r = list(r)
        while r and r[-1] == "":
            r.pop()
        return r
    # The same tables in both exports (trailing empty cells aside).
    assert [strip(r) for r in xlsx_rows if any(r)] == [strip(r) for r in rows if any(r)]


def public_request_path(browser, server) -> str:
    """The address of the service's public request form, as its appointment page shows it to a counselor."""
    browser.get(server + "/appointments")
    if browser.title.startswith("Anmelden"):
        log_in(browser, server)
        wait_title(browser, "Klient:innen")
        browser.get(server + "/appointments")
    return browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=online] a").get_attribute("href")


def test_public_request_form_is_right_to_left_in_arabic_and_farsi(browser, server):
    """The client-facing request form: Chromium lays the Arabic and Farsi pages out right to left, the others left to right."""
    path = public_request_path(browser, server)
    for lang, rtl, title in (("ar", True, "طلب موعد"), ("fa", True, "درخواست وقت ملاقات"), ("ru", False, "Записаться на консультацию"), ("de", False, "Termin anfragen")):
        browser.get(path + "?lang=" + lang)
        assert browser.find_element(By.TAG_NAME, "h1").text == title
        direction = browser.execute_script("return getComputedStyle(document.querySelector('main')).direction")
        assert direction == ("rtl" if rtl else "ltr")
        label = browser.find_element(By.CSS_SELECTOR, "label[for=name]")
        assert label.text
    browser.find_element(By.ID, "name").send_keys("Test Person")
    browser.find_element(By.ID, "contact").send_keys("0351 000000")
    browser.find_element(By.NAME, "consent").click()
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    settle(browser).until(lambda d: d.find_element(By.ID, "thanks").text.startswith("Vielen Dank"))
    # Redirected after the post: a reload shows the note again and sends nothing.
    assert browser.current_url.endswith("sent=1")


def test_language_switch_keeps_what_was_typed(browser, server):
    """Switching the language of the request form sends what was typed along: the Arabic page shows it again."""
    path = public_request_path(browser, server)
    browser.get(path + "?lang=de")
    browser.find_element(By.ID, "name").send_keys("Test Person")
    browser.find_element(By.ID, "message").send_keys("Am liebsten vormittags")
    browser.find_element(By.CSS_SELECTOR, "nav button[lang=ar]").click()
    settle(browser).until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "طلب موعد")
    assert browser.find_element(By.ID, "name").get_attribute("value") == "Test Person"
    assert browser.find_element(By.ID, "message").get_attribute("value") == "Am liebsten vormittags"
    assert not browser.find_elements(By.CSS_SELECTOR, ".error-summary")  # nothing was checked on the way


def test_self_check_answers_in_arabic_right_to_left_with_german_actions(browser, server):
    """The client's self-check, reached from the request form: answers in Arabic, the results right to left, the
    actions for counseling in German left to right, and the answers kept in the form."""
    path = public_request_path(browser, server)
    browser.get(path + "?lang=ar")
    browser.find_element(By.CSS_SELECTOR, "a[href*='/selbstcheck/']").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "h1").text.startswith("فحص ذاتي"))
    assert "<script" not in browser.page_source
    for field in browser.find_elements(By.CSS_SELECTOR, "main form select, main form input:not([type=hidden])"):
        assert browser.find_element(By.CSS_SELECTOR, f"label[for={field.get_attribute('id')}]").text  # every question is labelled
    for field, value in (("born", "1990-03-01"), ("entered", "2016-05-10"), ("duldung_since", "2018-02-01"), ("status_since", "2018-02-01")):
        browser.execute_script("document.getElementById(arguments[0]).value = arguments[1]", field, value)
    for field, value in (("status", "duldung"), ("marital_status", "married"), ("german", "B1"), ("civic", "yes"), ("fdgo", "yes"),
                         ("work_share", "most"), ("passport", "yes"), ("obstruction", "no"), ("bars", "no"), ("convicted", "no")):
        Select(browser.find_element(By.ID, field)).select_by_value(value)
    browser.find_element(By.ID, "minor_children").send_keys("2")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    settle(browser).until(lambda d: d.find_element(By.ID, "self-check-result").is_displayed())
    rows = browser.find_elements(By.CSS_SELECTOR, "#self-check-result tbody tr")
    assert len(rows) == 12 and all(r.get_attribute("data-outcome") for r in rows)
    assert browser.execute_script("return getComputedStyle(document.getElementById('self-check-result')).direction") == "rtl"
    assert browser.execute_script("return getComputedStyle(document.getElementById('actions')).direction") == "ltr"
    assert browser.find_element(By.ID, "born").get_attribute("value") == "1990-03-01"
    assert Select(browser.find_element(By.ID, "german")).first_selected_option.get_attribute("value") == "B1"


def test_consent_form_prints_to_one_a4_page(browser, server):
    """The release from confidentiality of a recorded consent, printed to sign: one A4 page, filled from the record."""
    browser.get(server + "/clients")
    if browser.title.startswith("Anmelden"):
        log_in(browser, server)
        wait_title(browser, "Klient:innen")
    clients = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "tbody tr a")][:40]
    for href in clients:
        browser.get(href + "/consents")
        links = browser.find_elements(By.LINK_TEXT, "Formular drucken")
        if links:
            links[0].click()
            break
    wait_title(browser, "Schweigepflichtentbindung")
    name = browser.find_element(By.CSS_SELECTOR, "article.consent-form strong").text
    fields, text = print_to_pdf(browser, "bleibe-consent.pdf")
    assert fields["Pages"] == "1" and fields["Page size"].endswith("(A4)")
    assert name in text and "§ 203 StGB" in text and "Art. 7 Abs. 3 DSGVO" in text and "Unterschrift der Klientin" in text
    assert "zurück zu den Schweigepflichtentbindungen" not in text  # the screen-only hints are not printed
    # With a translation in the client's language: the German form to sign on page 1, the translation on page 2.
    browser.get(browser.current_url.split("?")[0] + "?lang=ar")
    fields, text = print_to_pdf(browser, "bleibe-consent-ar.pdf")
    assert fields["Pages"] == "2" and "Unterschrift der Klientin" in text.split("\f")[0] and name in text.split("\f")[1]


def test_wide_tables_fit_a_1280_px_window(browser, server):
    """The status editor and the consents (with the scan upload) are seen whole at 1280 px, without side-scrolling
    (QA41 C12: the upload and two status columns were cut off)."""
    browser.get(server + "/clients")
    if browser.title.startswith("Anmelden"):
        log_in(browser, server)
        wait_title(browser, "Klient:innen")
    browser.set_window_size(1280, 1000)
    try:
        clients = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "tbody tr a")][:40]
        overflow = "return [...document.querySelectorAll(arguments[0])].map(t => t.scrollWidth - t.clientWidth)"
        seen = 0
        for href in clients:
            browser.get(href + "/consents")
            if browser.find_elements(By.CSS_SELECTOR, "table.consents input[type=file]"):
                assert browser.execute_script(overflow, "table.consents") == [0]
                seen += 1
                break
        browser.get(clients[0] + "/status")
        assert browser.execute_script(overflow, "table.status-editor") == [0]
        assert seen == 1, "no client with a consent among the first 40"
    finally:
        browser.set_window_size(1280, 1600)


def test_longest_client_plan_prints_to_one_a4_page(browser, server):
    """The plan handed to the client: of the first 40 demo clients the one with the longest plan, in German and in
    Russian (the longest translation), fits one A4 page (QA26 C9: a line spilled onto a second page)."""
    browser.get(server + "/clients")
    if browser.title.startswith("Anmelden"):
        log_in(browser, server)
        wait_title(browser, "Klient:innen")
    clients = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "tbody tr a")][:40]
    lengths = []
    for href in clients:
        browser.get(href + "/plan?lang=ru")
        lengths.append((len(browser.find_element(By.TAG_NAME, "main").text), href))
    longest = max(lengths)[1]
    for lang in ("ru", "de"):
        browser.get(longest + "/plan?lang=" + lang)
        fields, text = print_to_pdf(browser, f"bleibe-plan-{lang}.pdf")
        assert fields["Pages"] == "1", (lang, longest, fields["Pages"])


def test_public_pages_fit_a_phone_screen(browser, server):
    """At a phone's width (375 px) the client-facing pages do not scroll sideways in any language: long answers in a
    select shrink with it (a fieldset's default min-width once widened the self-check to 480 px in Farsi)."""
    path = public_request_path(browser, server)
    browser.set_window_size(375, 900)
    try:
        for page in (path, path.replace("/anfrage/", "/selbstcheck/")):
            for lang in ("de", "ar", "fa"):
                browser.get(page + "?lang=" + lang)
                overflow = browser.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 1, f"{page}?lang={lang} is {overflow} px too wide"
        # The self-check's result too, with its longest words (QA26 C12: 5 px too wide in German).
        for lang in ("de", "ru", "fa"):
            browser.get(path.replace("/anfrage/", "/selbstcheck/") + "?lang=" + lang)
            browser.find_element(By.CSS_SELECTOR, "main form > p > button[type=submit]").click()
            settle(browser).until(lambda d: d.find_elements(By.ID, "self-check-result"))
            overflow = browser.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 1, f"self-check result ({lang}) is {overflow} px too wide"
        # Staff pages with wide tables: the table scrolls in its own box, the page does not.
        for staff in ("/clients", "/referrals", "/advice", "/contacts"):
            browser.get(server + staff)
            overflow = browser.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 1, f"{staff} is {overflow} px too wide"
    finally:
        browser.set_window_size(1280, 1600)


def test_information_request_in_arabic_prints_without_the_staff_controls(browser, server):
    """The client's information request (Art. 15 DSGVO) from the client page: the explanations chosen in Arabic run
    right to left, the stored data stay German left to right, and the printout leaves out the staff's controls."""
    browser.get(server + "/clients")
    if browser.title.startswith("Anmelden"):
        log_in(browser, server)
        wait_title(browser, "Klient:innen")
    browser.find_element(By.CSS_SELECTOR, "tbody tr a").click()
    settle(browser).until(lambda d: d.find_element(By.PARTIAL_LINK_TEXT, "Auskunft (Art. 15 DSGVO)")).click()
    assert wait_title(browser, "Auskunft") == "Auskunft über Ihre gespeicherten Daten (Art. 15 DSGVO)"
    Select(browser.find_element(By.ID, "lang")).select_by_value("ar")
    browser.find_element(By.CSS_SELECTOR, "form.no-print button[type=submit]").click()
    # The page is replaced by the Arabic one: a look at the leaving page's heading may find it gone.
    settle(browser).until(lambda d: d.find_element(By.TAG_NAME, "h1").text.startswith("معلومات"))
    assert browser.execute_script("return getComputedStyle(document.getElementById('explained')).direction") == "rtl"
    assert browser.execute_script("return getComputedStyle(document.getElementById('stored')).direction") == "ltr"
    _, text = print_to_pdf(browser, "bleibe-auskunft.pdf")
    assert "Aufenthaltsverlauf" in text and "Stammdaten" in text
    assert "Sprache der Erläuterungen" not in text and "Zurück zur Akte" not in text


def test_second_factor_enrolment_shows_a_qr_code_a_reader_decodes(browser, server):
    """The enrolment page's QR code (drawn by the project's own encoder) read by zxing-cpp gives the page's otpauth
    link, and the browser shows it large enough to scan."""
    import html
    import http.cookiejar
    import urllib.parse
    import zxingcpp

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    token = lambda page: re.search(r'name="csrf" value="([^"]*)"', page).group(1)
    page = opener.open(server + "/login").read().decode()
    opener.open(server + "/login", urllib.parse.urlencode({"email": "ehrenamt@elbstadt.example", "password": PASSWORD, "csrf": token(page)}).encode())
    page = opener.open(server + "/account/totp").read().decode()
    link = html.unescape(re.search(r'<a href="(otpauth://[^"]+)"', page).group(1))
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)
    assert f"secret={secret}" in link
    svg = re.search(r'<figure class="qr" id="totp-qr">(<svg.*?</svg>)', page).group(1)
    side = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
    dark = {(int(x), int(y)) for x, y in re.findall(r"M(\d+) (\d+)h1v1h-1z", svg)}
    scale = 6
    width = side * scale
    image = bytearray([255]) * (width * width)
    for x, y in dark:
        for dy in range(scale):
            start = (y * scale + dy) * width + x * scale
            image[start:start + scale] = bytes(scale)
    found = zxingcpp.read_barcodes(memoryview(image).cast("B", (width, width)))
    assert [(b.text, str(b.format)) for b in found] == [(link, "QR Code")]

    # In the browser (the volunteer's session cookie): the code is drawn, square and at least 150 px wide.
    browser.delete_all_cookies()
    browser.get(server + "/login")
    for c in jar:
        browser.add_cookie({"name": c.name, "value": c.value, "path": c.path})
    browser.get(server + "/account/totp")
    figure = browser.find_element(By.CSS_SELECTOR, "#totp-qr svg")
    assert figure.size["width"] >= 150 and figure.size["width"] == figure.size["height"]
    browser.delete_all_cookies()
