"""Storage: inspections, results, evidence, notices and the event log."""
