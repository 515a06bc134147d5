"""Allows `python -m jobjournal`."""

from jobjournal.cli import main

raise SystemExit(main())
