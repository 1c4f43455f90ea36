"""The layout generator's content side: a seed -> a plan to render and how to render it.

Every rendering is drawn from a seed: a slice of one sample plan's content (whole tables or a
window of rows, with the headings and paragraphs among them), its headers reworded as another
council could word them (``layout_wordings.csv``; diacritics dropped, capitals, cedilla
letters, a typo), cedilla letters in the whole text, a column-number row added, dropped or not
repeated -- all of which change only what the expected results are derived from, by the same
plain rules as the samples' (``sample_expected.expected_for``) -- and a ``Style``: page size and
orientation, margins, fonts and sizes, column widths, borders, shading, vertical alignment,
repeated header rows, running headers and page numbers, a grid edited by hand in Word.  None of
it depends on planuri: the generator states what was rendered, the round trip checks what
planuri reads back.

``make_variant(seed)`` is deterministic: the same seed gives the same document.
"""

from __future__ import annotations

import copy
import functools
import importlib.util
import csv
import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from sample_spec import CONTINUE

SAMPLES = Path(__file__).resolve().parent
PLAN_SAMPLES = (
    "000-balti-plan-social-2025-2027",
    "001-balti-plan-familii-2024-2028",
    "002-balti-decizia-19-27-plan-romi-2023-2025",
    "003-bacau-raport-plan-servicii-sociale-2021-2023",
)
FORMS = ("docx", "pdf", "borderless", "chromium", "doc")
# the ruled or borderless PDF scanned clean or as a copier does (only asked for by name)
SCAN_FORMS = ("scan", "office-scan", "borderless-scan", "borderless-office-scan")
PAGES = {"A4": (21.0, 29.7), "Letter": (21.59, 27.94), "A3": (29.7, 42.0), "Legal": (21.59, 35.56)}
FONTS = ("Liberation Serif", "Liberation Sans", "DejaVu Sans", "DejaVu Serif", "Liberation Sans Narrow",
         "Times New Roman", "Arial")
RUNNING_HEADERS = ("Anexa nr. 1 la decizia Consiliului", "PROIECT", "Planul de acțiuni – anexă")
HAND_EDITS = importlib.util.find_spec("word_edits") is not None  # the hand-edited grid transform
MIN_COLUMN_CM = 1.4  # narrower columns cut ordinary words in two: no council lays a plan out so


@dataclass(frozen=True)
class Style:
    """How a variant is laid out; nothing here changes the text the document holds."""

    page: str = "A4"
    landscape: bool = True
    margins: tuple[float, float, float, float] = (1.5, 1.5, 1.5, 1.5)  # cm: top, right, bottom, left
    font: str = "Times New Roman"
    size: float = 11.0  # body text, pt
    valign: str = "top"  # body cells: top | center
    align: str = "left"  # body paragraphs in cells: left | justify
    borders: str = "single"  # single | double | thick
    header_fill: str | None = None  # hex shading of the header cells
    repeat_header: bool = True
    page_numbers: bool = True
    running_header: str | None = None
    hand_edit: bool = False  # inner column edges drifted per row group, as a hand-edited Word grid
    seed: int = 0

    def rng(self, table: int) -> random.Random:
        """The random draws of one table's rendering (a hand-edited grid's drifts)."""
        return random.Random(f"{self.seed}-{table}")

    @property
    def page_size(self) -> tuple[float, float]:
        w, h = PAGES[self.page]
        return (h, w) if self.landscape else (w, h)

    @property
    def text_width(self) -> float:
        return self.page_size[0] - self.margins[1] - self.margins[3]


@dataclass(frozen=True)
class Variant:
    seed: int
    form: str  # one of FORMS or SCAN_FORMS
    sample: str
    spec: dict  # source.yaml format: what is rendered, and what the expected results come from
    style: Style
    notes: tuple[str, ...] = ()  # what was varied, for a reader replaying a failure

    @property
    def name(self) -> str:
        return f"layout-{self.seed:05d}-{self.form}"


def load_sample(name: str) -> dict:
    """The sample's transcription (a copy: a variant changes it), parsed once per process."""
    spec = copy.deepcopy(_parsed_sample(name))
    spec["name"] = name
    return spec


