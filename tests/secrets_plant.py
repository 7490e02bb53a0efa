"""Captures with a distinct secret planted for every kind, in every form engineers produce.

Used by `test_secrets_everywhere.py`. Each secret kind is one configuration line (with the
block lines it sits under); each *form* writes every kind of a platform into one capture
file the way it reaches netriage: a `show running-config` in a session, typed at config
prompts (sub-mode prompts included), typed in CAPS, typed abbreviated, pasted flat into a
forum post, in a mail that capitalised every line, inside a `show tech-support`, and the
ASA's `more system:running-config`.
A secret value is unique per kind and form, so a leak names exactly what leaked where.
"""

from __future__ import annotations

from pathlib import Path

from tests.secrets_kinds import KINDS, Kind

FORMS = {"ios": ("run", "typed", "upper", "abbr", "forum", "tech", "mail"),
         "asa": ("system", "typed", "upper", "abbr", "forum"),
         "pix": ("run", "typed", "upper")}
_FORM_NAMES = ("run", "typed", "upper", "abbr", "forum", "tech", "system", "mail")
_FORM_CODES = "rtuafhsm"


def secret(kind: Kind, form: str, slot: str) -> str:
    """A distinct value for (kind, form, slot); all the same length, so none holds another."""
    number = KINDS.index(kind)
    code = _FORM_CODES[_FORM_NAMES.index(form)]
    if kind.word:
        value = _word(kind, form, slot)
    elif kind.hex:
        value = f"c0de{number:02x}{ord(code):02x}{'a' if slot == 's' else 'b'}9f3e7d5b1a"
    else:
        value = f"Zk{number:02d}{code}{slot}Wq8"
    return value.upper() if form == "upper" else value


# Ordinary words, none inside another or inside any other planted text; one per use.
WORDS = ("Sunflower", "Marmalade", "Trombone", "Avalanche", "Hedgehog", "Lighthouse",
         "Porcupine", "Tangerine", "Waterfall", "Blueberry", "Snowflake", "Butterfly",
         "Pineapple", "Raspberry", "Kingfisher", "Albatross", "Chameleon", "Nightingale",
         "Sycamore", "Mandolin", "Harmonica", "Cinnamon", "Lavender", "Saffron", "Paprika",
         "Walnut", "Dolphin", "Meadow", "Thunder", "Glacier", "Orchard", "Pelican")


def _word(kind: Kind, form: str, slot: str) -> str:
    if slot == "t" and "{t}" not in kind.child:
        return ""  # `_child` asks for both slots; a one-secret line uses only `s`
    uses = [(k, f, t) for k in KINDS if k.word for f in FORMS[k.platform]
            for t in (("s", "t") if "{t}" in k.child else ("s",))]
    return WORDS[uses.index((kind, form, slot))]


def _child(kind: Kind, form: str, template: str | None = None) -> str:
    text = (template or kind.child).format(s=secret(kind, form, "s"), t=secret(kind, form, "t"))
    return text.upper() if form == "upper" else text


def planted(forms: dict[str, tuple[str, ...]] = FORMS) -> dict[str, str]:
    """Every planted secret → `kind/form/slot` (where it was planted)."""
    out = {}
    for kind in KINDS:
        for form in forms[kind.platform]:
            for slot in ("s", "t") if "{t}" in kind.child else ("s",):
                out[secret(kind, form, slot)] = f"{kind.name}/{form}/{slot}"
    out.update(PEM_LINES)
    out[PEM_PASS] = "pem-import-passphrase"
    out.update(PROMPT_PASSES)
    return out


def _config(platform: str, form: str, indent: bool = True) -> list[str]:
    lines = []
    for kind in (k for k in KINDS if k.platform == platform):
        for depth, parent in enumerate(kind.parents):
            lines.append(" " * depth * indent + parent)
        lines.append(" " * len(kind.parents) * indent + _child(kind, form))
        if kind.parents and platform == "ios":
            lines.append("!")
    return lines


