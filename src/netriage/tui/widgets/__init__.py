"""Widgets of the netriage TUI, each with the `HELP` the `?` key shows."""