@functools.lru_cache(maxsize=None)
def _parsed_sample(name: str) -> dict:
    # libyaml when PyYAML has it (build_samples.YAML_LOADER): the same objects, ~10x faster
    return yaml.load((SAMPLES / name / "source.yaml").read_text(encoding="utf-8"),
                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def wordings() -> dict[str, list[str]]:
    lines = [ln for ln in (SAMPLES / "layout_wordings.csv").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    out: dict[str, list[str]] = {}
    for row in csv.DictReader(lines):
        out.setdefault(row["field"], []).append(row["wording"])
    return out


# --------------------------------------------------------------------------- content


def is_plan(block: dict) -> bool:
    return "table" in block and block["table"].get("kind", "plan") == "plan"


def row_cells(raw) -> list | None:
    if isinstance(raw, dict) and "heading" in raw:
        return None
    return raw["cells"] if isinstance(raw, dict) else raw


def row_can_start(raw) -> bool:
    """A table may be cut to start at this row: not inside a vertical merge, not the second
    part of a heading."""
    cells = row_cells(raw)
    if cells is None:
        heading = raw["heading"]
        first = heading[0][0] if isinstance(heading, list) else heading
        return not str(first).endswith("+")
    return CONTINUE not in cells


def slice_rows(rows: list, rng: random.Random, low: int = 8, high: int = 40) -> list:
    starts = [i for i, r in enumerate(rows) if row_can_start(r)]
    length = rng.randint(min(low, len(rows)), min(high, len(rows)))
    start = rng.choice([s for s in starts if s + length <= len(rows)] or [0])
    return rows[start:start + length]


def slice_blocks(spec: dict, rng: random.Random, notes: list[str]) -> list[dict]:
    """A window of the document: one plan table's rows (one-table plans) or a run of whole
    tables with what stands between them (the Bacău report), and some of the preamble."""
    blocks = spec["blocks"]
    plans = [i for i, b in enumerate(blocks) if is_plan(b)]
    preamble = [b for b in blocks[:plans[0]] if "p" in b]
    keep_preamble = preamble[: rng.randint(0, len(preamble))] if preamble else []
    if len(plans) == 1:
        block = copy.deepcopy(blocks[plans[0]])
        block["table"]["rows"] = slice_rows(block["table"]["rows"], rng)
        title = [b for b in blocks[:plans[0]] if "p" in b][-1:]
        notes.append(f"rows {len(block['table']['rows'])} of {len(blocks[plans[0]]['table']['rows'])}")
        return keep_preamble[:-1] + title + [block]
    n = rng.randint(2, 6)
    first = rng.randrange(0, len(plans) - n + 1)
    start = max((i + 1 for i, b in enumerate(blocks[:plans[first]]) if "table" in b), default=0)
    end = plans[first + n - 1] + 1
    notes.append(f"tables {first + 1}-{first + n} of {len(plans)}")
    return keep_preamble + copy.deepcopy(blocks[start:end])


def strip_diacritics(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def to_cedilla(text: str) -> str:
    return text.translate(str.maketrans("șțȘȚ", "şţŞŢ"))


def typo(text: str, rng: random.Random) -> str:
    """One letter dropped or doubled in the label's longest word."""
    words = text.split(" ")
    i = max(range(len(words)), key=lambda k: len(words[k]))
    word = words[i]
    if len(word) < 6:
        return text
    k = rng.randrange(2, len(word) - 1)
    words[i] = word[:k] + word[k + 1:] if rng.random() < 0.5 else word[:k] + word[k] + word[k:]
    return " ".join(words)


def label_variant(label: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.2:
        return strip_diacritics(label)
    if roll < 0.32:
        return label.upper()
    if roll < 0.4:
        return to_cedilla(label)
    if roll < 0.45:
        return typo(label, rng)
    return label


def cell_text(cell) -> str:
    return cell.get("text", "") if isinstance(cell, dict) else str(cell)


def with_text(cell, text: str):
    return dict(cell, text=text) if isinstance(cell, dict) else text


def reword_header(table: dict, words: dict[str, list[str]], rng: random.Random) -> None:
    """New labels for the first header row: each column's field worded another way (a
    group cell over cost columns as a cost group); the cost sub-labels stay: they are the
    funding sources the expected costs name."""
    fields = table["fields"]
    first = table["header"][0]
    col = 0
    taken: set[str] = set()
    for i, cell in enumerate(first):
        span = cell.get("span", 1) if isinstance(cell, dict) else 1
        if cell == CONTINUE:
            col += 1
            continue
        covered = fields[col:col + span]
        if span > 1 and all(f == "cost" for f in covered) and len(table["header"]) > 1:
            key = "cost_group"
        elif span == 1 and covered[0] in words:
            key = covered[0]
            if key == "cost" and "funding" not in fields and fields.count("cost") == 1:
                key = "cost"
        else:
            col += span
            continue
        options = [w for w in words[key] if w not in taken] or words[key]
        label = label_variant(rng.choice(options), rng)
        taken.add(label)
        first[i] = with_text(cell, label)
        col += span


def number_row(table: dict) -> list:
    first = table["header"][0]
    out, n = [], 0
    for cell in first:
        span = cell.get("span", 1) if isinstance(cell, dict) else 1
        n += 1
        out.append({"text": str(n), "span": span} if span > 1 else str(n))
    return out


def vary_numbers(table: dict, rng: random.Random, notes: list[str]) -> None:
    roll = rng.random()
    if table.get("numbers"):
        if roll < 0.25:
            table.pop("numbers")
            notes.append("number row dropped")
        elif roll < 0.6:
            table["numbers_repeat"] = not table.get("numbers_repeat", True)
    elif roll < 0.3 and len(table["header"]) == 1:
        table["numbers"] = number_row(table)
        table["numbers_repeat"] = rng.random() < 0.7
        notes.append("number row added")


def map_text(obj, fn):
    """Apply ``fn`` to every text of a spec fragment (cells, paragraphs, headings)."""
    if isinstance(obj, str):
        return obj if obj == CONTINUE else fn(obj)
    if isinstance(obj, list):
        return [map_text(x, fn) for x in obj]
    if isinstance(obj, dict):
        return {k: (map_text(v, fn) if k in ("p", "text", "cells", "heading", "header", "rows", "numbers", "table",
                                              "blocks") else v) for k, v in obj.items()}
    return obj


# --------------------------------------------------------------------------- layout


def column_widths(widths: list[float], text_width: float, rng: random.Random) -> list[float]:
    """The sample's proportions jittered, filling 85-100% of the text width, no column narrower
    than MIN_COLUMN_CM."""
    jittered = [w * rng.uniform(0.75, 1.3) for w in widths]
    total = text_width * rng.uniform(0.85, 1.0)
    scaled = [w * total / sum(jittered) for w in jittered]
    short = [i for i, w in enumerate(scaled) if w < MIN_COLUMN_CM]
    for i in short:
        scaled[i] = MIN_COLUMN_CM
    return [round(w, 2) for w in scaled]


def make_style(rng: random.Random, blocks: list[dict], form: str, seed: int, notes: list[str]) -> Style:
    ncols = max((len(b["table"]["widths"]) for b in blocks if is_plan(b)), default=6)
    page = rng.choice(["A4", "A4", "A4", "Letter", "A3", "Legal"])
    landscape = rng.random() < (0.85 if ncols >= 7 else 0.6)
    margins = tuple(round(rng.uniform(1.0, 2.5), 1) for _ in range(4))
    style = Style(page=page, landscape=landscape, margins=margins)
    min_width = ncols * MIN_COLUMN_CM + 1
    if style.text_width < min_width:  # too narrow for this many columns: turn the page
        style = Style(page=page, landscape=True, margins=margins)
    size = rng.choice([10, 11, 12])
    table_size = rng.choice([None, 8, 9, 9, 10, 11]) if style.text_width > 20 else rng.choice([7, 8, 8, 9])
    for b in blocks:  # widths and sizes change no text: set them on the rendered tables
        if "table" in b:
            b["table"]["widths"] = column_widths(b["table"]["widths"], style.text_width, rng)
            if table_size:
                b["table"]["size"] = table_size
    style = Style(
        page=style.page, landscape=style.landscape, margins=margins, font=rng.choice(FONTS), size=size,
        valign="center" if rng.random() < 0.25 else "top",
        align="justify" if rng.random() < 0.3 else "left",
        borders=rng.choice(["single", "single", "double", "thick"]),
        header_fill=rng.choice([None, None, "D9D9D9", "BFBFBF", "DEEAF6"]),
        repeat_header=rng.random() < 0.8, page_numbers=rng.random() < 0.7,
        running_header=rng.choice([None, None, None, *RUNNING_HEADERS]),
        hand_edit=form in ("docx", "pdf", "doc") and rng.random() < 0.3 and HAND_EDITS, seed=seed,
    )
    notes.append(f"{style.page} {'landscape' if style.landscape else 'portrait'} {style.font} "
                 f"{table_size or 'own'}pt valign={style.valign} borders={style.borders} "
                 f"repeat_header={style.repeat_header} hand_edit={style.hand_edit}")
    return style


def make_variant(seed: int, form: str | None = None, sample: str | None = None, reword: bool = True) -> Variant:
    """The variant of ``seed``; ``reword=False`` keeps the sample's own header labels (to tell
    layout failures from wording ones: every other draw stays the same)."""
    rng = random.Random(seed)
    form = form or FORMS[seed % len(FORMS)]
    sample = sample or rng.choice(PLAN_SAMPLES)
    source = load_sample(sample)
    notes: list[str] = [sample]
    blocks = slice_blocks(source, rng, notes)
    words = wordings()
    for b in blocks:
        if is_plan(b):
            labels = copy.deepcopy(b["table"]["header"])
            reword_header(b["table"], words, rng)
            if not reword:
                b["table"]["header"] = labels
            vary_numbers(b["table"], rng, notes)
    if rng.random() < 0.15:
        blocks = map_text(blocks, to_cedilla)
        notes.append("cedilla letters")
    spec = {k: v for k, v in source.items() if k not in ("blocks", "metadata")}
    spec.update(name=f"layout-{seed:05d}", blocks=blocks)
    style = make_style(rng, blocks, form, seed, notes)
    return Variant(seed=seed, form=form, sample=sample, spec=spec, style=style, notes=tuple(notes))
