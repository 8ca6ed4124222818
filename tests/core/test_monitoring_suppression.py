"""Small-number suppression (Annex C/D: "replace low numbers 1,2,3,4 with an asterisk") and the
secondary suppression that stops a shown total giving a hidden figure back."""

from __future__ import annotations

from datetime import date

from test_monitoring_cases import MARCH, march_cases

from cstr_desk.workflow.monitoring import monthly_return
from cstr_desk.workflow.monitoring_anonymise import anonymise
from cstr_desk.workflow.monitoring_lines import Group, Line, MonitoringReturn, Sheet


def one_group(counts: list[int], total: int | None, extra: tuple[Group, ...] = ()) -> MonitoringReturn:
    lines = tuple(Line(f"line{i}", f"Line {i}", c) for i, c in enumerate(counts))
    group = Group("Group", lines, Line("total", "Total", total) if total is not None else None)
    return MonitoringReturn(date(2026, 3, 1), (Sheet("Sheet", (group, *extra)),))


def shown(counts: list[int], total: int | None) -> list[str]:
    result = anonymise(one_group(counts, total))
    keys = [f"line{i}" for i in range(len(counts))] + (["total"] if total is not None else [])
    return [result.shown[k] for k in keys]


def test_one_to_four_are_starred_and_zero_and_five_are_shown():
    assert shown([0, 1, 2, 3, 4, 5], None) == ["0", "*", "*", "*", "*", "5"]


def test_a_total_that_would_reveal_the_one_hidden_line_hides_the_next_smallest():
    # 3 + 7 + 20 = 30: with only the 3 hidden, 30 - 7 - 20 gives it back.
    assert shown([3, 7, 20], 30) == ["*", "*", "20", "30"]


def test_ties_for_next_smallest_take_the_first_in_order():
    assert shown([9, 2, 9], 20) == ["*", "*", "9", "20"]


def test_when_no_other_line_can_hide_it_the_total_is_hidden():
    # Every other line is zero: a * is never 0, so hiding a zero would not do; the total goes.
    assert shown([4, 0, 0], 4) == ["*", "0", "0", "*"]


def test_two_hidden_lines_need_nothing_more():
    assert shown([1, 2, 30], 33) == ["*", "*", "30", "33"]


def test_nothing_hidden_means_nothing_changes():
    assert shown([0, 5, 30], 35) == ["0", "5", "30", "35"]


def test_a_figure_shared_between_groups_is_hidden_everywhere_and_rechecked():
    # "cstr" is a line of the first group and the total of the second. Hiding 2 in the first
    # group forces the 6 ("cstr") hidden; the second group's total is then hidden, so its lone
    # hidden line (the 4) is safe.
    first = Group("Sentenced", (Line("cstr", "CSTR", 6), Line("not", "Not CSTR", 2)),
                  Line("sentenced", "Sentenced", 8))
    second = Group("By type", (Line("mhtr", "MHTR", 4), Line("atr", "ATR", 2)), Line("cstr", "CSTR", 6))
    result = anonymise(MonitoringReturn(date(2026, 3, 1), (Sheet("S", (first, second)),)))
    assert result.shown == {"cstr": "*", "not": "*", "sentenced": "8", "mhtr": "*", "atr": "*"}


def test_no_shown_total_can_be_used_to_work_out_a_hidden_line_in_the_march_return():
    result = anonymise(monthly_return(march_cases(), MARCH))
    for sheet in result.source.sheets:
        for group in sheet.groups:
            if group.total is None or result.text(group.total) == "*":
                continue
            hidden = [line for line in group.lines if result.text(line) == "*"]
            assert len(hidden) != 1, (sheet.name, group.title)


def test_the_march_return_shows_no_count_from_one_to_four():
    result = anonymise(monthly_return(march_cases(), MARCH))
    assert not {text for text in result.shown.values()} & {"1", "2", "3", "4"}
    assert result.shown["All CSTRs/referred"] == "5"
