"""The exported return (xlsx and csv) holds no name, date of birth or identifier: every XML part
of the workbook and the whole csv are searched for each one in the fixture."""

from __future__ import annotations

import csv
import zipfile

import pytest
from test_monitoring_cases import MARCH, identifying_strings, march_cases

from cstr_desk.store.outputs import OutputRefused
from cstr_desk.workflow.monitoring import monthly_return
from cstr_desk.workflow.monitoring_anonymise import anonymise
from cstr_desk.workflow.monitoring_export import ExportError, write_return


@pytest.fixture(scope="module")
def anonymised():
    return anonymise(monthly_return(march_cases(), MARCH))


def xlsx_text(path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())


def test_the_fixture_does_hold_what_the_scan_looks_for():
    needles = identifying_strings(march_cases())
    assert "Alice" in needles and "943476590" + "1" in needles and "01/05/1990" in needles
    assert "Magistrate Hollowbrook unwell" in needles


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_holds_no_names_dates_of_birth_or_identifiers(tmp_path, anonymised, suffix):
    out = tmp_path / f"return{suffix}"
    write_return(anonymised, out, site="Testbed")
    text = xlsx_text(out) if suffix == ".xlsx" else out.read_text(encoding="utf-8")
    assert "Sentenced to a CSTR" in text  # the scan reads the real content
    lowered = text.lower()
    found = [needle for needle in identifying_strings(march_cases()) if needle.lower() in lowered]
    assert found == []


def test_csv_rows_carry_the_suppressed_figures(tmp_path, anonymised):
    out = tmp_path / "return.csv"
    write_return(anonymised, out)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    referred = next(r for r in rows if r["sheet"] == "All CSTRs" and r["figure"] == "Referred (total)")
    assert referred["number"] == "5" and referred["period"] == "01/03/2026 to 31/03/2026"
    assert {r["sheet"] for r in rows} == {"All CSTRs", "MHTR", "DRR", "ATR", "Equality"}
    assert not {r["number"] for r in rows} & {"1", "2", "3", "4"}


def test_xlsx_has_one_sheet_per_tab_and_notes(tmp_path, anonymised):
    from openpyxl import load_workbook

    out = tmp_path / "return.xlsx"
    write_return(anonymised, out)
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["All CSTRs", "MHTR", "DRR", "ATR", "Equality", "Notes"]
    assert "Period: 01/03/2026 to 31/03/2026" in [c.value for c in workbook["MHTR"][2]]


def test_a_wrong_file_type_or_folder_is_refused_in_plain_words(tmp_path, anonymised):
    with pytest.raises(ExportError, match=".xlsx or .csv"):
        write_return(anonymised, tmp_path / "return.pdf")
    with pytest.raises(OutputRefused, match="does not exist"):
        write_return(anonymised, tmp_path / "missing" / "return.csv")


def test_xlsx_numbers_are_numbers_and_stars_are_text(tmp_path, anonymised):
    from openpyxl import load_workbook

    out = tmp_path / "return.xlsx"
    write_return(anonymised, out)
    rows = list(load_workbook(out)["All CSTRs"].iter_rows(min_row=5, values_only=True))
    numbers = [row[2] for row in rows if not row[1].startswith(("Median ", "Mean "))]
    assert 5 in numbers and "*" in numbers  # "Referred (total)" is 5 in March
    assert all(isinstance(n, int) or n == "*" for n in numbers)
    # A median or mean is a decimal number, a * beside a hidden count, empty for nobody.
    statistics = {row[1]: row[2] for row in rows if row[1].startswith(("Median ", "Mean "))}
    assert statistics["Median days from referral to the meeting"] == "*"  # 2 meetings
    assert statistics["Mean change in the GAD-7 score (after minus before)"] is None


def test_the_notes_sheet_states_the_check_and_its_result_in_plain_words(tmp_path, anonymised):
    from openpyxl import load_workbook

    out = tmp_path / "return.xlsx"
    write_return(anonymised, out)
    text = " ".join(row[0] for row in load_workbook(out)["Notes"].iter_rows(values_only=True))
    primary = len(anonymised.protection.primary)
    hidden = primary + len(anonymised.protection.secondary)
    assert f"{primary} figures from 1 to 4 shown as *" in text
    assert f"for every one of the {hidden} * the least and the greatest possible values differ" in text
    assert "at most the same figure on the All CSTRs sheet" in text and "HiGHS" in text
    assert "cannot be worked out" not in text  # the old claim, made without checking
