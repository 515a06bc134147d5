"""`log` and `done` refuse an edit that adds a format finding; a finding the file already had
is allowed once for each time it was there, so a second copy of it is new."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from jobjournal.edit.document import EditError, verify

ZONE = ZoneInfo("Europe/London")
OLD = b"---\ncompany: A\nrole: B\ncolour: blue\n---\n"  # an unknown key: JJ002


def test_a_second_copy_of_an_old_finding_is_new() -> None:
    verify(OLD, OLD.replace(b"role: B", b"role: Bee"), "a.md", "a", ZONE)  # still one: fine
    with pytest.raises(EditError, match="JJ002"):  # the same message, a second time
        verify(OLD, OLD.replace(b"colour: blue\n", b"colour: blue\ncolour: red\n"), "a.md",
               "a", ZONE)
