"""Secrets typed at a device's own question: `Password:`, `Enter passphrase:`.

A PKCS#12 or RSA key import (`crypto pki import TP pkcs12 flash:r.p12`, `crypto key import
rsa ...`) can ask for its password instead of taking it on the command line; a session log or
a paste then shows the typed value after the question (`Password: Xy7`) or, where the
terminal put it there, alone on the next line. The question is the context, as a sub-mode
prompt is for a bare `key`: no rule on the value's own line could know it is a secret.
"""

from __future__ import annotations

from netriage.lazyre import lazy
from netriage.redact.rules import VALUE

# The question, at the start of a line (after a `% ` the device prints before messages).
_QUESTION = (r"^[ \t]*(?:%[ \t]*)?(?:(?:re-?enter|confirm|verify|enter)[ \t]+(?:the[ \t]+)?)?"
             r"(?:(?:import|export|pkcs12|pem|private[ \t]+key)[ \t]+)?"
             r"(?:password|passphrase|pass[ \t]+phrase)[ \t]*(?:\[[^\]\n]*\][ \t]*)?[:?][ \t]*")
# Single words a device prints after such a label as a state, not a value typed.
_STATES = r"(?:none|disabled|enabled|configured|set|required|yes|no|n/a)(?![^\s])"
ANSWERED = lazy(rf"(?im){_QUESTION}(?!{_STATES})(?P<s>{VALUE})[ \t]*$")
ASKED = lazy(rf"(?im){_QUESTION}$")
HINT = lazy(r"(?i)pass(?:word|[ \t]?phrase)[^\n:?]{0,12}[:?]")
# What makes a question a certificate or key import's (the command, or a line shortly before).
_IMPORT = lazy(r"(?i)\bcrypto[ \t]+(?:pki|ca|key)[ \t]+(?:import|export)\b|\bpkcs12\b")
_LOOK_BACK = 10  # lines above a question searched for the import command
# A value alone on the line after an empty question: one word, not a device message or prompt.
_ALONE = lazy(r"[ \t]*(?P<s>(?![%!])[^\s#>]\S*(?<![#>]))[ \t]*$")


def _import_context(text: str, at: int, command: str) -> bool:
    if _IMPORT.search(command):
        return True
    start = at
    for _ in range(_LOOK_BACK):
        start = text.rfind("\n", 0, max(start - 1, 0))
        if start == -1:
            start = 0
            break
    return bool(_IMPORT.search(text, start, at))


def prompted_secrets(text: str, command: str = "") -> list[tuple[int, int, str]]:
    """(start, end, kind) of each value typed at a password question in `text`."""
    if not HINT.search(text):
        return []
    found = []
    for match in ANSWERED.finditer(text):
        kind = "pki-password" if _import_context(text, match.start(), command) else "password"
        found.append((match.start("s"), match.end("s"), kind))
    for match in ASKED.finditer(text):
        # Alone on the next line only after an import's question: elsewhere a word after an
        # empty `Password:` is a login banner or the next prompt, not what was typed.
        if not _import_context(text, match.start(), command):
            continue
        begin = match.end() + 1
        end = text.find("\n", begin)
        alone = _ALONE.fullmatch(text, begin, len(text) if end == -1 else end)
        if begin <= len(text) and alone and not ASKED.fullmatch(alone.group(0).strip()):
            found.append((alone.start("s"), alone.end("s"), "pki-password"))
    return found
