"""Questionnaire, QuestionnaireResponse and score Observations from the forms and answers.

The Questionnaire is the form file itself (version = its content hash, so a response names the
exact wording and options it was given with); a response's answers are codings from the
form's answer lists (code = the stored option value); each total score is an Observation
derived from the response, LOINC-coded where LOINC defines the total (codes.py), with the band
as its interpretation; each flag the scoring raised (risk item, possible dependence...) is an
Observation of its own, so a receiving system can act on it without reading the score.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import cache

import forms
import scoring
from cstr_desk.domain import Administration, AdministrationMode, AdministrationStatus, User
from cstr_desk.score_words import band_label, flag_words, source_words
from cstr_desk.workflow.fhir.codes import (
    FLAG_CODES, OBSERVATION_CATEGORY, SCORE_CODES, UCUM, answer_codes, band_codes,
    questionnaire_url, total_code,
)
from cstr_desk.record_identity import ResourceIds
from cstr_desk.workflow.fhir.identity import questionnaire_id
from cstr_desk.workflow.fhir.validation import InvalidResource
from forms.schema import LoadedForm

SURVEY = {"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]}


def fhir_time(moment: datetime) -> str:
    """FHIR dateTime/instant: seconds and a zone are both required for an instant; stored
    times are UTC (store.records)."""
    return moment.isoformat(timespec="seconds")


def staff(user_id: int | None, users: Mapping[int, User]) -> dict:
    """Staff appear by name only: the app has no Practitioner registry to point at."""
    user = users.get(user_id) if user_id is not None else None
    return {"display": user.full_name if user else "CSTR Desk user"}


def _coding(form: LoadedForm, number: int, value: int) -> dict:
    own = form.item(number).options is not None
    label = next(o.label for o in form.options_for(number) if o.value == value)
    return {"system": answer_codes(form.id, number if own else None), "code": str(value),
            "display": label}


@cache
def _answer_items(instrument_id: str) -> dict[int, dict[int, dict]]:
    """Per item, per option value, the response item as exported: built once per form, since
    a month's export writes hundreds of thousands of answers (bench/bench_fhir.py)."""
    form = forms.load_form(instrument_id)
    return {item.number: {o.value: {"linkId": str(item.number), "text": item.text,
                                    "answer": [{"valueCoding": _coding(form, item.number,
                                                                       o.value)}]}
                          for o in form.options_for(item.number) if o.value is not None}
            for item in form.items}


def questionnaire(form: LoadedForm) -> dict:
    items: list[dict] = [{"linkId": "stem", "type": "display", "text": form.stem}]
    for item in form.items:
        items.append({
            "linkId": str(item.number), "text": item.text, "type": "choice",
            "answerOption": [{"valueCoding": _coding(form, item.number, o.value)}
                             for o in form.options_for(item.number) if o.value is not None]})
    for extra in form.extra_questions:
        # Unscored questions (PHQ-9's difficulty) have options without values: offered as text.
        items.append({"linkId": extra.id, "text": extra.text, "type": "choice",
                      "answerOption": [{"valueString": o.label} for o in extra.options]})
    return {
        "resourceType": "Questionnaire", "id": questionnaire_id(form.id, form.content_hash),
        "url": questionnaire_url(form.id), "version": form.content_hash,
        "name": form.id.upper(), "title": form.title, "status": "active",
        "subjectType": ["Patient"], "copyright": form.copyright, "item": items,
    }


def _authored(administration: Administration) -> datetime:
    if administration.completed_at is not None:
        return administration.completed_at
    times = [a.recorded_at for a in administration.answers.values()]
    return max(times, default=administration.started_at)


def _answered(choices: dict[int, dict[int, dict]], instrument_id: str, number: int,
              value: int) -> dict:
    found = choices.get(number, {}).get(value)
    if found is None:
        raise InvalidResource(f"The answer {value} to item {number} of {instrument_id} is not "
                              "one of that item's options, so it cannot be exported.")
    return found


