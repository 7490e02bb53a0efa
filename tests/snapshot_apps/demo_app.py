"""The app as `netriage` opens it on the demo capture, for SVG snapshots."""

from netriage.resources import demo_capture
from netriage.tui.app import NetriageApp

app = NetriageApp([str(demo_capture())])

if __name__ == "__main__":
    app.run()
