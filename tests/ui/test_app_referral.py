"""New referral: plain-words validation, the under-18 note, duplicate warning, keyboard shortcuts."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from cstr_desk.ukdates import DateProblem, parse_uk_date, uk_date
from cstr_desk.domain import Stage
from tests.ui.conftest import LD_PASSWORD, add_case, sign_in


def fill(page, given="Robin", family="Jones", born="07/03/1985", nhs="", pnc="") -> None:
    page.given_name.setText(given)
    page.family_name.setText(family)
    page.date_of_birth.setText(born)
    page.nhs_number.setText(nhs)
    page.pnc_number.setText(pnc)


def test_dates_are_read_strictly_as_dd_mm_yyyy() -> None:
    assert parse_uk_date("07/03/1985") == date(1985, 3, 7)
    with pytest.raises(DateProblem, match="not a real date"):
        parse_uk_date("31/02/2000")
    with pytest.raises(DateProblem, match="dd/mm/yyyy"):
        parse_uk_date("1985-03-07")
    with pytest.raises(DateProblem, match="dd/mm/yyyy"):
        parse_uk_date("7/3/85")


def test_new_referral_validation_then_save_opens_the_case(qtbot, desk) -> None:
    window = sign_in(qtbot, "lee", LD_PASSWORD).main_window
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    page = window.referral_page
    assert page is not None and page.given_name.hasFocus()
    fill(page, born="31/02/2000", nhs="943 476 5918")
    page.save()
    problems = page.problems.text()
    assert "31/02/2000 is not a real date" in problems
    assert "NHS number 943 476 5918 is not right" in problems
    assert window.referral_page is page  # nothing lost: the form is still there, as typed
    assert page.given_name.text() == "Robin"
    future = date.today().replace(year=date.today().year + 1)
    fill(page, born=uk_date(future))
    page.save()
    assert "is in the future" in page.problems.text()
    fill(page, born="07/03/1985", nhs="943 476 5919", pnc="12/3456789a")
    page.save()
    view = window.case_view
    assert view is not None
    assert view.name.text() == "Robin Jones"
    assert "Born 07/03/1985" in view.details.text() and "PNC 12/3456789A" in view.details.text()
    assert "Referred" in view.stage.text()
    assert "screen the person" in view.next_steps.text()


def test_under_18_is_recorded_with_a_not_eligible_note(qtbot, desk) -> None:
    window = sign_in(qtbot, "lee", LD_PASSWORD).main_window
    window.new_action.trigger()
    page = window.referral_page
    born = date.today().replace(year=date.today().year - 16)
    fill(page, born=uk_date(born))
    page.save()
    assert "is 16, under 18" in page.warning.text() and "not eligible for a CSTR" in page.warning.text()
    assert "press Save referral again" in page.warning.text()
    assert window.case_view is None and window.referral_page is page  # the warning is seen first
    page.save()
    assert window.case_view is not None
    assert "under 18: not eligible for a CSTR" in window.case_view.details.text()


def test_a_hearing_long_ago_is_questioned_before_saving(qtbot, desk) -> None:
    window = sign_in(qtbot, "lee", LD_PASSWORD).main_window
    window.new_action.trigger()
    page = window.referral_page
    fill(page)
    long_ago = date.today().replace(year=date.today().year - 6)
    page.hearing_date.setText(uk_date(long_ago))
    page.save()
    assert f"The hearing date {uk_date(long_ago)} is 6 years ago" in page.warning.text()
    assert window.case_view is None
    page.hearing_date.setText(uk_date(date.today()))
    page.save()
    assert window.case_view is not None


def test_likely_duplicate_is_shown_and_the_existing_person_can_be_used(qtbot, desk) -> None:
    add_case(desk, "Sam", "Smith", date(1990, 4, 1))
    window = sign_in(qtbot, "lee", LD_PASSWORD).main_window
    window.new_action.trigger()
    page = window.referral_page
    fill(page, given="Sam", family="Smith", born="01/04/1990")
    page.save()
    assert "may already be recorded" in page.warning.text()
    assert window.case_view is None and page.matches.count() == 1
    qtbot.keyClick(page.matches, Qt.Key.Key_Return)
    assert page.existing_person is not None
    page.save()
    view = window.case_view
    assert view is not None
    cases = window.session.list_cases(text="Smith")
    assert len(cases) == 2 and len({c.person_id for c in cases}) == 1
    assert {c.stage for c in cases} == {Stage.REFERRED}


def test_case_list_keyboard_filters_and_today_first(qtbot, desk) -> None:
    add_case(desk, "Alex", "Brown")
    add_case(desk, "Sam", "Smith")
    window = sign_in(qtbot, "lee", LD_PASSWORD).main_window
    model = window.case_list.model
    assert model.rowCount() == 2 and model.data(model.index(0, 2)) == "Today"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.case_list.search.hasFocus()
    qtbot.keyClicks(window.case_list.search, "Brown")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.data(model.index(0, 0)) == "Alex Brown"
    window.case_list.search.clear()
    window.case_list.stage_filter.setCurrentIndex(window.case_list.stage_filter.findData(Stage.SCREENED))
    assert model.rowCount() == 0
    window.case_list.stage_filter.setCurrentIndex(0)
    window.case_list.hearing_from.setText("99/99/2020")
    window.case_list.refresh()
    assert "not a real date" in window.case_list.filter_error.text()


def test_enter_saves_and_save_comes_before_cancel(qtbot, desk) -> None:
    window = sign_in(qtbot, "lee", LD_PASSWORD).main_window
    window.new_action.trigger()
    page = window.referral_page
    assert page.save_button.x() < page.cancel_button.x()
    fill(page)
    qtbot.keyClick(page.pnc_number, Qt.Key.Key_Return)
    assert window.case_view is not None and window.case_view.name.text() == "Robin Jones"
