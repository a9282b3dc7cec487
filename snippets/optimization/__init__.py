"""Snippets of the optimization pages."""