def questionnaire_response(administration: Administration, patient_ref: dict,
                           ids: ResourceIds, users: Mapping[int, User]) -> dict:
    form = forms.load_form(administration.instrument_id)
    answers = administration.item_answers()
    choices = _answer_items(form.id)
    items = [_answered(choices, form.id, n, v) for n, v in sorted(answers.items())
             if v is not None]
    author = staff(administration.started_by, users)
    self_completed = administration.mode is AdministrationMode.HAND_OVER
    resource = {
        "resourceType": "QuestionnaireResponse",
        "id": ids.of("administration", administration.id),
        "questionnaire": f"{questionnaire_url(form.id)}|{administration.form_hash}",
        "status": ("in-progress" if administration.status is AdministrationStatus.DRAFT
                   else "completed"),
        "subject": patient_ref, "authored": fhir_time(_authored(administration)),
        "author": author, "source": patient_ref if self_completed else author,
    }
    if items:
        resource["item"] = items
    return resource


def answers_from_response(response: Mapping) -> dict[int, int | None]:
    """The answers a QuestionnaireResponse holds, as the scoring engine takes them: what a
    receiving system (or the site hub) reads back."""
    form = forms.load_form(str(response["questionnaire"]).split("|")[0].rsplit("/", 1)[-1])
    answers: dict[int, int | None] = {n: None for n in range(1, len(form.items) + 1)}
    for item in response.get("item", []):
        if item["linkId"].isdigit():
            answers[int(item["linkId"])] = int(item["answer"][0]["valueCoding"]["code"])
    return answers


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 4)


def score_observations(administration: Administration, response_id: str, patient_ref: dict,
                       ids: ResourceIds, users: Mapping[int, User]) -> list[dict]:
    """The total and each flag, for a finished questionnaire that can be scored."""
    if administration.status is AdministrationStatus.DRAFT:
        return []
    result = scoring.score(administration.instrument_id, administration.item_answers())
    if not result.scorable or result.total is None:
        return []
    form = forms.load_form(administration.instrument_id)
    common = {
        "status": "final", "category": [SURVEY], "subject": patient_ref,
        "effectiveDateTime": fhir_time(_authored(administration)),
        "performer": [staff(administration.started_by, users)],
        "derivedFrom": [{"reference": f"QuestionnaireResponse/{response_id}"}],
    }
    code = total_code(form.id, form.short_title)
    total: dict = {
        "resourceType": "Observation", "id": ids.of("administration", administration.id, "total"),
        **common,
        "code": {"coding": [code._asdict()], "text": f"{form.short_title} total score"},
        "valueQuantity": {"value": _number(result.total), "unit": "score", "system": UCUM,
                          "code": "{score}"},
    }
    if result.band is not None:
        total["interpretation"] = [{
            "coding": [{"system": band_codes(form.id), "code": result.band.code,
                        "display": band_label(result.band)}],
            "text": source_words(result.band.scheme)}]
    components = [{"code": {"coding": [{"system": SCORE_CODES, "code": f"{form.id}-{key}"}],
                            "text": key},
                   "valueQuantity": {"value": _number(value), "system": UCUM, "code": "{score}"}}
                  for key, value in result.derived.items() if value is not None]
    if components:
        total["component"] = components
    if result.prorated:
        total["note"] = [{"text": "Pro-rated for missing items: " + "; ".join(map(source_words, result.sources))}]
    flags = [{
        "resourceType": "Observation",
        "id": ids.of("administration", administration.id, f"flag-{flag.code}"), **common,
        "code": {"coding": [{"system": FLAG_CODES, "code": str(flag.code)}], "text": flag_words(form.id, flag)},
        "valueBoolean": True,
    } for flag in result.flags]
    return [total, *flags]


def current_questionnaires(administrations: list[Administration]) -> list[dict]:
    """One Questionnaire per instrument used, from the form file as it is now."""
    used = sorted({a.instrument_id for a in administrations})
    return [questionnaire(forms.load_form(instrument_id)) for instrument_id in used]
