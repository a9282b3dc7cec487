"""Claims of the lecture pages ("Mathematics for large models")."""
