# Set-up and checks.  `make run`: the pipeline on samples/ into output/, and its review pages (output/report/index.html).  `make test`: the tests.
VENV ?= .venv
PY := $(VENV)/bin/python
# LibreOffice reads .doc/.odt/.rtf and exports the sample PDFs (tests rebuild them and tiny PDFs); fonts make
# the layout reproducible; tesseract (Romanian) reads scanned pages and hunspell's Romanian dictionary corrects
# its misread capitals (read by libhunspell, which LibreOffice brings too); poppler rasterizes the sample scans; Chromium prints the web-page layouts of the
# layout generator (samples/html_render.py)
APT_PACKAGES := libreoffice-writer-nogui libhunspell-1.7-0 fonts-liberation fonts-liberation2 fonts-dejavu-core poppler-utils \
                tesseract-ocr tesseract-ocr-ron hunspell-ro chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test check fuzz lock system-packages bench samples clean

# constraints.txt pins every package the tests ran with (make lock refreshes it from pyproject.toml's
# lower bounds): the same versions on every machine, so "byte-identical datasets" holds across them
$(VENV)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q -U pip
	$(PY) -m pip install -q -c constraints.txt -e '.[test]'
	touch $@

lock:
	rm -rf .lock-venv && python3 -m venv .lock-venv && .lock-venv/bin/pip install -q -U pip
	.lock-venv/bin/pip install -q -e '.[test]'
	.lock-venv/bin/pip freeze --exclude-editable | grep -v '^planuri' > constraints.txt
	rm -rf .lock-venv

system-packages:
	@dpkg -s $(APT_PACKAGES) >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); }

run: system-packages $(VENV)/.installed
	$(VENV)/bin/planuri run samples/ --out output; status=$$?; \
	  $(VENV)/bin/planuri report output && exit $$status

test: system-packages $(VENV)/.installed
	PLANURI_REQUIRE_LIBREOFFICE=1 PLANURI_REQUIRE_TESSERACT=1 PLANURI_REQUIRE_CHROMIUM=1 $(PY) -m pytest -n 2 --dist loadfile --durations=40

# the fast loop while changing code: everything but the slow modules (tests/conftest.py MODULE_MARKERS)
check: $(VENV)/.installed
	$(PY) -m pytest -q -n 2 --dist loadfile -m "not (slow or ocr or libreoffice or chromium or batch)"

# round trips over N generated layouts (bench/layouts.py): figures by form, every failing seed
N ?= 100
SEED ?= 1000
fuzz: system-packages $(VENV)/.installed
	$(PY) bench/layouts.py --seeds $(SEED)-$$(($(SEED) + $(N) - 1)) --quiet

samples: system-packages $(VENV)/.installed
	$(PY) samples/build_samples.py

bench: $(VENV)/.installed
	$(PY) bench/bench.py

clean:
	rm -rf output .pytest_cache
