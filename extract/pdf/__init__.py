"""Reading a text PDF page: characters and drawn paths (pdfium or pdfplumber), lines of text, running headers and footers."""
