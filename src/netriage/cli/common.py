"""Pieces every subcommand shares: exit codes and argument helpers."""

from __future__ import annotations

from pathlib import Path

from netriage.errors import NetriageError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
# no finding medium or worse, but the loader cut part of the capture at one of its bounds
EXIT_INCOMPLETE = 3


def parse_answers(values: list[str]) -> dict[str, str]:
    """`--answer tree.node=answer` values as a dict, each checked against the trees: a node
    that is not a question, or an answer that is not one of its choices, is refused (exit 2)
    with the valid ones named — a mistyped answer must not silently drop the question."""
    answers = {}
    for value in values:
        key, sep, answer = value.partition("=")
        if not sep:
            raise NetriageError(f"--answer {value!r} must look like TREE.NODE=ANSWER")
        key, answer = key.strip(), answer.strip()
        check_answer(key, answer)
        answers[key] = answer
    return answers


def _questions() -> dict[str, dict[str, tuple[str, ...]]]:
    """tree id → {question node id → its answers}, for trees that ask anything."""
    from netriage.engine.tree import load_trees

    asked = {t.id: {n.id: tuple(a for a, _next in n.choices)
                    for n in t.nodes.values() if n.kind == "question"} for t in load_trees()}
    return {tree: nodes for tree, nodes in asked.items() if nodes}


def check_answer(key: str, answer: str) -> None:
    """Raise a one-sentence NetriageError when `key=answer` answers no question."""
    questions = _questions()
    tree, _dot, node = key.partition(".")
    if tree not in questions:
        raise NetriageError(f"--answer {key}={answer}: no tree {tree!r} asks a question; "
                            f"trees with questions: {', '.join(sorted(questions))}")
    if node not in questions[tree]:
        raise NetriageError(f"--answer {key}={answer}: {node!r} is not a question of {tree}; "
                            f"its questions: {', '.join(sorted(questions[tree]))}")
    choices = questions[tree][node]
    if answer not in choices:
        raise NetriageError(f"--answer {key}={answer}: {answer!r} is not an answer to "
                            f"{key}; answer one of: {', '.join(choices)}")


def check_writable(folder: Path) -> None:
    """Write and remove a scratch file: the only test that holds for root, read-only mounts
    and network shares alike."""
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise NetriageError(f"{folder}: cannot write into this folder "
                            f"({(exc.strerror or str(exc)).lower()})") from None