def _typed(platform: str, host: str, form: str) -> list[str]:
    lines = [f"{host}#configure terminal",
             "Enter configuration commands, one per line.  End with CNTL/Z."]
    for kind in (k for k in KINDS if k.platform == platform):
        mode = "config"
        for parent, next_mode in zip(kind.parents, kind.modes, strict=True):
            lines.append(f"{host}({mode})#{parent.upper() if form == 'upper' else parent}")
            mode = next_mode
        child = _child(kind, form, kind.abbr if form == "abbr" and kind.abbr else None)
        lines.append(f"{host}({mode})#{child}")
        for mode in reversed(kind.modes):  # back up one level at a time
            lines.append(f"{host}({mode})#exit")
    return lines + [f"{host}(config)#end"]


# A private key as pasted at `crypto key import rsa ... pem terminal`: each body line is a
# secret (made-up base64 of the right shape; no real key).
PEM_LINES = {f"MIIEpAIBAAKCAQEAx{n}Qm7Hc2Lr9VtF0sWkT4pZ8yBnD6eJqA1gXo3uRiY5vEw"
             f"{n}Ke9": f"pem-body/{n}" for n in range(3)}


def _pem(host: str) -> list[str]:
    return [f"{host}(config)#crypto key import rsa VPNKEY pem terminal {PEM_PASS}",
            "% Enter PEM-formatted public General Purpose key or certificate.",
            "% End with a blank line or \"quit\" on a line by itself.",
            "-----BEGIN PUBLIC KEY-----",
            "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAw8nQ0c5t1Yp9mB3xK2Lr",
            "-----END PUBLIC KEY-----", "quit",
            "% Enter PEM-formatted encrypted private General Purpose key.",
            "% End with \"quit\" on a line by itself.",
            "-----BEGIN RSA PRIVATE KEY-----", "Proc-Type: 4,ENCRYPTED",
            "DEK-Info: DES-EDE3-CBC,4E1B2C3D4A5F6071", "", *PEM_LINES,
            "-----END RSA PRIVATE KEY-----", "quit",
            "% Key pair import succeeded.", f"{host}(config)#end"]


PEM_PASS = "Zk99pPWq8"
# PKCS#12 passwords typed at the device's own question, after the value on the question's
# line and alone on the next one: only the question says they are secrets.
PROMPT_PASSES = {"Zk97qAWq8": "pkcs12-at-password-prompt/same-line",
                 "Zk96qBWq8": "pkcs12-at-password-prompt/next-line"}


def _prompted(host: str) -> list[str]:
    same, alone = PROMPT_PASSES
    return [f"{host}(config)#crypto pki import ROUTER-ID2 pkcs12 flash:rtr2.p12",
            "Source filename [rtr2.p12]? ", f"Password: {same}",
            "% Importing pkcs12...", "CRYPTO_PKI: Imported PKCS12 file successfully.",
            f"{host}(config)#crypto pki import ROUTER-ID3 pkcs12 flash:rtr3.p12",
            "Source filename [rtr3.p12]? ", "Password:", alone, "% Importing pkcs12...",
            f"{host}(config)#end"]

IOS_VERSION = ("Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version 15.7(3)M8, "
               "RELEASE SOFTWARE (fc2)\n") + """Technical Support: http://www.cisco.com/techsupport
Copyright (c) 1986-2021 by Cisco Systems, Inc.

ROM: System Bootstrap, Version 15.0(1r)M16, RELEASE SOFTWARE (fc1)

{host} uptime is 41 weeks, 2 days, 3 hours, 12 minutes
System returned to ROM by power-on
System image file is "flash0:c2900-universalk9-mz.SPA.157-3.M8.bin"

Cisco CISCO2921/K9 (revision 1.0) with 487424K/36864K bytes of memory.
Processor board ID FTX1736AKH2
3 Gigabit Ethernet interfaces
DRAM configuration is 64 bits wide with parity enabled.
255K bytes of non-volatile configuration memory.

Configuration register is 0x2102"""

