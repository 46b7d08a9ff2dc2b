"""Concerns: storing what the rules find, reading it back (who may see which), their pages."""
