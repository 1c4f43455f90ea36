"""The one exception extraction raises on purpose."""


class ExtractError(Exception):
    """The file cannot be read as a document (as opposed to a bug in planuri).

    ``code`` is a stable kebab-case word (``unreadable-pdf``, ``tesseract-missing``…)
    that ends up in ``documents.error`` and ``issues.code``."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
