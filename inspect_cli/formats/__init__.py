"""Reading and writing files: plan documents, checklist TOML, answers, exports, the checklist cache."""
