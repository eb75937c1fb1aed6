# Two commands do all the set-up (see README): `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# axe-core and vnu-jar for the browser suite (tests/browser), from package-lock.json
NODE_TOOLS := node_modules/.installed

.PHONY: run test lint format lock bench bench-rechner loadtest clean map-data kern card-fonts

$(INSTALLED): requirements/dev.txt requirements/pip.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/pip.txt
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	touch $@

$(NODE_TOOLS): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund && touch $@; \
	else echo "npm not found: the browser checks in tests/browser will be skipped"; fi

## Run the site on SQLite with the demo catalogue at http://127.0.0.1:8000
run: $(INSTALLED)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## Run the whole test suite, browser checks included (DATABASE_URL selects the database)
test: $(INSTALLED) $(NODE_TOOLS)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint --check templates
	$(BIN)/djlint --lint templates

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djlint --reformat templates

## Regenerate the hashed lock files from pyproject.toml
lock: $(INSTALLED)
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes -q -o requirements/prod.txt
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 --generate-hashes -q -o requirements/dev.txt

## Load test: gunicorn + PostgreSQL + wrk, 10,000 Steckbriefe (docs/operations.md)
loadtest: $(INSTALLED)
	scripts/loadtest.sh

## Benchmark browse page vs. admin on PostgreSQL with 10,000 synthetic profiles (docs/benchmark.md)
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/cat_bench
bench: $(INSTALLED)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py bench $(if $(BENCH_SIZES),--sizes $(BENCH_SIZES)) $(BENCH_ARGS)

## Regenerate the map outline of Germany from Natural Earth (npm package world-atlas)
WORLD_ATLAS := world-atlas@2.0.2
MAP_TMP := .map-data
map-data:
	rm -rf $(MAP_TMP) && mkdir -p $(MAP_TMP)
	npm install --prefix $(MAP_TMP) --no-save --no-audit --no-fund --ignore-scripts $(WORLD_ATLAS)
	$(PYTHON) scripts/build_germany_outline.py $(MAP_TMP)/node_modules/world-atlas/countries-10m.json
	cp $(MAP_TMP)/node_modules/world-atlas/LICENSE profiles/public/data/LICENSE-world-atlas.txt
	rm -rf $(MAP_TMP)

## Re-fetch the KERN design system (npm @kern-ux/native, EUPL-1.2) into static/vendor/kern/
KERN_PACKAGE := @kern-ux/native@2.7.2
KERN_TMP := .kern
kern:
	rm -rf $(KERN_TMP) && mkdir -p $(KERN_TMP)
	npm install --prefix $(KERN_TMP) --no-save --no-audit --no-fund --ignore-scripts $(KERN_PACKAGE)
	$(PYTHON) scripts/vendor_kern.py $(KERN_TMP)/node_modules/@kern-ux/native
	rm -rf $(KERN_TMP)

## Refresh the fonts of the link-preview cards (Fira Sans, OFL) from the npm package of KERN
KERN_FONTS := @kern-ux/native@2.7.2
CARD_FONTS := profiles/public/data/fonts
FONT_TMP := .font-data
card-fonts:
	rm -rf $(FONT_TMP) && mkdir -p $(FONT_TMP)
	npm pack --silent --pack-destination $(FONT_TMP) $(KERN_FONTS)
	tar -xzf $(FONT_TMP)/*.tgz -C $(FONT_TMP)
	cp $(FONT_TMP)/package/dist/fonts/fira-sans/FiraSans-Bold.woff2 $(FONT_TMP)/package/dist/fonts/fira-sans/FiraSans-Regular.woff2 $(CARD_FONTS)/
	rm -rf $(FONT_TMP)

## Benchmark the Lasten-Nutzen-Rechner: engine (12 partners x 10 items) and result page
bench-rechner: $(INSTALLED)
	$(BIN)/python manage.py bench_rechner $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles .pytest_cache
