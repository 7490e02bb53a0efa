"""The secrets issue 12 still found leaking, each on its own line, and what must stay.

Every case runs `redact_text`, the one model behind every path (the leak test in
`test_secrets_everywhere.py` drives the same kinds through every path).
"""

from __future__ import annotations

import pytest

from netriage.redact import TokenMap, redact_text


def _masked(text: str) -> str:
    return redact_text(text, TokenMap()).text


@pytest.mark.parametrize(("line", "secret"), [
    # A capitalised ordinary word is a secret like any other, whatever the line's case.
    ("enable password Cisco", "Cisco"),
    ("username admin password Letmein", "Letmein"),
    ("Enable password Cisco", "Cisco"),
    ("Username admin password Letmein", "Letmein"),
    ("Ip ftp password Welcome", "Welcome"),  # a mail client capitalised the line
    ("Area-password Public", "Public"),
    ("Password 7 cisco", "cisco"),  # a type digit: configuration, not prose
    ("Tacacs-server key 7 letmein", "letmein"),
    ("Wpa-psk ascii 0 letmein", "letmein"),
    # Bare `key` at any sub-mode prompt but a key chain's.
    ("fw(config-isakmp)# key Zk1isakmp", "Zk1isakmp"),
    ("R1(config-isakmp-group)#key Zk2group", "Zk2group"),
    ("R1(config-some-new-mode)#key Zk3other", "Zk3other"),
    # Sub-mode lines whose keyword names the secret.
    ("R1(config-keyring)#pre-shared-key address 1.2.3.4 key Zk4ring", "Zk4ring"),
    ("fw(config-tunnel-ipsec)# ikev1 pre-shared-key Zk5tunnel", "Zk5tunnel"),
    ("R1(config-if)# standby 1 authentication md5 key-string Zk6hsrp", "Zk6hsrp"),
    ("R1(config-if)#ip ospf message-digest-key 1 md5 Zk7ospf", "Zk7ospf"),
    ("ntp authentication-key 1 md5 Zk8ntp", "Zk8ntp"),
    ("snmp-server user u g v3 auth sha Zk9auth priv aes 128 Zk9priv", "Zk9auth"),
    ("snmp-server user u g v3 auth sha Zk9auth priv aes 128 Zk9priv", "Zk9priv"),
    # RSA key import/export: the passphrase keyword, or positional after terminal / url.
    ("crypto key import rsa K pem passphrase Zk10pass", "Zk10pass"),
    ("crypto key import rsa K pem terminal Zk11pass", "Zk11pass"),
    ("crypto key import rsa K pem url tftp://192.0.2.5/k Zk12pass", "Zk12pass"),
    ("crypto key export rsa K pem url flash:k 3des Zk13pass", "Zk13pass"),
    # PIX positional aaa key that happens to be the word "Key".
    ("aaa-server T (inside) host 10.0.0.5 Key timeout 10", "Key timeout"),
])
def test_each_secret_is_masked(line, secret):
    out = _masked(line)
    assert secret not in out, out
    assert "<" in out


def test_a_password_typed_at_the_import_question():
    text = ("R1(config)#crypto pki import TP pkcs12 flash:r.p12\n"
            "Source filename [r.p12]? \nPassword: Zk20same\n% Importing pkcs12...\n"
            "R1(config)#crypto pki import TP2 pkcs12 flash:r2.p12\nPassword:\nZk21alone\n"
            "% Enter PEM passphrase: Zk22pem\n")
    result = redact_text(text, TokenMap())
    for secret in ("Zk20same", "Zk21alone", "Zk22pem"):
        assert secret not in result.text
    assert [(m.line, m.kind) for m in result.manifest] == [
        (3, "pki-password"), (7, "pki-password"), (8, "pki-password")]
    # The line count stays: evidence and manifest line numbers still point right.
    assert result.text.count("\n") == text.count("\n")


def test_a_password_typed_at_a_question_anywhere_else_is_masked_too():
    assert "Zk23login" not in _masked("Username: admin\nPassword: Zk23login\nR1>")


@pytest.mark.parametrize("text", [
    "Failover key mismatch between the units",  # prose a finding says
    "Failover key differs",
    "DH Share Secret 0",  # a table row
    "R1(config-keychain)#key 1",  # a key chain's index
    "key chain EIGRP-KC\n key 1\n  key-string <key-string-1>",
    "Password: ********", "Password: none", "Password:", "Password: <password-1>",
    "Password:\nR1>",  # a login: the next prompt is not a password
    "The password-recovery mechanism is enabled.",
    "R1#key abc",  # exec mode has no `key` command
])
def test_what_is_not_a_secret_stays(text):
    result = redact_text(text, TokenMap())
    assert result.text == text and not result.manifest


@pytest.mark.parametrize(("line", "masked"), [
    ("Enable password cisco", "Enable password <enable-1>"),
    ("Enable secret level 15 letmein", "Enable secret level 15 <enable-1>"),
    ("Enable password cisco encrypted", "Enable password <enable-1> encrypted"),
    ("Username admin password cisco", "Username admin password <user-password-1>"),
    ("Username ops privilege 15 secret letmein", "Username ops privilege 15 secret "
                                                  "<user-password-1>"),
])
def test_a_mail_capitalised_line_with_a_lowercase_word_is_masked(line, masked):
    """A whole line of exactly a config's shape, capitalised by a mail client, is no sentence:
    its lowercase secret word is masked (prose such as "Failover key mismatch" stays)."""
    assert redact_text(line, TokenMap()).text == masked


@pytest.mark.parametrize("prose", [
    "Enable password is stored in clear text.", "Failover key mismatch",
    "Username and password are asked at login", "Enable secret missing",
])
def test_sentences_about_passwords_stay(prose):
    assert redact_text(prose, TokenMap()).text == prose
