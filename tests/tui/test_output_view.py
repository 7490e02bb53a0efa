"""The output view numbers lines as the file does, so the gutter matches cited evidence."""

from textual.app import App, ComposeResult

from netriage.capture.model import Entry
from netriage.tui.widgets.output_view import OutputView


class _Host(App[None]):
    def compose(self) -> ComposeResult:
        yield OutputView()


async def test_gutter_follows_the_file_where_loading_dropped_a_line():
    # lines 11-12 of the file, a dropped pager line at 13, then lines 14-15
    entry = Entry(command="show x", output="alpha\nbeta\ngamma\ndelta", line=10,
                  line_map=((0, 11), (2, 14)))
    app = _Host()
    async with app.run_test(size=(60, 10)) as pilot:
        view = app.query_one(OutputView)
        view.show(entry.output, first_number=entry.output_line_offset,
                  number_of=entry.source_line, marked={2})
        await pilot.pause()
        rows = [view.render_line(y).text for y in range(4)]
    assert [row.split()[0] for row in rows] == ["11", "12", "14", "15"]
    assert rows[2].split()[1] == "gamma"


async def test_gutter_counts_on_without_a_map():
    app = _Host()
    async with app.run_test(size=(60, 10)) as pilot:
        view = app.query_one(OutputView)
        view.show("a\nb\nc", first_number=31)
        await pilot.pause()
        assert [view.render_line(y).text.split()[0] for y in range(3)] == ["31", "32", "33"]
