"""Ruled tables: ruling lines -> cell rectangles -> a grid with spans and logical columns; text put in the cells."""
