"""The review report's pages as HTML: the documents' index, and one page per document with
its tables drawn over its page images (or as HTML tables) beside its records and issues."""

from __future__ import annotations

from collections import defaultdict
from html import escape

from .assets import ROLE_COLOURS, role_class
from .data import CellView, DocumentView, RecordView, TableView
from .pages import PageImage

FIELD_LABELS = {"action_code": "code", "service_code": "code", "service_name": "service", "budget_local": "budget"}


def _e(value) -> str:
    return escape("" if value is None else str(value))


def page_head(title: str, css: str, body_class: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="ro"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{_e(title)}</title><link rel="stylesheet" href="{css}"></head>'
            f'<body class="{body_class}">')


def legend() -> str:
    return '<div class="legend">' + "".join(f'<span class="{r}">{r}</span>' for r in ROLE_COLOURS) + "</div>"


def doc_label(doc: dict) -> str:
    return str(doc.get("source_file") or doc["doc_id"])


def index_html(views: list[DocumentView], pages: dict[str, str], sources: dict[str, str | None]) -> str:
    """Every document: status, form, pages, tables, records, issues by severity, links.
    ``pages``: doc_id -> its report page; ``sources``: doc_id -> a link to the input file, if found."""
    head = ("<tr><th>document</th><th>status</th><th>form</th><th>pages</th><th>tables</th><th>actions</th>"
            "<th>services</th><th>activities</th><th>issues (error / warning / info)</th><th>links</th></tr>")
    rows = []
    for view in views:
        d = view.doc
        sev = view.severities
        issues = " / ".join(f'<span class="sev-{s}">{sev.get(s, 0)}</span>' for s in ("error", "warning", "info"))
        status = f'<span class="status-{_e(d["status"])}">{_e(d["status"])}</span>'
        if d.get("error"):
            status += f'<br><small>{_e(d["error"])}</small>'
        form = _e(d["format"]) + (f' ({_e(d["engine"])})' if d["format"] == "pdf" else "")
        links = f'<a href="{pages[d["doc_id"]]}">review</a>'
        if sources.get(d["doc_id"]):
            links += f' · <a href="{_e(sources[d["doc_id"]])}">file</a>'
        rows.append(
            f'<tr id="d{_e(d["doc_id"])}"><td><a href="{pages[d["doc_id"]]}">{_e(doc_label(d))}</a><br>'
            f'<small>{_e(d.get("plan_title") or "")}</small></td><td>{status}</td><td>{form}</td>'
            f'<td class="n">{_e(d.get("pages") if d.get("pages") is not None else "–")}</td>'
            f'<td class="n">{_e(d["n_action_tables"])} / {_e(d["n_tables"])}</td><td class="n">{_e(d["n_actions"])}</td>'
            f'<td class="n">{_e(d["n_services"])}</td><td class="n">{_e(d["n_activities"])}</td>'
            f"<td>{issues}</td><td>{links}</td></tr>")
    return (page_head("planuri review", "report.css") +
            f'<header class="top"><h1>planuri review: {len(views)} documents</h1>{legend()}</header>'
            f'<table class="docs"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></body></html>\n')


def cell_records(view: DocumentView) -> dict[str, list[str]]:
    """cell id -> ids of the records whose row the cell covers."""
    out: dict[str, list[str]] = defaultdict(list)
    for table in view.tables:
        for record in table.records:
            for cell_id in record.cell_ids:
                out[cell_id].append(record.id)
    return out


def _recs_attr(cell: CellView, recs: dict[str, list[str]]) -> str:
    return f' data-recs="{" ".join(recs[cell.id])}"' if recs.get(cell.id) else ""


def box_html(cell: CellView, size: tuple[float, float], recs: dict[str, list[str]]) -> str:
    """A cell's box over its page image, in percent of the page (the image scales with the column)."""
    x0, y0, x1, y1 = cell.box
    w, h = size
    style = (f"left:{100 * x0 / w:.3f}%;top:{100 * y0 / h:.3f}%;"
             f"width:{100 * (x1 - x0) / w:.3f}%;height:{100 * (y1 - y0) / h:.3f}%")
    title = f"table {cell.table_no} row {cell.row} col {cell.col} · {cell.role}\n{cell.text}"
    return (f'<div class="c {role_class(cell.role)}" id="{cell.id}" style="{style}" '
            f'title="{_e(title)}"{_recs_attr(cell, recs)}></div>')


def page_html(page: PageImage, cells: list[CellView], recs: dict[str, list[str]]) -> str:
    boxes = "".join(box_html(c, page.points, recs) for c in cells)
    return (f'<figure class="page" id="p{page.number}"><img src="{page.file}" width="{page.width}" '
            f'height="{page.height}" loading="lazy" alt="page {page.number}">'
            f"<figcaption>page {page.number}</figcaption>{boxes}</figure>")


