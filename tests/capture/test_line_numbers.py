"""Output lines map to file lines and back, also where loading dropped or joined lines."""

from netriage.capture import load_paths
from netriage.capture.model import Entry


def test_output_index_is_the_inverse_of_source_line():
    plain = Entry(command="show x", output="a\nb\nc", line=10)
    assert [plain.source_line(i) for i in range(3)] == [11, 12, 13]
    assert [plain.output_index(n) for n in (10, 11, 13)] == [None, 0, 2]
    # output lines 0-1 at file lines 11-12, then a pager line (13) was dropped: 2-3 at 14-15
    gapped = Entry(command="show x", output="a\nb\nc\nd", line=10, line_map=((0, 11), (2, 14)))
    assert [gapped.source_line(i) for i in range(4)] == [11, 12, 14, 15]
    assert [gapped.output_index(n) for n in (11, 12, 13, 14, 15)] == [0, 1, None, 2, 3]


def test_evidence_lines_of_a_paged_capture_point_back_into_the_output(tmp_path):
    path = tmp_path / "paged.log"
    path.write_text("fw1# show failover\nFailover On\n<--- More --->\nFailover unit Primary\n"
                    "fw1#\n")
    [device] = load_paths([path]).devices
    entry = device.find("show failover")
    assert entry.output.split("\n") == ["Failover On", "Failover unit Primary"]
    assert entry.source_line(1) == 4
    assert entry.output_index(4) == 1
    assert entry.output_index(3) is None  # the pager line is in the file, not in the output
