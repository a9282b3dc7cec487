"""Snippets of the position-encoding pages."""
