"""Scanned pages: page preparation, ruling lines from the image, tesseract words, the OCR lexicon."""
