"""Pieces every subcommand shares: exit codes and argument helpers."""

from __future__ import annotations

from netriage.errors import NetriageError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
# no finding medium or worse, but the loader cut part of the capture at one of its bounds
EXIT_INCOMPLETE = 3


def parse_answers(values: list[str]) -> dict[str, str]:
    """`--answer tree.node=answer` values as a dict."""
    answers = {}
    for value in values:
        key, sep, answer = value.partition("=")
        if not sep:
            raise NetriageError(f"--answer {value!r} must look like TREE.NODE=ANSWER")
        answers[key.strip()] = answer.strip()
    return answers
