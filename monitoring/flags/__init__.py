"""Concerns: storing what the rules find and reading it back (who may see which), and their pages."""
