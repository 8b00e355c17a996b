"""The home programme: an unguessable, expiring, revocable link; session logs; the PDF."""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from backpath.web.audit.models import AuditEntry
from backpath.web.inbox.models import Entry
from backpath.web.programmes.actions import PlanNotAccepted, create_link, token_hash
from backpath.web.programmes.content import programme
from backpath.web.programmes.models import HepLink, SessionLog

pytestmark = pytest.mark.django_db


def _public(token: str) -> str:
    return reverse("programmes:public", args=[token])


def test_a_link_needs_an_accepted_plan(actor: Any, plan: Any) -> None:
    with pytest.raises(PlanNotAccepted):
        create_link(actor, plan)


def test_only_the_hash_of_the_token_is_stored(hep_link: tuple[Any, str]) -> None:
    link, token = hep_link
    assert len(token) >= 43 and link.token_hash == token_hash(token)
    assert not HepLink.objects.filter(token_hash=token).exists()


def test_the_clinician_sees_the_new_link_once(as_alice: Any, accepted_plan: Any) -> None:
    response = as_alice.post(reverse("programmes:create_link", args=[accepted_plan.pk]))
    page = response.content.decode()
    again = as_alice.get(reverse("plans:detail", args=[accepted_plan.pk])).content.decode()
    assert 'data-testid="new-link"' in page and 'data-testid="new-link"' not in again


