"""Training: scenarios (recorded faults with an answer key), scored prediction walks, progress.

Entered through this package: `Scenario`, `load_scenario`, `list_scenarios`, `find_scenario`.
"""

from netriage.training.scenario import (
    LEVELS,
    SCENARIO_FILE,
    Scenario,
    ScenarioError,
    find_scenario,
    list_scenarios,
    load_scenario,
    scenarios_root,
)

__all__ = ["LEVELS", "SCENARIO_FILE", "Scenario", "ScenarioError", "find_scenario",
           "list_scenarios", "load_scenario", "scenarios_root"]
