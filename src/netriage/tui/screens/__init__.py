"""The screens: start, connect, overview, walkthrough, fix, raw output, and small modals."""
