"""planuri."""
