"""Old SSH algorithms: per-device legacy profiles, and plain words when paramiko lacks one.

Old ASA (8.x, early 9.x), PIX 7/8 and IOS 12.x/15.0 images speak only SHA-1 key exchanges
(diffie-hellman-group1/group14-sha1), `ssh-rsa` host keys and CBC ciphers. paramiko 5 removed
every SHA-1 algorithm (netmiko issue #3892), so with the paramiko netriage normally runs on no
setting can reach such a device; a profile then only adds what this paramiko still has (CBC
ciphers, hmac-sha1), and the negotiation failure is explained: what the device offered, what
we offered, and what to do.

A profile only moves algorithms to the front or adds ones paramiko has but does not offer by
default; it never disables modern ones, so a device that learnt better still gets them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# What paramiko 5 removed, by category (paramiko 4.x still has these, but not by default).
REMOVED_IN_PARAMIKO_5 = {
    "kex": ("diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1",
            "diffie-hellman-group-exchange-sha1"),
    "host key": ("ssh-rsa", "ssh-dss"),
}
CATEGORIES = ("kex", "host key", "cipher", "mac")


@dataclass(frozen=True)
class LegacyProfile:
    name: str
    kex: tuple[str, ...] = ()
    host_keys: tuple[str, ...] = ()
    ciphers: tuple[str, ...] = ()
    macs: tuple[str, ...] = ()
    # Old IOS/ASA images do not announce server-sig-algs and refuse rsa-sha2 signatures in
    # public-key user authentication; netmiko's `disable_sha2_fix` is the same switch.
    disable_rsa_sha2_pubkeys: bool = False
    why: str = ""

    def wanted(self) -> dict[str, tuple[str, ...]]:
        return {"kex": self.kex, "host key": self.host_keys, "cipher": self.ciphers,
                "mac": self.macs}


PROFILES: dict[str, LegacyProfile] = {
    p.name: p
    for p in (
        LegacyProfile("modern", why="paramiko's defaults"),
        LegacyProfile(
            "cbc", ciphers=("aes256-cbc", "aes128-cbc", "3des-cbc"), macs=("hmac-sha1",),
            why="ASA 8.4-9.x and IOS 15.x with only CBC ciphers and hmac-sha1"),
        LegacyProfile(
            "sha1",
            kex=("diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1",
                 "diffie-hellman-group1-sha1"),
            host_keys=("ssh-rsa",), ciphers=("aes256-cbc", "aes128-cbc", "3des-cbc"),
            macs=("hmac-sha1",), disable_rsa_sha2_pubkeys=True,
            why="ASA 8.x, PIX 7/8, IOS 12.x: SHA-1 key exchange and ssh-rsa host keys"),
    )
}


def get_profile(name: str | None) -> LegacyProfile:
    from netriage.errors import NetriageError

    key = (name or "modern").strip().lower()
    if key in PROFILES:
        return PROFILES[key]
    raise NetriageError(f"unknown legacy profile {name!r}; use one of: {', '.join(PROFILES)}")


def custom_profile(base: LegacyProfile, extra: dict[str, list[str]]) -> LegacyProfile:
    """A profile with algorithms added from ~/.ssh/config (`KexAlgorithms +...` and kin)."""
    if not any(extra.values()):
        return base
    return LegacyProfile(
        name=f"{base.name}+ssh_config",
        kex=tuple(extra.get("kex", [])) + base.kex,
        host_keys=tuple(extra.get("host key", [])) + base.host_keys,
        ciphers=tuple(extra.get("cipher", [])) + base.ciphers,
        macs=tuple(extra.get("mac", [])) + base.macs,
        disable_rsa_sha2_pubkeys=base.disable_rsa_sha2_pubkeys, why=base.why)


def supported() -> dict[str, tuple[str, ...]]:
    """Every algorithm this paramiko implements, by category."""
    from paramiko import Transport

    return {"kex": tuple(Transport._kex_info), "host key": tuple(Transport._key_info),
            "cipher": tuple(Transport._cipher_info), "mac": tuple(Transport._mac_info)}


def defaults() -> dict[str, tuple[str, ...]]:
    """What this paramiko offers when nothing is changed."""
    from paramiko import Transport

    return {"kex": tuple(Transport._preferred_kex),
            "host key": tuple(Transport._preferred_keys),
            "cipher": tuple(Transport._preferred_ciphers),
            "mac": tuple(Transport._preferred_macs)}


@dataclass
class Plan:
    """What a profile turns into for this paramiko: preferences to set, and what is missing."""

    profile: LegacyProfile
    preferred: dict[str, tuple[str, ...]] = field(default_factory=dict)
    missing: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def disabled_algorithms(self) -> dict[str, list[str]] | None:
        if self.profile.disable_rsa_sha2_pubkeys:
            return {"pubkeys": ["rsa-sha2-256", "rsa-sha2-512"]}
        return None


def plan(profile: LegacyProfile) -> Plan:
    have, base = supported(), defaults()
    result = Plan(profile)
    for category, wanted in profile.wanted().items():
        usable = tuple(a for a in wanted if a in have[category])
        result.missing[category] = tuple(a for a in wanted if a not in have[category])
        result.preferred[category] = usable + tuple(a for a in base[category]
                                                    if a not in usable)
    return result


def apply(transport: object, plan_: Plan) -> None:
    """Set a client transport's preferences before it starts (paramiko SecurityOptions)."""
    options = transport.get_security_options()  # type: ignore[attr-defined]
    options.kex = plan_.preferred["kex"]
    options.key_types = plan_.preferred["host key"]
    options.ciphers = plan_.preferred["cipher"]
    options.digests = plan_.preferred["mac"]


def _paramiko_version() -> str:
    import paramiko

    return paramiko.__version__


def explain(offered: dict[str, list[str]], ours: dict[str, tuple[str, ...]],
            profile: LegacyProfile) -> str:
    """One paragraph: which category failed, both sides' lists, why, and what to do."""
    failed = [c for c in CATEGORIES if offered.get(c) and not set(offered[c]) & set(ours[c])]
    if not failed:
        return "SSH negotiation failed, but the offers overlap; try --legacy sha1"
    have = supported()
    lines = []
    removed: list[str] = []
    unknown: list[str] = []
    for category in failed:
        theirs = offered[category]
        lines.append(f"No common {category} algorithm: the device offers "
                     f"{', '.join(theirs)}; paramiko {_paramiko_version()} offers "
                     f"{', '.join(ours[category])}.")
        removed += [a for a in theirs if a in REMOVED_IN_PARAMIKO_5.get(category, ())]
        unknown += [a for a in theirs if a not in have[category]]
    text = " ".join(lines)
    if removed:
        text += (f" {', '.join(dict.fromkeys(removed))} use SHA-1, which paramiko removed in "
                 "5.0 (netmiko issue #3892): no netriage option can offer them with this "
                 "install. Fix the device (ASA: `ssh key-exchange group dh-group14-sha256` "
                 "and an RSA/ECDSA key; IOS: `ip ssh version 2` with a newer image), or run "
                 "netriage from a virtualenv with paramiko 4 (pip install 'paramiko>=3.4,<5', "
                 "as `netmiko[par4]` does) with --legacy sha1.")
    elif set(unknown) == set().union(*(offered[c] for c in failed)):
        text += " This paramiko implements none of the device's algorithms."
    else:
        text += (f" Try --legacy {'cbc' if profile.name == 'modern' else 'sha1'}, which "
                 "offers the older algorithms this paramiko still has.")
    return text
