"""Claims of the position-encoding pages."""
