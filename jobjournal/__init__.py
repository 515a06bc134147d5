"""jobjournal: a job search kept as plain Markdown files, checked against advice rules."""

__version__ = "0.1.0"
