"""The interactive on-site walk in the terminal."""
