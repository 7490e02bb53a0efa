"""redact_report masks each distinct string of a report once (issue 14's batch speed): the
result must be what masking every value on its own gives, also when a value met later teaches
the map a new secret that an earlier-masked string holds."""

from __future__ import annotations

from netriage.redact import TokenMap, redact_report, redact_tree


def _report() -> dict[str, object]:
    quoted = "the key s3cr3tPass9 is quoted here"
    return {
        "findings": [{"explanation": quoted, "title": "one"},
                     {"explanation": quoted, "title": "one"}],
        # learnt only here, after the quoted line was first masked
        "undecided": ["enable password s3cr3tPass9", quoted, quoted],
    }


def test_repeated_values_masked_as_one_by_one() -> None:
    memo = redact_report(_report(), TokenMap())
    plain = redact_tree(_report(), TokenMap())
    assert memo == plain
    # the secret is masked in the value that taught it and in the copies after it
    assert "s3cr3tPass9" not in memo["undecided"][0]
    assert all("s3cr3tPass9" not in value for value in memo["undecided"][1:])


def test_known_secret_masked_in_every_copy() -> None:
    tokens = TokenMap()
    tokens.token("password", "s3cr3tPass9")
    memo = redact_report(_report(), tokens)
    assert all("s3cr3tPass9" not in f["explanation"] for f in memo["findings"])
    assert memo["findings"][0] == memo["findings"][1]
