"""Claims of the attention pages."""
