"""The words and shapes every layer shares: models and vocabularies, checklists, text normalisation, unit names,
deadline phrases, the clock and the canonical form records are hashed in. It imports nothing of the program above it."""
