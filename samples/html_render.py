"""A transcription as a web page, printed to PDF by headless Chromium: a plan "printed from the
council's website".  Chromium (Skia) draws the borders as filled rectangles, shades the header
cells, repeats ``<thead>`` on every page, may print its own header and footer (date, title, URL,
page numbers) and keeps the fonts' ligatures.

``html_document(spec, style)`` is the page; ``print_pdfs`` prints many pages in one go.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

from sample_spec import LINK, grid_positions, heading_text, parse_row

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync")
BORDER_CSS = {"single": "1px solid #000", "double": "3px double #000", "thick": "2px solid #000"}


def chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def inline(text: str) -> str:
    """``**bold**`` and ``[text](url)`` of the transcription as HTML; line breaks as <br>."""
    out = []
    for i, part in enumerate(text.split("**")):
        escaped, pos = [], 0
        for m in LINK.finditer(part):
            escaped.append(html.escape(part[pos:m.start()]))
            escaped.append(f'<a href="{html.escape(m.group(2))}">{html.escape(m.group(1))}</a>')
            pos = m.end()
        escaped.append(html.escape(part[pos:]))
        chunk = "".join(escaped)
        out.append(f"<b>{chunk}</b>" if i % 2 else chunk)
    return "".join(out).replace("\n", "<br>")


def cell_html(text: str) -> str:
    """A cell's paragraphs, one block each (as Word's paragraphs in a cell)."""
    return "".join(f"<div>{inline(p) or '&nbsp;'}</div>" for p in (text.split("\n") if text else [""]))


def rowspans(rows: list[list]) -> dict[tuple[int, int], int]:
    """(row, grid col) of each cell that starts a vertical merge -> rows it spans."""
    spans: dict[tuple[int, int], int] = {}
    open_at: dict[int, tuple[int, int]] = {}
    for r, cells in enumerate(rows):
        if cells is None:
            open_at = {}
            continue
        for cell, col in zip(cells, grid_positions(cells)):
            if cell.covered:
                start = open_at[col]
                spans[start] = spans.get(start, 1) + 1
            else:
                open_at[col] = (r, col)
    return spans


def table_html(spec: dict, style) -> str:
    ncols = len(spec["widths"])
    header = [parse_row(r, ncols, "header") for r in spec.get("header", [])]
    numbers = parse_row(spec["numbers"], ncols, "numbers") if spec.get("numbers") else None
    repeat_numbers = numbers is not None and spec.get("numbers_repeat", True)
    body = []
    for raw in spec.get("rows", []):
        if isinstance(raw, dict) and "heading" in raw:
            body.append(("heading", heading_text(raw)))
        else:
            body.append(("data", parse_row(raw["cells"] if isinstance(raw, dict) else raw, ncols, "row")))
    head_rows = header + ([numbers] if repeat_numbers else [])
    body_rows = ([numbers] if numbers is not None and not repeat_numbers else [])
    body_rows += [cells if kind == "data" else None for kind, cells in body]
    headings = iter(text for kind, text in body if kind == "heading")
    size = spec.get("size", 9)
    cols = "".join(f'<col style="width:{w}cm">' for w in spec["widths"])
    parts = [f'<table style="font-size:{size}pt"><colgroup>{cols}</colgroup>']
    thead_tag = "thead" if style.repeat_header else "tbody"
    parts.append(f"<{thead_tag}>")
    parts += rows_html(head_rows, "th", iter(()), ncols)
    parts.append(f"</{thead_tag}><tbody>")
    parts += rows_html(body_rows, "td", headings, ncols)
    parts.append("</tbody></table>")
    return "".join(parts)


def rows_html(rows: list, tag: str, headings, ncols: int) -> list[str]:
    spans = rowspans(rows)
    out = []
    for r, cells in enumerate(rows):
        if cells is None:
            out.append(f'<tr class="heading"><td colspan="{ncols}">{cell_html(next(headings))}</td></tr>')
            continue
        tds = []
        for cell, col in zip(cells, grid_positions(cells)):
            if cell.covered:
                continue
            attrs = f' colspan="{cell.span}"' if cell.span > 1 else ""
            if spans.get((r, col), 1) > 1:
                attrs += f' rowspan="{spans[(r, col)]}"'
            tds.append(f"<{tag}{attrs}>{cell_html(cell.text)}</{tag}>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    return out


def html_document(spec: dict, style, borders: bool = True) -> str:
    width, height = style.page_size
    top, right, bottom, left = style.margins
    border = BORDER_CSS[style.borders] if borders else "none"
    fill = f"#{style.header_fill}" if style.header_fill else "transparent"
    css = f"""
@page {{ size: {width}cm {height}cm; margin: {top}cm {right}cm {bottom}cm {left}cm; }}
body {{ font-family: "{style.font}"; font-size: {style.size}pt; }}
p {{ margin: 0 0 4pt 0; }}
table {{ border-collapse: collapse; table-layout: fixed; margin-bottom: 8pt; }}
th, td {{ border: {border}; padding: 1pt 4pt; vertical-align: {"middle" if style.valign == "center" else "top"};
          text-align: {style.align}; }}
th {{ background: {fill}; text-align: center; vertical-align: middle; font-weight: bold; }}
tr {{ break-inside: auto; }}
.pagebreak {{ break-after: page; }}
"""
    parts = [f'<!DOCTYPE html><html lang="ro"><head><meta charset="utf-8"><title>{html.escape(spec["name"])}</title>'
             f"<style>{css}</style></head><body>"]
    for block in spec["blocks"]:
        if "table" in block:
            parts.append(table_html(block["table"], style))
        elif "p" in block:
            align = f' style="text-align:{block["align"]}"' if block.get("align") else ""
            text = inline(str(block["p"]))
            parts.append(f"<p{align}>{'<b>' + text + '</b>' if block.get('bold') else text}</p>")
        elif block.get("page_break"):
            parts.append('<div class="pagebreak"></div>')
    parts.append("</body></html>")
    return "".join(parts)


def print_pdfs(pages: list[tuple[str, Path, bool]], timeout: float = 120) -> None:
    """Print each (html, pdf path, furniture) with headless Chromium; ``furniture`` keeps
    Chromium's own header and footer (date, title, address, page x/y)."""
    binary = chromium_binary()
    if binary is None:
        raise SystemExit("Chromium is needed for the printed web pages: apt-get install chromium")
    with tempfile.TemporaryDirectory(prefix="planuri-chromium-") as tmp:
        for text, out, page_furniture in pages:
            page = Path(tmp, f"{out.stem}.html")
            page.write_text(text, encoding="utf-8")
            flags = [*CHROMIUM_FLAGS, f"--user-data-dir={Path(tmp, 'profile')}", f"--print-to-pdf={out}"]
            if not page_furniture:
                flags.append("--no-pdf-header-footer")
            subprocess.run([binary, *flags, page.as_uri()], check=True, capture_output=True, timeout=timeout)
