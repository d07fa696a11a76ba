"""Reveal's Comments and By group views: readable by the room, anonymous unless named."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.pages.reveal import COMMENTS_TAB, GROUPS_TAB, RevealPage

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def doc(qapp, tmp_path: Path) -> WorkshopDocument:
    return WorkshopDocument(build_demo(), tmp_path / "views.workshop")


@pytest.fixture
def page(doc: WorkshopDocument, qtbot, messages: list[str]) -> RevealPage:
    widget = RevealPage(doc)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    return widget


def test_comments_are_on_screen_anonymous_unless_named(doc: WorkshopDocument, page: RevealPage) -> None:
    ws = doc.workshop
    grace, priya = ws.participants[-1], ws.participants[2]
    doc.apply(ops.set_rating, grace.id, "act-with-precision", 2, 1, "Priya Raman showed us the pilot numbers")
    page.tabs.setCurrentIndex(COMMENTS_TAB)
    text = page.comments.toPlainText()
    assert "showed us the pilot numbers" in text
    assert "1 Crawl: “[a participant] showed us the pilot numbers” — a participant" in text
    names = [p.name for p in ws.participants]
    assert not any(n in text for n in names) and "Chief Operating Officer" not in text  # a role of one
    page.set_anonymous(False)
    named = page.comments.toPlainText()
    assert f"“Priya Raman showed us the pilot numbers” — {grace.name} ({grace.role})" in named
    assert priya.name in named
    page.set_anonymous(True)
    assert grace.name not in page.comments.toPlainText()


def test_comments_follow_the_sort_and_say_when_there_are_none(doc: WorkshopDocument, page: RevealPage) -> None:
    page.tabs.setCurrentIndex(COMMENTS_TAB)
    text = page.comments.toPlainText()
    names = [doc.workshop.rubric.pillar(p).name for p in page.card_order()]
    positions = [text.index(n) for n in names]
    assert positions == sorted(positions)
    for rating in list(doc.workshop.ratings):
        if rating.comment:
            doc.apply(ops.set_rating, rating.participant, rating.pillar, rating.round, rating.stage, "")
    page.refresh()
    assert "No comments were given" in page.comments.toPlainText()


def test_by_group_shows_gaps_in_words_and_hides_small_groups_when_anonymous(doc: WorkshopDocument,
                                                                            page: RevealPage) -> None:
    page.tabs.setCurrentIndex(GROUPS_TAB)
    text = page.by_group.toPlainText()
    assert "IT and data rates Act with precision two stages above the other groups (3 Run against 1 Crawl)." in text
    shown = {s.group for p in page.by_group.perspectives for s in p.groups}
    assert shown == {"IT and data", "Other groups"}
    assert all(s.n >= 3 for p in page.by_group.perspectives for s in p.groups)
    for small in ("Leadership", "Management", "Front line"):  # one or two people each in the demo
        assert small not in text
    page.set_anonymous(False)
    named = page.by_group.toPlainText()
    assert "Leadership" in named and "Front line rates Act with precision two stages above leadership" in named
    page.set_anonymous(True)
    assert "Leadership" not in page.by_group.toPlainText()


def test_by_group_explains_when_there_is_nothing_to_show(doc: WorkshopDocument, page: RevealPage) -> None:
    page.tabs.setCurrentIndex(GROUPS_TAB)
    for person in doc.workshop.participants:  # one group for the whole room: its median is the room's
        doc.apply(ops.set_participant_group, person.id, "IT and data")
    assert all(not p.groups for p in page.by_group.perspectives)
    assert page.by_group.toPlainText().startswith("No breakdown by group: no two role groups")
