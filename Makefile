# Set-up and checks.  `make run`: the pipeline on samples/ into output/.  `make test`: the tests.
VENV ?= .venv
PY := $(VENV)/bin/python
# LibreOffice reads .doc/.odt/.rtf and exports the sample PDFs (tests rebuild them and tiny PDFs); fonts make
# the layout reproducible; tesseract (Romanian) reads scanned pages and hunspell's Romanian dictionary corrects
# its misread capitals; poppler rasterizes the sample scans; Chromium prints the web-page layouts of the
# layout generator (samples/html_render.py)
APT_PACKAGES := libreoffice-writer-nogui fonts-liberation fonts-liberation2 fonts-dejavu-core poppler-utils \
                tesseract-ocr tesseract-ocr-ron hunspell-ro chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test system-packages bench samples clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q -U pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

system-packages:
	@dpkg -s $(APT_PACKAGES) >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); }

run: system-packages $(VENV)/.installed
	$(VENV)/bin/planuri run samples/ --out output

test: system-packages $(VENV)/.installed
	PLANURI_REQUIRE_LIBREOFFICE=1 PLANURI_REQUIRE_TESSERACT=1 PLANURI_REQUIRE_CHROMIUM=1 $(PY) -m pytest

samples: system-packages $(VENV)/.installed
	$(PY) samples/build_samples.py

bench: $(VENV)/.installed
	$(PY) bench/bench.py

clean:
	rm -rf output .pytest_cache
