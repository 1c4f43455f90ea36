"""planuri: action-plan tables of council decisions (PDF, DOCX) as validated, canonical parquet datasets.

    import planuri
    result = planuri.read("decizia.pdf")              # one document, nothing written
    result.status, result.error, result.actions        # one DataFrame per dataset
    summary = planuri.run(["decisions/"], "output", workers=2)   # a batch, as `planuri run`
"""

__version__ = "0.1.0"
__all__ = ["read", "run", "export", "Result", "__version__"]


def __getattr__(name: str):  # the API is imported on first use: `import planuri` stays light
    if name in ("read", "run", "Result"):
        from planuri import api

        return getattr(api, name)
    if name == "export":
        from planuri.export import export

        return export
    raise AttributeError(f"module 'planuri' has no attribute {name!r}")
