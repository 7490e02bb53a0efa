"""Many captures at once: a folder cut into its captures (`units`), each analysed on its own
(`run`), in worker processes, the two ends of a pair together (`jobs`)."""

from netriage.batch.jobs import Done, default_jobs, run_jobs, same_name_hints
from netriage.batch.run import Result, worst_code
from netriage.batch.units import Unit, folder_units

__all__ = ["Done", "Result", "Unit", "default_jobs", "folder_units", "run_jobs",
           "same_name_hints", "worst_code"]
