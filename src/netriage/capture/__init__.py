"""Sources → one model of devices and their (prompt, command, output) entries."""

from netriage.capture.load import load_paths
from netriage.capture.model import Capture, Device, Entry

__all__ = ["Capture", "Device", "Entry", "load_paths"]
