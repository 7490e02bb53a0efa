"""Fault injection: plant a catalog fault in a healthy capture, consistently in every output.

Entered through this package: `inject` (a copy of the capture with the fault planted, checked
by the analysis), `save_injected`, `injectable` (the ids it knows), `InjectError`.
"""

from netriage.training.inject.base import FAULTS, Change, InjectError
from netriage.training.inject.run import Injected, inject, injectable, save_injected

__all__ = ["FAULTS", "Change", "InjectError", "Injected", "inject", "injectable",
           "save_injected"]
