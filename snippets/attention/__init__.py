"""Snippets of the attention pages."""
