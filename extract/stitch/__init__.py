"""Page pieces -> logical tables: repeated headers removed, rows cut by a page break joined."""
