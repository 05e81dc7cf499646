"""Output: tables, JSON, CSV, Markdown records and notices, .docx documents."""
