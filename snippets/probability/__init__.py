"""Runnable implementations for the probability pages."""