def table_html(table: TableView, recs: dict[str, list[str]]) -> str:
    """A table without boxes (a Word file's) as an HTML table on its grid, merged cells spanned."""
    starts = {(c.row, c.col): c for c in table.cells}
    covered = {(r, k) for c in table.cells for r in range(c.row, c.row + c.row_span)
               for k in range(c.col, c.col + c.col_span)}
    rows = []
    for r in range(1, table.n_rows + 1):
        tds = []
        for k in range(1, table.n_cols + 1):
            cell = starts.get((r, k))
            if cell is not None:
                span = (f' rowspan="{cell.row_span}"' if cell.row_span > 1 else "") + (
                    f' colspan="{cell.col_span}"' if cell.col_span > 1 else "")
                tds.append(f'<td class="{role_class(cell.role)}" id="{cell.id}"{span}{_recs_attr(cell, recs)}>'
                           f"{_e(cell.text)}</td>")
            elif (r, k) not in covered:
                tds.append("<td></td>")
        rows.append(f"<tr>{''.join(tds)}</tr>")
    return f'<h3>table {table.table_no}</h3><table class="cells" id="t{table.table_no}">{"".join(rows)}</table>'


def issue_html(issue: dict) -> str:
    where = []
    if issue.get("page") is not None:
        where.append(f"p. {issue['page']}")
    if issue.get("row_no") is not None:
        where.append(f"row {issue['row_no']}")
    raw = f' <q>{_e(str(issue["raw"])[:300])}</q>' if issue.get("raw") else ""
    return (f'<li class="sev-{_e(issue["severity"])}" data-code="{_e(issue["code"])}"><b>{_e(issue["code"])}</b> '
            f'({_e(issue["severity"])}{", " + ", ".join(where) if where else ""}): {_e(issue["message"])}{raw}</li>')


def issues_html(issues: list[dict]) -> str:
    return f'<ul class="issues">{"".join(issue_html(i) for i in issues)}</ul>' if issues else ""


def record_html(record: RecordView) -> str:
    first, last = record.pages
    pages = "" if first is None else f", p. {first}" + (f"–{last}" if last not in (None, first) else "")
    fields = "".join(f"<dt>{_e(FIELD_LABELS.get(k, k))}</dt><dd>{_e(v)}</dd>" for k, v in record.fields.items())
    for cost in record.costs:
        amount = cost.get("amount") or ""
        source = cost.get("funding_source") or ""
        fields += f"<dt>cost</dt><dd>{_e(amount)}{' · ' + _e(source) if source else ''}</dd>"
    return (f'<li class="rec" id="{record.id}" data-cells="{" ".join(record.cell_ids)}">'
            f'<div class="where">{_e(record.dataset[:-1] if record.dataset != "activities" else "activity")} · '
            f"table {record.table_no} row {record.row_no}{pages}</div><dl>{fields}</dl>"
            f"{issues_html(record.issues)}</li>")


def records_html(view: DocumentView) -> str:
    parts = []
    if view.issues:
        parts.append(f"<h2>document issues</h2>{issues_html(view.issues)}")
    for table in view.tables:
        if not table.records and not table.issues:
            continue
        parts.append(f"<h2>table {table.table_no}</h2>")
        if table.issues:
            parts.append(f'<h3>other rows</h3>{issues_html(table.issues)}')
        if table.records:
            parts.append(f'<ul class="recs">{"".join(record_html(r) for r in table.records)}</ul>')
    return "".join(parts) or "<p>No actions, services or activities were read from this document.</p>"


def document_html(view: DocumentView, images: list[PageImage] | None, note: str | None) -> str:
    """One document's review page: page images with their cells' boxes (a table without boxes,
    or every table when the pages could not be drawn, as an HTML table), and its records."""
    d = view.doc
    recs = cell_records(view)
    drawn = images is not None
    by_page: dict[int, list[CellView]] = defaultdict(list)
    for table in view.tables:
        if drawn and table.boxed:
            for cell in table.cells:
                by_page[cell.page].append(cell)
    left = [f'<p class="note">{_e(note)}</p>'] if note else []
    for page in images or []:
        left.append(page_html(page, by_page.pop(page.number, []), recs))
    left += [table_html(t, recs) for t in view.tables if not (drawn and t.boxed) or
             any(c.page in by_page for c in t.cells)]
    title = doc_label(d)
    summary = (f'{_e(d["status"])} · {_e(d["format"])} · {_e(d["n_actions"])} actions, {_e(d["n_services"])} services, '
               f'{_e(d["n_activities"])} activities in {_e(d["n_action_tables"])}/{_e(d["n_tables"])} tables · issues ' +
               " / ".join(f'<span class="sev-{s}">{view.severities.get(s, 0)} {s}</span>' for s in ("error", "warning", "info")))
    return (page_head(title, "../report.css", "doc") +
            f'<header class="top"><h1><a href="../index.html">index</a> › {_e(title)}</h1>'
            f'<div>{_e(d.get("plan_title") or "")}</div><div>{summary}</div>{legend()}</header>'
            f'<div class="split"><section class="pages">{"".join(left)}</section>'
            f'<aside class="records">{records_html(view)}</aside></div>'
            f'<script src="../report.js"></script></body></html>\n')
