# Một Cửa — two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
VENV_BOT := .venv-bot
PY := $(VENV)/bin/python
PY_BOT := $(VENV_BOT)/bin/python
FLASK := $(VENV)/bin/flask --app server
RASA := SQLALCHEMY_SILENCE_UBER_WARNING=1 $(VENV_BOT)/bin/rasa

.PHONY: help setup run run-cluster demo test test-app test-bot validate train lint bench migration catalogue clean

help:
	@echo "make run    set up, migrate, bootstrap the centre (first admin), train the bot if needed, start all three processes"
	@echo "make run-cluster  nginx, 2 app instances, 2 Rasa replicas, actions on PostgreSQL and Redis (loopback)"
	@echo "make demo   make run with made-up demo dossiers, ratings and accounts (trial machines only)"
	@echo "make test   set up, then the app suite (SQLite, and PostgreSQL when TEST_DATABASE_URL is set) and the bot checks"
	@echo "make setup  create .venv (Python >= 3.11) and .venv-bot (Python 3.10, Rasa 3.6.21)"
	@echo "make lint   ruff;  make bench  print the benchmark figures;  make train  train the Rasa model"

setup:
	@scripts/setup.sh

run: setup
	@scripts/run.sh

# What production runs, on loopback: nginx in front of 2 app instances, 2 Rasa replicas and the action server,
# on PostgreSQL and Redis (deploy/local-cluster.sh; docs/operations.md).
run-cluster: setup
	@deploy/local-cluster.sh start

demo:
	@MOTCUA_DEMO=1 $(MAKE) --no-print-directory run

test: setup test-app test-bot

test-app:
	@scripts/test_app.sh
	@deploy/check.sh

test-bot:
	@scripts/test_bot.sh

validate: setup
	cd bot && ../$(RASA) data validate --data data ../nlu_data/nlu --domain domain.yml --config config.yml

train: setup
	@scripts/train_bot.sh

lint: setup
	$(VENV)/bin/ruff check .

bench: setup
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b; done

# After a model change: a new revision, `alembic revision --autogenerate` (see migrations/README.md).
migration: setup
	$(FLASK) new-migration "$(MESSAGE)"

clean:
	rm -rf $(VENV) $(VENV_BOT) .pytest_cache .ruff_cache bot/models bot/.rasa
