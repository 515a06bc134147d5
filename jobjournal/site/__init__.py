"""The static dashboard: view data, Markdown, charts and templates, rendered to bytes.

Nothing in this package writes a file; `jobjournal.build` is the only writer.
"""
