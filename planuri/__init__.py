"""planuri: action-plan tables of council decisions (PDF, DOCX) as validated, canonical parquet datasets."""

__version__ = "0.1.0"
