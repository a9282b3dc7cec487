"""Snippets of the matrix pages."""
