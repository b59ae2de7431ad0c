"""Who else is writing in the open conversation (collision detection).

Drafts are autosaved to the store as people type, so a colleague's draft in the
same conversation is known to every window — on a shared store within a second.
The conversation says so above the composer, so two people do not answer the
same customer twice; a draft left for a while is named as left, not as being
written.
"""

from __future__ import annotations

from collections.abc import Sequence

from inbox_app.core.timeutil import relative

WRITING_SECONDS = 120  # a draft saved this recently is being written now


def listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"


def saved_when(at: int, now_at: int) -> str:
    said = relative(at, now_at)
    return said + " ago" if said.endswith(("min", " h")) else "on " + said


def drafting_text(others: Sequence[tuple[str, int]], now_at: int) -> str:
    """One or two sentences about colleagues' drafts, newest first; "" when there are none."""
    writing = [name for name, at in others if now_at - at < WRITING_SECONDS]
    left = [(name, at) for name, at in others if now_at - at >= WRITING_SECONDS]
    sentences = []
    if writing:
        verb = "is" if len(writing) == 1 else "are"
        sentences.append(f"{listed(writing)} {verb} writing in this conversation.")
    if len(left) == 1:
        name, at = left[0]
        sentences.append(f"{name} left an unsent draft here, saved {saved_when(at, now_at)}.")
    elif left:
        sentences.append(f"{listed([name for name, _ in left])} left unsent drafts here.")
    return " ".join(sentences)
