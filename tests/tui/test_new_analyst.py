"""A new analyst's whole path, by keyboard: `n`, the case, three hypotheses, two sources and
four evidence items, every cell rated, the judgement, the HTML report. Then the database and
the report are read back."""

from __future__ import annotations

import html

from helpers.tui import settle
from textual.widgets import Input, Select, TextArea

from claimmap.store.case_store import Store
from claimmap.tui.app import ClaimmapApp
from claimmap.tui.modals.case_form import CaseFormModal
from claimmap.tui.modals.item_form import ItemFormModal
from claimmap.tui.modals.judgement_form import JudgementFormModal
from claimmap.tui.screens.case_screen import CaseScreen

TITLE = "انسحاب الهيئة من ريف إدلب الشرقي"  # an RTL title must come back exactly
HYPOTHESES = ["Strategic retreat", "Forced defeat", "Abandonment"]
SOURCES = ["HTS statement", "Local council report"]
EVIDENCE = [
    ("Fighters withdrew with their heavy weapons.", "S1"),
    ("Villages were left without warning.", "S2"),
    ("The leader blamed other rebel groups.", "S1"),
    ("Front lines collapsed in two days.", "S2"),
]
# rows E1..E4, columns H1..H3; keys as the analyst types them
RATINGS = [["C", "I", "n"], ["i", "c", "C"], ["c", "c", "n"], ["I", "C", "c"]]
KEY_VALUE = {"C": "CC", "c": "C", "n": "N", "i": "I", "I": "II"}


async def fill_item(pilot, app, values: dict[str, str]) -> None:
    form = app.screen
    assert isinstance(form, ItemFormModal), form
    for name, value in values.items():
        widget = form.query_one(f"#f-{name}")
        if isinstance(widget, TextArea):
            widget.text = value
        else:
            widget.value = value
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert not isinstance(app.screen, ItemFormModal), "the form did not close"


async def test_a_new_analyst_goes_from_an_empty_screen_to_a_report(tmp_path):
    store = Store.open(str(tmp_path / "new.db"))
    report = tmp_path / "report.html"
    app = ClaimmapApp(store, offer_samples=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CaseFormModal)
        assert form.focused is form.query_one("#c-title")  # the first field to fill
        await pilot.press("ctrl+s")  # an empty title is refused in plain words
        await settle(pilot)
        assert "the title cannot be empty" in str(form.query_one("#form-errors").render())
        form.query_one("#c-title", Input).value = TITLE
        form.query_one("#c-question", Input).value = "Why did HTS withdraw in early 2018?"
        form.query_one("#c-tags", Input).value = "idlib, #withdrawal"
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)  # opened straight after
        assert "A adds the first hypothesis" in str(screen.query_one("#matrix-status").render())

        for label in HYPOTHESES:
            await pilot.press("A")
            await settle(pilot)
            assert app.screen.focused is app.screen.query_one("#f-label")
            await fill_item(pilot, app, {"label": label})

        await pilot.press("2")
        await settle(pilot)
        screen.query_one("#collections").highlighted = 2  # sources
        await settle(pilot)
        screen.query_one("#items-table").focus()
        for title in SOURCES:
            await pilot.press("a")
            await settle(pilot)
            form = app.screen
            # neutral defaults: nothing raises a source's weight until the analyst says so
            assert form.query_one("#f-reliability", Select).value == "F"
            assert form.query_one("#f-kind", Select).value == "other"
            await fill_item(pilot, app, {"title": title})

        await pilot.press("1")
        await settle(pilot)
        for summary, source in EVIDENCE:
            await pilot.press("a")
            await settle(pilot)
            assert isinstance(app.screen.query_one("#f-summary"), TextArea)  # multi-line
            await fill_item(pilot, app, {"summary": summary, "source": source})

        table = screen.query_one("#matrix-table")
        table.focus()
        await pilot.press("g")
        for row in RATINGS:
            for key in row:
                await pilot.press(key, "l")
            await pilot.press("h", "h", "h", "j")
        await settle(pilot)

        await pilot.press("J")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, JudgementFormModal)
        form.query_one("#j-bottom_line", TextArea).text = "HTS most likely pulled back by design."
        form.query_one("#j-hypothesis", Select).value = "H1"
        form.query_one("#j-likelihood", Select).value = "likely"
        form.query_one("#j-confidence", Select).value = "moderate"
        form.query_one("#j-basis", TextArea).text = "Partisan sources on both sides."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)

        await pilot.press("ctrl+e")
        await settle(pilot)
        modal = app.screen
        modal.query_one("#format", Select).value = "html"
        modal.query_one("#path", Input).value = str(report)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)

    case = store.list_cases()[0]
    doc = store.export_document(case.id)
    store.close()
    assert doc.case.title == TITLE
    assert doc.case.tags == ["idlib", "withdrawal"]
    assert [h.label for h in doc.hypotheses] == HYPOTHESES
    assert [(s.title, s.reliability.value, s.kind.value) for s in doc.sources] == [
        (t, "F", "other") for t in SOURCES
    ]
    assert [(e.summary, e.source) for e in doc.evidence] == EVIDENCE
    rated = [[e.ratings[h.id].rating.value for h in doc.hypotheses] for e in doc.evidence]
    assert rated == [[KEY_VALUE[k] for k in row] for row in RATINGS]
    judgement = doc.judgement
    assert judgement is not None
    assert (judgement.hypothesis, judgement.likelihood.value, judgement.confidence.value) == (
        "H1",
        "likely",
        "moderate",
    )
    page = html.unescape(report.read_text(encoding="utf-8"))
    assert TITLE in page
    assert "HTS most likely pulled back by design." in page
    assert all(label in page for label in HYPOTHESES)
