"""The questions asked before anything becomes visible to the whole room; one wording for every page."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from workshop_app.core.ballots import round_progress
from workshop_app.core.model import Workshop
from workshop_app.gui.dialogs import errors


def reveal_question(workshop: Workshop, round_number: int, *, names: bool) -> str:
    """What the reveal prompt says: who is missing (by count, by name only when `names`), never a value."""
    progress = round_progress(workshop, round_number)
    room = ("Every rating of this round will show on every connected screen, the projector included. "
            "You can hide the round again afterwards.")
    if progress.everyone:
        return f"Everyone has voted. Reveal round {round_number} to the room?\n\n{room}"
    missing = len(progress.missing)
    who = f"{missing} of {progress.total} participant{'s' if progress.total != 1 else ''}"
    text = f"{who} {'has' if missing == 1 else 'have'} not finished their ballot"
    if progress.partly:
        text += f" ({len(progress.partly)} part-way)"
    if names:
        shown = workshop.participant_names()
        text += ": " + ", ".join(shown[pid] for pid in progress.missing)
    return f"{text}.\n\nReveal round {round_number} to the room anyway?\n\n{room}"


def confirm_reveal(parent: QWidget | None, workshop: Workshop, round_number: int, *, names: bool) -> bool:
    """Ask before a round's ratings go up on the screen."""
    return errors.ask_carefully(parent, f"Reveal round {round_number}",
                                reveal_question(workshop, round_number, names=names), "Reveal to the room")


def confirm_show_values(parent: QWidget | None, round_number: int) -> bool:
    """Ask before the facilitator grid shows the values of a round the room has not seen yet."""
    return errors.ask_carefully(
        parent, "Show the values of a blind round",
        f"Round {round_number} has not been revealed. Showing its values puts every person's rating on every "
        "connected screen, the projector included.\n\nShow the values now? They are hidden again as soon as "
        "you leave this page or pick another round.", "Show the values")


def confirm_named(parent: QWidget | None) -> bool:
    """Ask before the Reveal page ties ratings to names."""
    return errors.ask_carefully(
        parent, "Show names",
        "Names will be shown to the room: every rating on this page, in the heatmap and in tooltips is then tied "
        "to a person.\n\nDo this only if the room has agreed to be named. Show names?", "Show names")
