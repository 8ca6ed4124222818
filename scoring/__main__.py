"""Command line: score one answer set, or classify change between two.

    python -m scoring --list
    python -m scoring phq9 --answers "1,2,,3,0,0,1,2,0"      (an empty position is unanswered)
    python -m scoring k10 --answers "..." --scheme aihw
    python -m scoring change phq9 --before "..." --after "..."

Results are printed as JSON. Bad input exits with status 2 and one plain line on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

import forms
import scoring


MAX_DIGITS = 6


class InputError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    # argparse prints usage over several lines; the contract here is one plain line.
    def error(self, message: str) -> None:  # type: ignore[override]
        raise InputError(message)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        output = _run(args)
    except (InputError, ValueError, forms.FormError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(output)
    return 0


def _run(args: list[str]) -> str:
    if args == ["--list"]:
        return "\n".join(scoring.INSTRUMENT_IDS)
    if args and args[0] == "change":
        parser = _Parser(prog="python -m scoring change")
        parser.add_argument("instrument")
        parser.add_argument("--before", required=True)
        parser.add_argument("--after", required=True)
        ns = parser.parse_args(args[1:])
        _known(ns.instrument)
        before = _answers(ns.instrument, ns.before, "--before")
        after = _answers(ns.instrument, ns.after, "--after")
        return _json(scoring.change(ns.instrument, before, after).model_dump(mode="json"))
    parser = _Parser(prog="python -m scoring")
    parser.add_argument("instrument")
    parser.add_argument("--answers", required=True)
    parser.add_argument("--scheme", help="K10 band scheme: andrews_slade_2001 (default) or aihw")
    ns = parser.parse_args(args)
    _known(ns.instrument)
    options = {"scheme": ns.scheme} if ns.scheme is not None else {}
    result = scoring.score(ns.instrument, _answers(ns.instrument, ns.answers, "--answers"), **options)
    return _json(result.model_dump(mode="json"))


def _known(instrument_id: str) -> None:
    if instrument_id not in scoring.INSTRUMENT_IDS:
        raise InputError(
            f"unknown instrument {instrument_id!r} (known: {', '.join(scoring.INSTRUMENT_IDS)})"
        )


def _answers(instrument_id: str, text: str, flag: str) -> dict[int, int | None]:
    positions = text.split(",")
    expected = len(forms.load_form(instrument_id).items)
    if len(positions) != expected:
        raise InputError(
            f"{flag}: {instrument_id} has {expected} items, but {len(positions)} answers were given"
        )
    answers: dict[int, int | None] = {}
    for number, raw in enumerate(positions, start=1):
        raw = raw.strip()
        digits = raw.removeprefix("-")
        # ASCII digits only: '²' passes isdigit, and then int() fails with its own words.
        if raw and not (digits.isascii() and digits.isdigit()):
            raise InputError(f"{flag}: answer {number} is {_shown(raw)}, not a whole number")
        # No item's value has more than a digit or two; int() refuses 4,300 digits in its own
        # words, and a long number is not worth echoing whole.
        if len(digits) > MAX_DIGITS:
            raise InputError(f"{flag}: answer {number} is {_shown(raw)}, far larger than any "
                             "item's values")
        answers[number] = int(raw) if raw else None
    return answers


def _shown(raw: str) -> str:
    return repr(raw if len(raw) <= 20 else raw[:17] + "...")


def _json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


if __name__ == "__main__":
    sys.exit(main())