def test_the_patient_opens_the_programme_without_an_account(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    link, token = hep_link
    page = client.get(_public(token)).content.decode()
    for item in link.plan.items:
        assert f'data-testid="hep-exercise-{item["exercise"]}"' in page
    assert 'data-testid="guide-red"' in page and 'data-testid="emergency-guide"' in page
    assert AuditEntry.objects.filter(action="hep.open").exists()


def test_an_expired_link_is_a_404(client: Any, hep_link: tuple[Any, str]) -> None:
    link, token = hep_link
    HepLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert client.get(_public(token)).status_code == 404


def test_a_revoked_link_is_a_404(client: Any, as_alice: Any, hep_link: tuple[Any, str]) -> None:
    link, token = hep_link
    as_alice.post(reverse("programmes:revoke_link", args=[link.pk]))
    assert client.get(_public(token)).status_code == 404
    assert client.get(reverse("programmes:public_pdf", args=[token])).status_code == 404


def test_a_made_up_token_is_a_404(client: Any, hep_link: tuple[Any, str]) -> None:
    assert client.get(_public("x" * 43)).status_code == 404


def test_a_green_session_is_logged_and_raises_no_alert(
    client: Any, as_alice: Any, pat: Any, hep_link: tuple[Any, str]
) -> None:
    response = client.post(
        _public(hep_link[1]),
        {"done": "yes", "change": "centralised", "emergency": "no"},
        follow=True,
    )
    assert b'data-testid="logged-green"' in response.content
    page = as_alice.get(reverse("patients:detail", args=[pat.pk])).content.decode()
    assert 'data-testid="inbox-banner-red"' not in page


def test_a_red_session_alerts_the_clinician_until_acknowledged(
    client: Any, as_alice: Any, pat: Any, hep_link: tuple[Any, str]
) -> None:
    client.post(_public(hep_link[1]), {"change": "spread_down_leg", "emergency": "no"})
    log = SessionLog.objects.get()
    assert log.light == "red"
    page = as_alice.get(reverse("patients:detail", args=[pat.pk])).content.decode()
    assert 'data-testid="inbox-banner-red"' in page
    entry = Entry.objects.get(session=log)
    as_alice.post(reverse("inbox:acknowledge", args=[entry.pk]), {"note": "Phoned her."})
    page = as_alice.get(reverse("patients:detail", args=[pat.pk])).content.decode()
    assert 'data-testid="inbox-banner-red"' not in page


def test_emergency_symptoms_give_the_emergency_light(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    response = client.post(
        _public(hep_link[1]), {"change": "decreased", "emergency": "yes"}, follow=True
    )
    assert b'data-testid="logged-emergency"' in response.content


def test_a_log_without_a_choice_is_refused(client: Any, hep_link: tuple[Any, str]) -> None:
    response = client.post(_public(hep_link[1]), {"change": "fine", "emergency": "no"})
    assert response.status_code == 400 and not SessionLog.objects.exists()


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_names_every_exercise_by_its_patient_name(
    as_alice: Any, accepted_plan: Any
) -> None:
    from backpath.core.library import default_library

    response = as_alice.get(reverse("programmes:pdf", args=[accepted_plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(_pdf_text(response.content).split())
    for item in accepted_plan.items:
        entry = default_library().get(item["exercise"])
        assert entry.patient_name in text and entry.name not in text


def test_the_patient_can_download_the_pdf_too(client: Any, hep_link: tuple[Any, str]) -> None:
    response = client.get(reverse("programmes:public_pdf", args=[hep_link[1]]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_logging_redirects_so_a_refresh_does_not_log_twice(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    response = client.post(_public(hep_link[1]), {"change": "no_change", "emergency": "no"})
    assert response.status_code == 302 and "?logged=" in response["Location"]
    assert SessionLog.objects.count() == 1


def test_the_programme_page_passes_csrf_checks_in_a_browser(hep_link: tuple[Any, str]) -> None:
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    page = browser.get(_public(hep_link[1])).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert 'content="no-referrer"' not in page  # would make browsers send Origin: null
    response = browser.post(
        _public(hep_link[1]),
        {"change": "decreased", "emergency": "no", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_red_reports_are_flagged_in_the_list_and_counted_in_their_clinicians_inbox(
    client: Any, as_alice: Any, as_bob: Any, hep_link: tuple[Any, str]
) -> None:
    client.post(_public(hep_link[1]), {"change": "worse_stayed", "emergency": "no"})
    page = as_bob.get(reverse("patients:list"), {"alerts": "1"}).content.decode()
    assert 'data-testid="alert-flag"' in page and 'data-testid="inbox-count"' not in page
    page = as_alice.get(reverse("patients:list")).content.decode()  # alice gave the link
    assert '<span data-testid="inbox-count">1</span>' in page


def test_another_clinic_does_not_see_our_red_reports(
    client: Any, as_charlie: Any, hep_link: tuple[Any, str]
) -> None:
    client.post(_public(hep_link[1]), {"change": "worse_stayed", "emergency": "no"})
    page = as_charlie.get(reverse("patients:list")).content.decode()
    assert 'data-testid="inbox-count"' not in page and 'data-testid="alert-flag"' not in page


# The phone page: folded exercises and topics, a summary at the top, sized for a phone.

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


class _Tree(HTMLParser):
    """Just enough of a DOM (an ElementTree) to ask what sits inside what."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = ET.Element("document")
        self._open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = ET.SubElement(self._open[-1], tag, {k: v or "" for k, v in attrs})
        if tag not in _VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ET.SubElement(self._open[-1], tag, {k: v or "" for k, v in attrs})

    def handle_endtag(self, tag: str) -> None:
        depth = max((i for i, e in enumerate(self._open) if e.tag == tag), default=0)
        if depth:  # a stray end tag closes nothing
            del self._open[depth:]

    def handle_data(self, data: str) -> None:
        parent = self._open[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data


def _tree(html: str) -> ET.Element:
    parser = _Tree()
    parser.feed(html)
    return parser.root


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _phone_page(client: Any, hep_link: tuple[Any, str]) -> tuple[ET.Element, dict[str, Any]]:
    link, token = hep_link
    return _tree(client.get(_public(token)).content.decode()), programme(link.plan)


def _one(tree: ET.Element, path: str) -> ET.Element:
    found = tree.findall(path)
    assert len(found) == 1, f"{path}: {len(found)} found"
    return found[0]


def test_each_exercise_folds_under_its_name_and_dose(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    tree, shown = _phone_page(client, hep_link)
    for item in shown["items"]:
        details = _one(tree, f".//details[@data-testid='hep-exercise-{item['exercise']}']")
        summary, inside = _text(_one(details, "summary")), _text(details)
        assert item["entry"].patient_name in summary and item["dose_text"] in summary
        for step in item["entry"].steps:
            assert step in inside and step not in summary
        assert item["entry"].cues.feel in inside and item["entry"].cues.stop in inside
        assert "What you should feel" not in summary and "Stop if" not in summary


def test_only_the_first_exercise_starts_open(client: Any, hep_link: tuple[Any, str]) -> None:
    tree, _shown = _phone_page(client, hep_link)
    exercises = tree.findall(".//details[@class='exercise']")
    assert len(exercises) >= 3
    assert ["open" in d.attrib for d in exercises] == [True] + [False] * (len(exercises) - 1)


def test_each_education_topic_folds_under_its_title(client: Any, hep_link: tuple[Any, str]) -> None:
    tree, shown = _phone_page(client, hep_link)
    topics = tree.findall(".//details[@class='edu']")
    assert shown["education"] and len(topics) == len(shown["education"])
    for details, topic in zip(topics, shown["education"], strict=True):
        assert _text(_one(details, "summary")) == topic.title
        assert all(p in _text(details) for p in topic.paragraphs)


def test_the_traffic_light_and_the_emergency_signs_are_never_folded(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    tree, shown = _phone_page(client, hep_link)
    folded = [e for details in tree.iter("details") for e in details.iter()]
    for testid in ["emergency-guide"] + [f"guide-{g.colour}" for g in shown["guide"]]:
        part = _one(tree, f".//*[@data-testid='{testid}']")
        assert part not in folded, testid
    for g in shown["guide"]:
        assert g.what_to_do in _text(tree)


def test_the_page_opens_on_a_summary_linking_to_each_exercise(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    tree, shown = _phone_page(client, hep_link)
    links = _one(tree, ".//nav[@data-testid='today']").findall(".//li/a")
    assert len(links) == len(shown["items"])
    for a, item in zip(links, shown["items"], strict=True):
        assert _text(a) == f"{item['entry'].patient_name} {item['dose_text']}"
        target = _one(tree, f".//*[@id='{a.get('href', '').removeprefix('#')}']")
        assert target.get("data-testid") == f"hep-exercise-{item['exercise']}"
    order = [e.get("data-testid") for e in tree.iter()]
    assert order.index("today") < order.index(f"hep-exercise-{shown['items'][0]['exercise']}")


def test_a_jump_link_at_the_top_leads_to_the_session_log(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    tree, _shown = _phone_page(client, hep_link)
    jump = _one(tree, ".//nav[@data-testid='today']//a[@data-testid='log-jump']")
    assert _text(jump).startswith("Log today’s session")
    target = _one(tree, f".//*[@id='{jump.get('href', '').removeprefix('#')}']")
    assert target.find(".//form[@data-testid='log-form']") is not None


def test_after_logging_the_page_opens_at_the_thank_you_not_where_the_patient_was(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    response = client.post(_public(hep_link[1]), {"change": "worse_stayed", "emergency": "no"})
    location = urlsplit(response["Location"])
    page = _tree(client.get(f"{location.path}?{location.query}").content.decode())
    assert _one(page, f".//*[@id='{location.fragment}']").get("data-testid") == "logged-red"


def test_a_log_without_a_choice_comes_back_at_the_form_with_its_error(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    page = _tree(client.get(_public(hep_link[1])).content.decode())
    form = _one(page, ".//form[@data-testid='log-form']")
    response = client.post(_public(hep_link[1]), {"change": "fine", "emergency": "no"})
    target = _one(_tree(response.content.decode()), f".//*[@id='{form.get('action', '')[1:]}']")
    assert target.find(".//*[@role='alert']") is not None


def test_the_page_refers_to_nothing_on_another_site(client: Any, hep_link: tuple[Any, str]) -> None:
    tree, _shown = _phone_page(client, hep_link)
    addresses = [e.get(a, "") for e in tree.iter() for a in ("src", "href", "action")]
    assert [a for a in addresses if urlsplit(a).netloc or a.startswith("//")] == []
    for sheet in ("backpath/app.css", "backpath/programme.css"):
        css = Path(str(finders.find(sheet))).read_text()
        assert not re.search(r"@import|url\((?!['\"]?data:)", css), sheet


# The same page in Chromium (skipped without /usr/bin/chromium), served from memory: any request
# for something other than the page and its own static files is refused and recorded.

CHROMIUM = Path("/usr/bin/chromium")
_QUIET = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
_MEASURE = """() => {
  const shown = [...document.querySelectorAll('main *')].filter(e => e.checkVisibility());
  const targets = shown.filter(e => e.matches(
    'a, button, summary, input:not([type=radio]), select, label:has(> input[type=radio])'));
  const guide = [...document.querySelectorAll(
    '[data-testid^=guide-] :is(li, p), [data-testid=emergency-guide] :is(li, p)')];
  return {
    font: parseFloat(getComputedStyle(document.body).fontSize),
    width: document.documentElement.scrollWidth,
    small: targets.filter(e => e.getBoundingClientRect().height < 44
      || e.getBoundingClientRect().width < 44).map(e => e.outerHTML.slice(0, 90)),
    guide: guide.length > 0 && guide.every(e => e.checkVisibility()),
  };
}"""


def _in_chromium(html: str, tap: str = "") -> dict[str, Any]:
    """The page measured in a phone-sized Chromium (after tapping the ``tap`` selector, if
    given), and the addresses it asked for."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import Route, sync_playwright

    elsewhere: list[str] = []

    def serve(route: Route) -> None:
        url = urlsplit(route.request.url)
        found = url.path.startswith("/static/") and finders.find(url.path[len("/static/") :])
        if url.netloc != "backpath.test":
            elsewhere.append(route.request.url)
            route.abort()
        elif found:
            route.fulfill(path=str(found))
        else:
            route.fulfill(body=html, content_type="text/html; charset=utf-8")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=_QUIET
        )
        try:
            phone = browser.new_context(
                viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
            )
            page = phone.new_page()
            page.route("**/*", serve)
            page.goto("http://backpath.test/p/token/")
            if tap:
                page.tap(tap)
                page.wait_for_function("() => location.hash !== ''")
            measured: dict[str, Any] = page.evaluate(_MEASURE)
            measured["open"] = page.eval_on_selector_all(
                "details.exercise[open]", "els => els.map(e => e.id)"
            )
        finally:
            browser.close()
    return {**measured, "elsewhere": elsewhere}


def test_on_a_phone_the_type_is_large_and_nothing_scrolls_sideways(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    phone = _in_chromium(client.get(_public(hep_link[1])).content.decode())
    assert phone["font"] >= 16 and phone["width"] <= 390


def test_on_a_phone_the_traffic_light_and_emergency_signs_show_without_a_tap(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    assert _in_chromium(client.get(_public(hep_link[1])).content.decode())["guide"]


def test_on_a_phone_every_tap_target_is_at_least_44px(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    assert _in_chromium(client.get(_public(hep_link[1])).content.decode())["small"] == []


def test_on_a_phone_the_page_loads_nothing_from_another_site(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    assert _in_chromium(client.get(_public(hep_link[1])).content.decode())["elsewhere"] == []


def test_on_a_phone_tapping_an_exercise_in_the_list_unfolds_it(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    html = client.get(_public(hep_link[1])).content.decode()
    second = re.findall(r'<details class="exercise" id="(ex-[^"]+)"', html)[1]
    phone = _in_chromium(html, tap=f'nav.today a[href="#{second}"]')
    assert second in phone["open"]


def test_the_links_posts_are_throttled_per_link(
    client: Any, hep_link: tuple[Any, str], settings: Any
) -> None:
    settings.LINK_POSTS_PER_HOUR = 3
    url = _public(hep_link[1])
    codes = [
        client.post(
            url, {"change": "decreased", "emergency": "no"}, REMOTE_ADDR=f"192.0.2.{n}"
        ).status_code
        for n in range(5)
    ]
    assert codes == [302, 302, 302, 429, 429]
    assert SessionLog.objects.count() == 3


def test_the_links_posts_are_throttled_per_address_even_when_invalid(
    client: Any, hep_link: tuple[Any, str], settings: Any
) -> None:
    settings.LINK_POSTS_PER_HOUR = 3
    url = _public(hep_link[1])
    codes = [client.post(url, {"change": "??", "emergency": "no"}).status_code for _ in range(4)]
    assert codes == [400, 400, 400, 429]
    assert client.post(url, {"change": "decreased", "emergency": "no"}).status_code == 429
    assert not SessionLog.objects.exists()
