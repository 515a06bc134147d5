"""The built-in themes, shipped in the wheel as package data of jobjournal.themes."""
