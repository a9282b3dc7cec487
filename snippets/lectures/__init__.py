"""Runnable implementations for the lecture pages ("Mathematics for large models")."""
