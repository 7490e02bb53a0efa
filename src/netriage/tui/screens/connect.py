"""Connect to a device: host (from ~/.ssh/config or the inventory), user, platform, password."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from netriage import userdirs
from netriage.platforms import PLATFORMS
from netriage.tui.actions import Act, bindings
from netriage.tui.hosts import KnownHost, known_hosts
from netriage.tui.live_bridge import ConnectTarget, live_available, split_host_port
from netriage.tui.screens.modals import _Modal


class HostList(OptionList):
    HELP = """
## Known hosts

Hosts from `~/.ssh/config` and from the netriage inventory file. Enter fills the form with
the host's address, user and platform.
"""


class ConnectScreen(_Modal[ConnectTarget | None]):
    ACTIONS = (
        Act("submit", "ctrl+s", "Connect", "Connect with what the form says (Enter does too)"),
        Act("cancel", "escape", "Cancel", "Close without connecting"),
    )
    BINDINGS = bindings(ACTIONS)

    def __init__(self, host: str = "", platform: str = "") -> None:
        super().__init__()
        self.initial_host = host
        self.initial_platform = platform if platform in PLATFORMS else ""
        self.hosts: list[KnownHost] = []

    def compose(self) -> ComposeResult:
        self.hosts = known_hosts(userdirs.ssh_config_path(), userdirs.inventory_path())
        with VerticalScroll(id="connect", classes="dialog"):
            if not live_available():
                yield Static("This install has no live package (netriage.live): connecting "
                             "will not work yet. Open a capture file instead.", classes="error")
            with Horizontal(classes="row"):
                yield Label("Host", classes="field-label")
                yield self._input(self.initial_host, "name or address (host:port for another "
                                  "port)", "connect-host",
                                  SuggestFromList([h.name for h in self.hosts]))
            with Horizontal(classes="row"):
                yield Label("User", classes="field-label")
                yield self._input("", "SSH user name", "connect-user")
            with Horizontal(classes="row"):
                yield Label("Platform", classes="field-label")
                yield Select([(p.label, p.name) for p in PLATFORMS.values()],
                             prompt="detect from show version", id="connect-platform",
                             value=self.initial_platform or Select.NULL)
            with Horizontal(classes="row"):
                yield Label("Password", classes="field-label")
                yield self._input("", "login password (empty: keys, agent)",
                                  "connect-password", secret=True)
            with Horizontal(classes="row"):
                yield Label("Enable", classes="field-label")
                yield self._input("", "enable password, if the device asks", "connect-enable",
                                  secret=True)
            if self.hosts:
                yield HostList(*[Option(Content.assemble(
                    h.name, (f"  {h.user + '@' if h.user else ''}{h.host}  {h.origin}", "dim")),
                    id=str(i)) for i, h in enumerate(self.hosts)], id="connect-hosts")
            yield Static("", id="connect-error", classes="error")
            yield Static("Enter connects · Tab: next field · Escape cancels. Only show "
                         "commands are ever sent; passwords are not stored.", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Connect", variant="primary", id="connect-go")
                yield Button("Cancel", id="connect-cancel")

    @staticmethod
    def _input(value: str, placeholder: str, id: str,
               suggester: SuggestFromList | None = None, secret: bool = False) -> Input:
        field = Input(value, placeholder=placeholder, id=id, suggester=suggester,
                      password=secret)
        field.cursor_blink = False
        return field

    def on_mount(self) -> None:
        self.query_one("#connect").border_title = "Connect to a device (read-only)"
        self.query_one("#connect-user" if self.initial_host else "#connect-host").focus()

    @on(OptionList.OptionSelected, "#connect-hosts")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self._fill(self.hosts[int(event.option.id or 0)])

    @on(Input.Changed, "#connect-host")
    def _host_typed(self, event: Input.Changed) -> None:
        for host in self.hosts:
            if host.name == event.value.strip():
                self._fill(host, keep_host=True)

    def _fill(self, host: KnownHost, keep_host: bool = False) -> None:
        if not keep_host:
            self.query_one("#connect-host", Input).value = host.name
        if host.user:
            self.query_one("#connect-user", Input).value = host.user
        if host.platform in PLATFORMS:
            self.query_one("#connect-platform", Select).value = host.platform
        self.query_one("#connect-password").focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#connect-go")
    def action_submit(self) -> None:
        name, port = split_host_port(self.query_one("#connect-host", Input).value)
        if not name:
            self.query_one("#connect-error", Static).update("Which host? Type a name or address.")
            self.query_one("#connect-host").focus()
            return
        known = next((h for h in self.hosts if h.name == name), None)
        platform = self.query_one("#connect-platform", Select).value
        self.dismiss(ConnectTarget(
            host=known.host if known else name,
            username=self.query_one("#connect-user", Input).value.strip(),
            platform=platform if isinstance(platform, str) else "",
            port=port or (known.port if known else None),
            password=self.query_one("#connect-password", Input).value,
            enable_password=self.query_one("#connect-enable", Input).value))

    @on(Button.Pressed, "#connect-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
