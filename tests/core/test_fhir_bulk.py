"""The month's FHIR Bulk Data export and the `cstr-desk export fhir` command: one NDJSON file per
resource type, the same records `load_case` shows (corrections included), every case audited,
ids kept from one export to the next, and bad arguments refused in one plain line."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cstr_desk.cli import main
from cstr_desk.domain import AuditAction, Role
from cstr_desk.store import open_with_password
from cstr_desk.store.demo import create_demo_data
from cstr_desk.store.testing import cheap_kdf, TEST_PASSWORD, USERNAMES, make_database
from cstr_desk.store.outputs import OutputRefused
from cstr_desk.workflow.fhir import BULK_TYPES, ExportContext, export_month
from cstr_desk.workflow.fhir.validation import model_class

PRACT = Role.PRACTITIONER
THIS_MONTH = datetime.now(UTC).date()


@pytest.fixture(autouse=True)
def password_in_environment(fast_kdf, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSTR_DESK_PASSWORD", TEST_PASSWORD)


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Forty fictional cases at every stage, all with events this month, one answer corrected."""
    with cheap_kdf():
        path = tmp_path_factory.mktemp("bulk") / "court.cstr"
        admin, _ = make_database(path)
        create_demo_data(admin, 40, seed=5)
        admin.close()
        with open_with_password(path, USERNAMES[PRACT], TEST_PASSWORD) as session:
            finalised = next(a for c in session.cases_in_bulk(range(1, 41)) for a in c.administrations
                             if a.status == "finalised" and a.answers[sorted(a.answers)[0]].value)
            session.amend_answer(finalised.id, sorted(finalised.answers)[0], 0, "Misheard it")
    return path


def signed_in(path: Path, role: Role = PRACT):
    return open_with_password(path, USERNAMES[role], TEST_PASSWORD)


def lines(folder: Path, kind: str) -> list[dict]:
    return [json.loads(line) for line in (folder / f"{kind}.ndjson").read_text("utf-8").splitlines()]


def test_bulk_records_are_the_records_load_case_shows(demo_database) -> None:
    with signed_in(demo_database) as session:
        ids = list(range(1, 41))
        assert list(session.cases_in_bulk(ids)) == [session.load_case(i) for i in ids]


def test_the_month_is_written_as_one_ndjson_file_per_resource_type(demo_database,
                                                                   tmp_path) -> None:
    out = tmp_path / "march"
    with signed_in(demo_database) as session:
        counts = export_month(session, THIS_MONTH, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.ndjson" for t in BULK_TYPES)
    assert counts["Patient"] == 40
    for kind in BULK_TYPES:
        found = lines(out, kind)
        assert len(found) == counts[kind]
        assert os.stat(out / f"{kind}.ndjson").st_mode & 0o777 == 0o600
        for resource in found:
            assert resource["resourceType"] == kind
            model_class(kind).model_validate(resource)
    assert all("data" not in r.get("sourceAttachment", {}) for r in lines(out, "Consent"))


def test_each_line_is_compact_utf8_json_as_the_json_module_writes_it(demo_database,
                                                                     tmp_path) -> None:
    # The lines come from pydantic's serialiser for speed: the bytes must be what json.dumps
    # writes (no ASCII escapes, no spaces, numbers as Python writes them), names included.
    with signed_in(demo_database) as session:
        export_month(session, THIS_MONTH, tmp_path / "out")
    for kind in BULK_TYPES:
        for line in (tmp_path / "out" / f"{kind}.ndjson").read_bytes().splitlines():
            expected = json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":"))
            assert line == expected.encode("utf-8")
    # The forms' wording has non-ASCII text (curly quotes, dashes): written as UTF-8 itself.
    assert any(ord(c) > 127 for c in (tmp_path / "out" / "Questionnaire.ndjson").read_text("utf-8"))


def test_every_case_exported_is_audited(demo_database, tmp_path) -> None:
    with signed_in(demo_database) as session:
        export_month(session, THIS_MONTH, tmp_path / "out")
    with signed_in(demo_database, Role.ADMINISTRATOR) as admin:
        exported = {e.record_id for e in admin.audit_entries()
                    if e.action is AuditAction.EXPORT and e.detail.startswith("FHIR bulk")}
    assert exported == set(range(1, 41))


