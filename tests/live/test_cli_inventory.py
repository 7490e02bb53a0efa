"""`netriage collect` / `netriage lab` on the command line, inventories, ssh config, legacy."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from netriage.cli import main
from netriage.live import legacy
from netriage.live.batch import collect_many
from netriage.live.client import Credentials
from netriage.live.collect import CollectOptions, mate_prompt
from netriage.live.inventory import load_inventory
from netriage.live.sshconfig import resolve_target
from netriage.live.writer import LogNames
from tests.live.conftest import ASA_PAIR, ENABLE, IOS, PASSWORD, USER, options


def _collect(argv: list[str], monkeypatch, password=PASSWORD, enable=ENABLE) -> int:
    monkeypatch.setenv("NETRIAGE_PASSWORD", password)
    monkeypatch.setenv("NETRIAGE_ENABLE_PASSWORD", enable)
    return main(["collect", *argv])


def test_cli_collect_then_analyze(lab, tmp_path, monkeypatch, capsys):
    out = tmp_path / "cap"
    code = _collect(["127.0.0.1", "--port", str(lab.port), "--username", USER, "--accept-new",
                     "--known-hosts", str(tmp_path / "kh"), "--platform", "asa", "-o", str(out),
                     "--area", "failover", "--timeout", "3"], monkeypatch)
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert f"analyse with: netriage analyze {out}" in printed
    assert main(["analyze", str(out), "--format", "json"]) == 0
    assert '"fw-lab/sec"' in capsys.readouterr().out


@pytest.mark.parametrize(("argv", "password", "code", "message"), [
    (["--command", "reload"], PASSWORD, 18, "refused 'reload'"),
    ([], "wrong", 10, "authentication failed"),
])
def test_cli_exit_codes(lab, tmp_path, monkeypatch, capsys, argv, password, code, message):
    result = _collect(["127.0.0.1", "--port", str(lab.port), "--username", USER, "--accept-new",
                       "--known-hosts", str(tmp_path / "kh"), "-o", str(tmp_path / "cap"),
                       "--timeout", "3", *argv], monkeypatch, password=password)
    assert result == code
    assert message in capsys.readouterr().err


def test_cli_refuses_a_password_flag(capsys):
    with pytest.raises(SystemExit):
        main(["collect", "h", "--password", "x", "-o", "d"])
    assert "unrecognized arguments" in capsys.readouterr().err


def test_inventory_collects_several_devices_with_bounded_concurrency(make_lab, tmp_path):
    servers = [make_lab(hostname=f"fw-{n}") for n in range(3)] + [make_lab(IOS)]
    inventory = tmp_path / "inventory.yaml"
    inventory.write_text("defaults: {platform: cisco_asa, mate: false}\ndevices:\n" + "".join(
        f"  - {{name: dev{n}, host: 127.0.0.1, port: {s.port}}}\n"
        for n, s in enumerate(servers[:3])) + f"  - {{name: rtr, host: 127.0.0.1, port: "
        f"{servers[3].port}, platform: cisco_ios}}\n")
    specs = load_inventory(inventory).devices
    events = []
    results = collect_many(specs, Credentials(USER, PASSWORD, ENABLE), options(tmp_path),
                           CollectOptions(areas=("system", "failover")), tmp_path / "cap",
                           concurrency=2, progress=events.append)
    assert [r.ok for r in results] == [True] * 4, [str(r.error) for r in results]
    assert sorted(p.name for p in (tmp_path / "cap").iterdir()) == [
        "fw-0.log", "fw-1.log", "fw-2.log", "rtr-lab.log"]
    assert {e.device for e in events if e.stage == "done"} == {"dev0", "dev1", "dev2", "rtr"}


def test_inventory_formats(tmp_path):
    simple = tmp_path / "simple.yaml"
    simple.write_text("- fw-a\n- {host: 192.0.2.9, name: fw-b, port: 2222, legacy: sha1, "
                      "contexts: [a, b], password: leak}\n")
    inventory = load_inventory(simple)
    assert [(d.name, d.host, d.port, d.legacy, d.contexts) for d in inventory.devices] == [
        ("fw-a", "", None, "", ()), ("fw-b", "192.0.2.9", 2222, "sha1", ("a", "b"))]
    assert "password/secret ignored" in inventory.warnings[0]
    netmiko = tmp_path / "netmiko.yml"
    netmiko.write_text("fw1: {device_type: cisco_asa, host: 192.0.2.1, username: u, "
                       "password: p}\nrtr1: {device_type: cisco_xe_ssh, ip: 192.0.2.2}\n"
                       "all: [fw1, rtr1]\n")
    assert [(d.name, d.host, d.platform) for d in load_inventory(netmiko).devices] == [
        ("fw1", "192.0.2.1", "cisco_asa"), ("rtr1", "192.0.2.2", "cisco_xe")]
    nornir = tmp_path / "nornir"
    nornir.mkdir()
    (nornir / "hosts.yaml").write_text(
        "edge1:\n  hostname: 192.0.2.3\n  groups: [firewalls]\n"
        "core1:\n  hostname: 192.0.2.4\n  platform: ios\n  port: 2200\n")
    (nornir / "groups.yaml").write_text("firewalls:\n  platform: asa\n  data: {mate: false}\n")
    (nornir / "defaults.yaml").write_text("username: netops\n")
    devices = load_inventory(nornir / "hosts.yaml").devices
    assert [(d.name, d.host, d.platform, d.username, d.port, d.mate) for d in devices] == [
        ("edge1", "192.0.2.3", "cisco_asa", "netops", None, False),
        ("core1", "192.0.2.4", "cisco_ios", "netops", 2200, True)]


@pytest.mark.parametrize(("text", "message"), [
    ("[1, 2]", "expected a name or a mapping"), ("- {port: 22}", "needs a host"),
    ("- {host: a, platform: junos}", "unknown platform"), ("- a\n- a\n", "listed twice"),
    ("devices: []", "no devices"), ("{: x", "not valid YAML"),
])
def test_bad_inventories_are_explained(tmp_path, text, message):
    path = tmp_path / "inv.yaml"
    path.write_text(text)
    with pytest.raises(Exception, match=message):
        load_inventory(path)


def test_ssh_config_resolution(tmp_path):
    key = tmp_path / "id_test"
    key.write_text("x")
    config = tmp_path / "config"
    config.write_text(
        f"Host fw1\n  HostName 192.0.2.5\n  Port 2022\n  User admin\n  IdentityFile {key}\n"
        "  ProxyJump jump1,jump2\n  KexAlgorithms +diffie-hellman-group14-sha1\n"
        "  UserKnownHostsFile ~/kh\n  ServerAliveInterval 15\n"
        "Host fw2\n  ProxyCommand nc %h %p\n")
    fw1 = resolve_target("fw1", config_path=config)
    assert (fw1.hostname, fw1.port, fw1.username, fw1.identity_files) == (
        "192.0.2.5", 2022, "admin", [str(key)])
    assert fw1.proxy_command == f"ssh -F {config} -J jump1 -W 192.0.2.5:2022 jump2"
    assert fw1.extra_algorithms == {"kex": ["diffie-hellman-group14-sha1"]}
    assert fw1.known_hosts == Path.home() / "kh" and fw1.keepalive == 15.0
    fw2 = resolve_target("fw2", port=2200, username="bob", config_path=config)
    assert fw2.proxy_command == "nc fw2 2200" and fw2.username == "bob"  # flags win
    assert resolve_target("other", config_path=tmp_path / "none").hostname == "other"


def test_legacy_profiles_under_this_paramiko():
    plan = legacy.plan(legacy.get_profile("sha1"))
    assert "aes128-cbc" in plan.preferred["cipher"][:3]
    assert plan.disabled_algorithms == {"pubkeys": ["rsa-sha2-256", "rsa-sha2-512"]}
    import paramiko

    if int(paramiko.__version__.split(".")[0]) >= 5:
        assert "diffie-hellman-group1-sha1" in plan.missing["kex"]
    with pytest.raises(Exception, match="unknown legacy profile"):
        legacy.get_profile("ancient")
    text = legacy.explain({"kex": ["diffie-hellman-group1-sha1"], "cipher": ["aes128-ctr"]},
                          legacy.defaults(), legacy.get_profile("modern"))
    assert "No common kex algorithm" in text and "cipher" not in text.split(".")[0]


def test_mate_prompt_from_show_failover():
    failover = "        Other host: Secondary - Standby Ready\n"
    assert mate_prompt("fw/pri/act#", "fw", failover) == "fw/sec/stby#"
    assert mate_prompt("fw/sec/act#", "fw", "Other host: Primary - Failed") == "fw/pri/stby#"
    assert mate_prompt("fw#", "fw", "") == "fw/sec/stby#"


def test_log_names_never_collide(tmp_path):
    names = LogNames(tmp_path)
    assert names.claim("fw", "a").name == "fw.log"
    assert names.claim("fw", "b").name == "fw@b.log"
    assert names.claim("fw", "b").name == "fw-2.log"
    assert names.claim("bad/name:x", "c").name == "bad_name_x.log"


def test_lab_command_serves_until_sigterm(tmp_path):
    env = {**os.environ, "HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state")}
    process = subprocess.Popen(
        [sys.executable, "-m", "netriage", "lab", str(ASA_PAIR), "--port", "0", "--username",
         USER, "--password", PASSWORD, "--latency", "5"], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, env=env)
    try:
        first = process.stdout.readline()
        match = re.search(r"on 127\.0\.0\.1:(\d+), host key (SHA256:\S+)", first)
        assert match, first + process.stderr.read()
        from netriage.live.client import open_connection
        from netriage.live.session import ReadOnlySession
        from netriage.live.sshconfig import Target

        conn = open_connection(Target("lab", "127.0.0.1", int(match.group(1))),
                               Credentials(USER, PASSWORD), options(tmp_path))
        session = ReadOnlySession(conn, "lab", platform="cisco_asa", read_timeout=3)
        session.prepare()
        assert session.run("sh fail | i unit").output == "Failover unit Primary"
        session.close()
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert "stopped after 1 session(s), 1 command(s) received" in out
    assert (tmp_path / "state" / "netriage" / "lab" / "host_key").is_file()  # kept for reuse
