"""Claims of the optimization pages."""
