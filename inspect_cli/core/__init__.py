"""The rules of supervision: checklists, deadlines, inspections, notices, desk review."""