IOS_BRIEF = """Interface                  IP-Address      OK? Method Status                Protocol
GigabitEthernet0/0         198.51.100.2    YES NVRAM  up                    up
GigabitEthernet0/1         10.10.1.1       YES NVRAM  up                    up
GigabitEthernet0/2         10.10.2.1       YES NVRAM  administratively down down
Tunnel0                    172.16.0.1      YES NVRAM  up                    up"""

ASA_VERSION = """Cisco Adaptive Security Appliance Software Version 9.12(4)56
SSP Operating System Version 2.6(1.224)
Device Manager Version 7.12(2)

Compiled on Fri 03-Jun-22 by builders
System image file is "disk0:/asa9-12-4-56-smp-k8.bin"
Config file at boot was "startup-config"

{host} up 112 days 4 hours
failover cluster up 112 days 4 hours

Hardware:   ASA5545, 12288 MB RAM, CPU Lynnfield 2394 MHz, 1 CPU (8 cores)
Serial Number: FTX2041W1KP
Configuration register is 0x1"""

ASA_FAILOVER = """Failover On
Failover unit Primary
Failover LAN Interface: folink GigabitEthernet0/7 (up)
Reconnect timeout 0:00:00
Unit Poll frequency 1 seconds, holdtime 15 seconds
Interface Poll frequency 5 seconds, holdtime 25 seconds
Interface Policy 1
Monitored Interfaces 3 of 1049 maximum
failover replication http
Version: Ours 9.12(4)56, Mate 9.12(4)56
Last Failover at: 09:14:02 UTC Aug 18 2026
        This host: Primary - Active
                Active time: 9676310 (sec)
                  Interface outside (198.51.100.10): Normal (Monitored)
                  Interface inside (10.20.0.1): Normal (Monitored)
        Other host: Secondary - Standby Ready
                Active time: 0 (sec)
                  Interface outside (198.51.100.11): Normal (Monitored)
                  Interface inside (10.20.0.2): Normal (Monitored)"""


def _kind(name: str) -> Kind:
    return next(k for k in KINDS if k.name == name)


def ios_session(host: str, form: str) -> str:
    lines = [f"{host}#terminal length 0", f"{host}#show version",
             *IOS_VERSION.format(host=host).split("\n"),
             f"{host}#show ip interface brief", *IOS_BRIEF.split("\n")]
    if form == "run":
        lines += [f"{host}#show running-config", "Building configuration...", "",
                  "Current configuration : 9182 bytes", "!", "version 15.7",
                  f"hostname {host}", "!", *_config("ios", form), "!", "end", "",
                  f"{host}#show crypto isakmp key",
                  "Keyring      Hostname/Address                            Preshared Key",
                  "", f"default      203.0.113.9                                 "
                  f"{secret(_kind('isakmp-key'), form, 's')}",
                  # the device prints the community it was given, in clear
                  f"{host}#show snmp community", "",
                  f"Community name: {secret(_kind('snmp-community'), form, 's')}",
                  "Community Index: cisco0", "Community SecurityName: "
                  f"{secret(_kind('snmp-community'), form, 's')}",
                  "storage-type: nonvolatile        active access-list: 10", ""]
    else:
        lines += _typed("ios", host, form)
        if form == "typed":
            lines += [f"{host}#configure terminal",
                      "Enter configuration commands, one per line.  End with CNTL/Z.",
                      *_pem(host), f"{host}#configure terminal", *_prompted(host)]
    lines += [f"{host}#show clock", "*10:42:17.118 UTC Mon Dec 7 2026", f"{host}#"]
    return "\n".join(lines) + "\n"


def ios_forum(host: str) -> str:
    body = [f"hostname {host}", *_config("ios", "forum", indent=False)]
    return ("Hi all, our branch tunnel stopped after the ISP swap, config below "
            "(sanitised the IPs):\n\n" + "\n".join(body) + "\n\nAny idea? Thanks\n")


