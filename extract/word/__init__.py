"""DOCX: the body's paragraphs and tables in document order, each cell read once with its spans."""
