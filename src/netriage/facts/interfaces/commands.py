"""The interface outputs the `interfaces` fact reads, per parsing family: kept apart from
`build` so the fact registry can name them without importing the area."""

INTERFACE_COMMANDS = {
    "cisco_ios": ("show interfaces", "show interfaces status",
                  "show interfaces status err-disabled", "show ip interface brief",
                  "show interfaces counters errors", "show errdisable recovery",
                  "show interfaces description", "show interfaces switchport",
                  "show interfaces trunk", "show logging"),
    "cisco_asa": ("show interface", "show interface detail", "show interface summary",
                  "show nameif", "show interface ip brief", "show logging"),
}