def ios_mail(host: str) -> str:
    """A config pasted into a mail whose client capitalised every line and lost indents."""
    body = [line[:1].upper() + line[1:] for line in
            [f"hostname {host}", *_config("ios", "mail", indent=False)]]
    return ("Hello team,\n\nAs requested, the running config of the branch router:\n\n"
            + "\n".join(body) + "\n\nBest regards,\nNOC\n")


def ios_tech(host: str) -> str:
    sections = [("show version", IOS_VERSION.format(host=host).split("\n")),
                ("show running-config", ["Building configuration...", "", "version 15.7",
                                         f"hostname {host}", "!", *_config("ios", "tech"),
                                         "end"]),
                ("show ip interface brief", IOS_BRIEF.split("\n"))]
    lines = [f"{host}#terminal length 0", f"{host}#show tech-support", ""]
    for command, output in sections:
        lines += [f"------------------ {command} ------------------", "", *output, "", ""]
    return "\n".join(lines + [f"{host}#"]) + "\n"


def asa_session(host: str, form: str) -> str:
    prompt = f"{host}/pri/act#"
    lines = [f"{prompt} terminal pager 0", f"{prompt} show version",
             *ASA_VERSION.format(host=host).split("\n"), f"{prompt} show failover",
             *ASA_FAILOVER.split("\n")]
    if form == "system":
        lines += [f"{prompt} more system:running-config", ": Saved", ":",
                  ": Serial Number: FTX2041W1KP", ": Hardware:   ASA5545, 12288 MB RAM",
                  ":", "ASA Version 9.12(4)56", "!", f"hostname {host}",
                  *_config("asa", form), ": end"]
    else:
        typed = _typed("asa", f"{host}/pri/act", form)
        lines += [line.replace("#", "# ", 1) for line in typed  # the ASA prints no banner
                  if line.startswith(host)]
    return "\n".join(lines + [f"{prompt} "]) + "\n"


def asa_forum(host: str) -> str:
    return ("Failover pair won't sync after RMA, here's the running config of the "
            "primary:\n\n" + "\n".join([f"hostname {host}",
                                        *_config("asa", "forum", indent=False)]) + "\n")


def pix_session(host: str, form: str) -> str:
    lines = [f"{host}# pager 0", f"{host}# show version", "",
             "Cisco PIX Firewall Version 6.3(5)", "Cisco PIX Device Manager Version 3.0(4)",
             "", f"{host} up 211 days 6 hours", "",
             "Hardware:   PIX-525, 256 MB RAM, CPU Pentium III 600 MHz",
             "Serial Number: 807412345 (0x3023f1b9)"]
    if form == "run":
        lines += [f"{host}# show running-config", ": Saved", ":", "PIX Version 6.3(5)",
                  f"hostname {host}", *_config("pix", form), ": end"]
    else:
        lines += [f"{host}# configure terminal"]
        lines += [f"{host}(config)# {_child(k, form)}" for k in KINDS if k.platform == "pix"]
        lines += [f"{host}(config)# exit"]
    return "\n".join(lines + [f"{host}# "]) + "\n"


def write_captures(folder: Path) -> list[Path]:
    """One file per platform and form; the paths written."""
    files = {f"ios-{form}.log": ios_session("br-rtr01", form) for form in
             ("run", "typed", "upper", "abbr")}
    files["ios-forum.txt"] = ios_forum("br-rtr02")
    files["ios-tech.txt"] = ios_tech("br-rtr03")
    files["ios-mail.txt"] = ios_mail("br-rtr04")
    files.update({f"asa-{form}.log": asa_session("fw-hq", form) for form in
                  ("system", "typed", "upper", "abbr")})
    files["asa-forum.txt"] = asa_forum("fw-dc")
    files.update({f"pix-{form}.log": pix_session("pix-geneva", form) for form in
                  ("run", "typed", "upper")})
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in files.items():
        (folder / name).write_text(text)
        paths.append(folder / name)
    return paths
