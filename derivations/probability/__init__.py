"""Claims of the probability pages."""
