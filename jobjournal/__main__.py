"""Allows `python -m jobjournal`."""

from jobjournal.cli import run

run()
