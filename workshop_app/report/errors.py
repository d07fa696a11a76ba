"""The one error the report raises: a message fit to show the user as it is."""

from __future__ import annotations


class ReportError(ValueError):
    """The handout cannot be made; the message names the file, key or problem."""
