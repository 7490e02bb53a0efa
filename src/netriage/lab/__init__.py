"""The simulated device: an SSH server (paramiko server mode) that answers from a capture.

`device.SimulatedDevice` is the CLI state machine, `server.LabServer` carries it over SSH on
loopback. It is the fixture of every live test and the hands-on part of training.
"""
