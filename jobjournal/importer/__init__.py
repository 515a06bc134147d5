"""Turning an export from another tracker (LinkedIn, Huntr, Simplify, a spreadsheet) into
application files, for `jobjournal import`.

The steps are small modules: `tables` reads the file into rows, `formats` says which column is
what, `dates` decides each date column's day/month order, `mapping` handles files it does not
recognise, `convert` turns a row into an application file, and `plan` decides what to write.
`journal` is the one place that uses the rest of jobjournal.
"""
