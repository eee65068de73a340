# The two commands a newcomer needs:  make serve   and   make test
# Both bootstrap .venv from the pinned lock file on first use.

PY      := .venv/bin/python
VENV_OK := .venv/.installed
NODE_OK := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

# Content pack: this folder by default; `PACK=<folder> make site` (or `make site PACK=<folder>`)
# builds another. The engine reads PACK from the environment.
ifdef PACK
export PACK
endif
PACK_DIR := $(or $(PACK),.)
# A pack's output goes under the pack folder, so building one pack never overwrites another's:
# ./site, ./build, ./dist for this folder; <pack>/site, <pack>/build, <pack>/dist for PACK=<pack>.
OUT := $(PACK_DIR)

.PHONY: serve site test check-data schemas new-trial new-pack lock clean browser-deps cairo-deps audit bench offline scorm pdf

$(VENV_OK): requirements.lock pyproject.toml
	python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

## Build and serve the site at http://127.0.0.1:8000/ (rebuilds on change)
serve: $(VENV_OK)
	$(PY) -m properdocs serve --strict -f mkdocs.yml -a 127.0.0.1:8000

## Build the static site into ./site, or <pack>/site (atomically: a failed build leaves it untouched);
## Workbox (npm) writes its service worker
site: $(VENV_OK) $(NODE_OK) cairo-deps
	$(PY) -m macros.build $(OUT)/site

## Validate a content pack's data/ without building the site (PACK=<folder> for another pack)
check-data: $(VENV_OK)
	$(PY) -m macros.check $(PACK_DIR)/data

## Rewrite the JSON Schemas of the data files from the models, and point every data file at its schema
schemas: $(VENV_OK)
	$(PY) -m macros.schemas
	$(PY) -m macros.schemas --annotate $(PACK_DIR)

## Start a new trial record with every field commented: make new-trial ID=<trial-id> [PACK=<folder>]
new-trial: $(VENV_OK)
	@test -n "$(ID)" || { echo "usage: make new-trial ID=<trial-id>"; exit 2; }
	$(PY) -m macros.scaffold trial $(ID) --pack $(PACK_DIR)

## Start a new content pack that builds as it is, with marked example content:
## make new-pack DIR=<folder> NAME="<medicine>"  (then PACK=<folder> make site)
new-pack: $(VENV_OK)
	@test -n "$(DIR)" && test -n "$(NAME)" || { echo 'usage: make new-pack DIR=<folder> NAME="<medicine>"'; exit 2; }
	@# $(value ...) and single quotes: a name or folder with $, quotes or spaces reaches the scaffold as typed
	$(PY) -m macros.scaffold pack '$(subst ','\'',$(value DIR))' --name '$(subst ','\'',$(value NAME))'

## System tools for the checks: Chromium (browser tests, Lighthouse) and Java (Nu HTML
## Checker), from Debian's packages; never a downloaded browser build. libcairo2 draws the
## web app's PNG icons (CairoSVG) in every build that has the web app.
browser-deps:
	@missing=""; [ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	ldconfig -p 2>/dev/null | grep -q 'libcairo\.so\.2' || missing="$$missing libcairo2"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Missing Debian packages:$$missing (install them with apt-get)"; exit 1; fi; \
	fi

## The one Debian library a site build needs (CairoSVG draws the web app's PNG icons with it)
cairo-deps:
	@ldconfig -p 2>/dev/null | grep -q 'libcairo\.so\.2' || { \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcairo2 >/dev/null; \
	  else echo "Missing Debian package: libcairo2 (install it with apt-get)"; exit 1; fi; }

## Node tools pinned in package.json / package-lock.json (Nu HTML Checker, Lighthouse, Workbox...)
$(NODE_OK): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

## Run every test: lint and types, data, render golden files, real builds, HTML validity and links,
## browser checks; prints how long it took
test: $(VENV_OK) $(NODE_OK) browser-deps
	@start=$$(date +%s); \
	$(PY) -m ruff check macros tests && \
	$(PY) -m mypy && \
	$(PY) -m pytest; status=$$?; \
	echo "make test: $$(( $$(date +%s) - start )) s (ruff, mypy, pytest)"; exit $$status

## The offline site (works from file://, search included) in build/offline-site, zipped as
## dist/<name>-offline-<version>.zip
offline: $(VENV_OK) $(NODE_OK)
	$(PY) -m macros.release.offline $(OUT)/build/offline-site $(OUT)/dist

## SCORM 1.2 packages of the offline site: the whole guide, dist/<name>-scorm-<version>.zip, and one
## SCO per nav module (reports completion and where the learner is), dist/<name>-scorm-<module>-<version>.zip;
## `make scorm SCORM=2004` writes the module packages for SCORM 2004 (dist/<name>-scorm2004-<module>-<version>.zip)
scorm: offline
	$(PY) -m macros.release.scorm $(OUT)/build/offline-site $(OUT)/dist $(or $(SCORM),1.2)

## PDF handouts printed by Chromium: one per patient page and one of the clinician section, in dist/pdf/
pdf: offline browser-deps
	$(PY) -m macros.release.pdf $(OUT)/build/offline-site $(OUT)/dist/pdf

## Lighthouse scores (mobile) for the home, first trial and first patient page; prints, never fails
audit: $(VENV_OK) $(NODE_OK) browser-deps
	$(PY) -m macros.tools.audit

## Build-time and page-weight figures, plus a 1,000-trial scale test; prints, never fails
bench: $(VENV_OK)
	$(PY) -m macros.tools.bench

## Re-pin the lock file from requirements.in
lock:
	python3 -m venv .venv-lock && .venv-lock/bin/pip install --quiet -r requirements.in
	{ echo "# Generated by 'make lock' from requirements.in"; .venv-lock/bin/pip freeze; } > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf site .site.* .venv .pytest_cache node_modules build dist
