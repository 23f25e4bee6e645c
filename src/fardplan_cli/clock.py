"""Today's date, from one place: every rule and command that compares a date with today asks here.

``FARDPLAN_TODAY=YYYY-MM-DD`` sets the day (a demonstration, a CI job that must give the same answer
every day); otherwise it is the machine's local date. Tests monkeypatch ``today``.
"""

from __future__ import annotations

import os
from datetime import date

from fardplan_cli.errors import UsageError
from fardplan_cli.grammar import is_iso_date
from fardplan_cli.i18n import t

TODAY_VARIABLE = "FARDPLAN_TODAY"


def today() -> date:
    """The day that "overdue" and "in the future" are measured from."""
    given = os.environ.get(TODAY_VARIABLE, "").strip()
    if not given:
        return date.today()
    if not is_iso_date(given):
        raise UsageError(t(
            "{variable}={value!r} is not a date; write it as YYYY-MM-DD, e.g. 2027-03-14, "
            "or unset it", variable=TODAY_VARIABLE, value=given))
    return date.fromisoformat(given)
