"""Writing generated documentation sources: only when their text changed, so rebuilds stay incremental."""

from __future__ import annotations

from pathlib import Path

GENERATED_NOTICE = (
    "Generated at documentation build time; do not edit (the generator lives in docs/_ext)."
)


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` unless the file already holds exactly it; True if written."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def remove_stale(folder: Path, keep: set[str], pattern: str) -> None:
    """Delete files in ``folder`` matching ``pattern`` whose names are not in ``keep``."""
    for path in folder.glob(pattern):
        if path.name not in keep:
            path.unlink()


def md_escape(text: str) -> str:
    """Escape the characters that Markdown (MyST) would read as markup in running text or a table cell."""
    for char in ("\\", "`", "*", "_", "[", "]", "<", ">", "|", "$"):
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())
