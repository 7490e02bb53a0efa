"""The tree engine: conditions over facts, walks, findings."""
