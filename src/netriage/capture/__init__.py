"""Sources → one model of devices and their (prompt, command, output) entries.

`load_paths` reads files and folders in every format netriage knows (see `formats`);
`saved.save` / `saved.write` write netriage's own capture file.
"""

from netriage.capture.load import load_paths
from netriage.capture.model import Capture, Device, Entry, SourceFile

__all__ = ["Capture", "Device", "Entry", "SourceFile", "load_paths"]