def test_a_second_export_keeps_the_ids_and_needs_force(demo_database, tmp_path) -> None:
    out = tmp_path / "out"
    with signed_in(demo_database) as session:
        export_month(session, THIS_MONTH, out)
        first = {kind: [r["id"] for r in lines(out, kind)] for kind in BULK_TYPES}
        with pytest.raises(OutputRefused, match="already exists"):
            export_month(session, THIS_MONTH, out)
        export_month(session, THIS_MONTH, out, force=True)
    assert first == {kind: [r["id"] for r in lines(out, kind)] for kind in BULK_TYPES}


def test_the_corrected_answer_is_the_one_exported(demo_database, tmp_path) -> None:
    with signed_in(demo_database) as session:
        (corrected,) = [a for c in session.cases_in_bulk(range(1, 41))
                        for a in c.administrations if a.id == _corrected_id(session)]
        response_id = ExportContext.of(session).ids.of("administration", corrected.id)
        export_month(session, THIS_MONTH, tmp_path / "out")
    question = sorted(corrected.answers)[0]
    assert corrected.answers[question].value == 0
    (response,) = [r for r in lines(tmp_path / "out", "QuestionnaireResponse")
                   if r["id"] == response_id]
    (item,) = [i for i in response["item"] if i["linkId"] == question]
    assert item["answer"][0]["valueCoding"]["code"] == "0"


def _corrected_id(session) -> int:
    (amended,) = [a for a in session.load_case(1).amendments] or [
        a for r in range(2, 41) for a in session.load_case(r).amendments]
    return amended.record_id


def fhir(*args: str, user: str = USERNAMES[PRACT]) -> int:
    return main(["export", "fhir", "--user", user, *args])


def test_the_command_writes_a_case_bundle_and_a_month(demo_database, tmp_path, capsys) -> None:
    assert fhir("--db", str(demo_database), "--case", "3", "--out",
                str(tmp_path / "case.json")) == 0
    assert "written to" in capsys.readouterr().out
    assert json.loads((tmp_path / "case.json").read_text("utf-8"))["type"] == "transaction"
    assert fhir("--db", str(demo_database), "--month", THIS_MONTH.strftime("%Y-%m"), "--out",
                str(tmp_path / "month")) == 0
    assert "40 Patient" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "user", "message"), [
    (["--case", "abc"], PRACT, "is not a case number"),
    (["--case", "99999999999999999999999"], PRACT, "is not a case number"),
    (["--month", "2026-13"], PRACT, "is not a month"),
    (["--case", "1", "--month", "2026-03"], PRACT, "not allowed with argument"),
    (["--case", "999"], PRACT, "could not be found"),
    (["--case", "1"], Role.ADMINISTRATOR, "Only"),
    (["--case", "1", "--out", "{tmp}/missing/case.json"], PRACT, "does not exist"),
    (["--case", "1", "--out", "{tmp}"], PRACT, "is a folder"),
    (["--case", "1", "--out", "{db}"], PRACT, "database's own files"),
    (["--case", "1", "--out", "{tmp}/taken.json"], PRACT, "already exists and was kept. Give "
                                                          "another name, or --force"),
    (["--month", "2026-03", "--out", "{tmp}/taken.json"], PRACT, "is a file, not a folder"),
])
def test_bad_arguments_get_one_plain_line(demo_database, tmp_path, capsys, args, user,
                                          message) -> None:
    (tmp_path / "taken.json").write_text("{}")
    filled = [a.format(tmp=tmp_path, db=demo_database) for a in args]
    if "--out" not in filled:
        filled += ["--out", str(tmp_path / "new.json")]
    try:
        code = fhir("--db", str(demo_database), *filled, user=USERNAMES[user])
    except SystemExit as refused:  # argparse's own refusal: usage line, then the reason
        code = int(refused.code or 0)
    assert code != 0
    error = capsys.readouterr().err.strip()
    assert message in error and "Traceback" not in error
    assert (tmp_path / "taken.json").read_text() == "{}"
    assert not (tmp_path / "new.json").exists()



def test_a_person_with_two_cases_in_the_month_is_one_patient(tmp_path) -> None:
    from cstr_desk.store.testing import sample_person, sample_referral

    path = tmp_path / "court.cstr"
    make_database(path)[0].close()
    with signed_in(path) as session:
        person = session.add_person(sample_person())
        for _ in range(2):
            session.add_referral(sample_referral(person.id))
        counts = export_month(session, THIS_MONTH, tmp_path / "out")
    assert counts["Patient"] == 1 and len(lines(tmp_path / "out", "Patient")) == 1
