"""Claims of the matrix pages."""
