"""`jobjournal lsp`: a language server that checks, explains and completes journal files.

Only server.py imports pygls; the other modules (engine, fields, the JSON Schema, the text
helpers) are plain Python, so `jobjournal schema` and the tests can use them without it.
"""
