"""Live devices over SSH, read-only by construction.

Modules: `allowlist` (what may be sent), `client` (netmiko connection with a write guard,
host keys, legacy algorithms, typed errors), `session` (prompts, enable, pager, streaming
reads), `collect` / `batch` (standard command sets into capture files), `inventory`.

Nothing on the offline path imports this package: netmiko and paramiko load only here.
"""
