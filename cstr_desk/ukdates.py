"""Dates and times as people in an English court read and type them: dd/mm/yyyy and HH:MM,
Europe/London local time. Stored times are UTC; everything a person sees or types goes through
here, so every screen, report and export agrees. No Qt."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
UK_DATE = "%d/%m/%Y"
UK_TIME = "%H:%M"


class DateProblem(ValueError):
    """A typed date that cannot be read; the message is shown to the user as it is."""


class TimeProblem(ValueError):
    """A typed time that cannot be read; the message is shown to the user as it is."""


def london(moment: datetime) -> datetime:
    """Stored times are UTC; a naive time is taken as UTC (the store's convention)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LONDON)


def london_date(moment: datetime) -> date:
    return london(moment).date()


def uk_date(day: date | datetime | None) -> str:
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = london_date(day)
    return day.strftime(UK_DATE)


def uk_datetime(moment: datetime | None) -> str:
    return "" if moment is None else london(moment).strftime(f"{UK_DATE} {UK_TIME}")


def uk_time(moment: datetime) -> str:
    """HH:MM on the London clock, whatever zone the laptop is set to."""
    return london(moment).strftime(UK_TIME)


def file_name_date(moment: datetime) -> str:
    """dd-mm-yyyy, London's day: a file name cannot hold the slashes of a UK date."""
    return london(moment).strftime("%d-%m-%Y")


def parse_uk_date(text: str) -> date:
    """Read dd/mm/yyyy strictly: four-digit year, a real calendar day (31/02/2000 is refused)."""
    parts = text.strip().split("/")
    if len(parts) != 3 or not all(p.isascii() and p.isdigit() for p in parts) or len(parts[2]) != 4:
        raise DateProblem(f"'{text.strip()}' is not a date in the form dd/mm/yyyy, e.g. 07/03/1985.")
    day, month, year = (int(p) for p in parts)
    try:
        return date(year, month, day)
    except ValueError:
        raise DateProblem(f"{text.strip()} is not a real date.") from None


def parse_time(text: str) -> time:
    """Read HH:MM in the 24-hour clock, with a plain message for anything else."""
    parts = text.strip().split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise TimeProblem(f"'{text.strip()}' is not a time in the form HH:MM, e.g. 14:30.")
    hour, minute = int(parts[0]), int(parts[1])
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise TimeProblem(f"{text.strip()} is not a real time.")
    return time(hour, minute)


def london_moment(day: date, time_text: str) -> datetime:
    """A date and a typed London time, as the UTC moment the store keeps."""
    return datetime.combine(day, parse_time(time_text), tzinfo=LONDON).astimezone(UTC)


def add_months(day: date, months: int) -> date:
    """Same day of the month, or the month's last day (31/01 + 1 month = 28/02 or 29/02)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")
