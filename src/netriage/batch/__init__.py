"""Many captures at once: a folder cut into its captures (`units`), each analysed on its own
in one process, the two ends of a pair together (`run`)."""

from netriage.batch.run import Result, run_batch, same_name_hints, worst_code
from netriage.batch.units import Unit, folder_units

__all__ = ["Result", "Unit", "folder_units", "run_batch", "same_name_hints", "worst_code"]
