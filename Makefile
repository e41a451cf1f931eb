# The two commands a newcomer needs: `make run` and `make test`. Both set up first.
# `make run` needs only Python; `make test` also needs Node.js and npm (the end-to-end tests' Alexa emulator).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup node-deps run test test-e2e content bench deploy skill-package clean

# Python only: the virtual environment, the skill, the CLI and the dev tools.
setup: $(STAMP)

# Reinstall only when the dependency files change, so a second `make` is quick.
$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

# The end-to-end tests' Alexa client emulator (virtual-alexa), exactly as package-lock.json pins it.
# Only `make test` and `make test-e2e` need it; `make run` never does.
node-deps: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { \
	  echo "" >&2; \
	  echo "make test needs Node.js 18 or later and npm (the end-to-end tests drive the skill with virtual-alexa)." >&2; \
	  echo "Install them, e.g.  sudo apt-get install nodejs npm   or   brew install node   or from https://nodejs.org," >&2; \
	  echo "then run make test again. (make run needs only Python.)" >&2; \
	  exit 1; }
	npm ci --no-audit --no-fund
	@touch $@

run: setup
	$(BIN)/recovery-guide chat

test: setup node-deps
	$(BIN)/python -m pytest

test-e2e: setup node-deps
	$(BIN)/python -m pytest tests/test_e2e_virtual_alexa.py

# Lint the library, then rebuild what is generated from it (compiled library, interaction models).
content: setup
	$(BIN)/recovery-guide content lint
	$(BIN)/recovery-guide content build

bench: setup
	$(BIN)/python bench/run_all.py

# Deploy to AWS with SAM (needs AWS credentials; the tests never need it). aws-sam-cli pins its own
# boto3, so it gets its own virtual environment, made on first use by this target only. The first
# run asks for the stack's parameters (SkillId, ...) and saves them in samconfig.toml; later runs reuse them.
SAM_VENV := .venv-sam
SAM := $(SAM_VENV)/bin/sam
SAM_CLI_VERSION ?= 1.170.0
LAMBDA_PYTHON ?= python3.13

$(SAM):
	$(PYTHON) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(SAM_VENV)/bin/python -m pip install --quiet 'aws-sam-cli==$(SAM_CLI_VERSION)'

# `sam build` installs lambda/requirements.txt with the runtime's Python (template.yaml: python3.13),
# or inside the Lambda build image (Docker) when that Python is not on this machine.
# Bytecode is shipped for the modules a cold start imports: /var/task is read-only, so without .pyc
# files Lambda compiles every module it imports on every cold start (README "Compiled bytecode"); the
# rest of ask_sdk_model stays source, which keeps the package under 5 MB. Compiled with the runtime's
# own Python, unchecked-hash (the build folder never changes after this), only when that Python is here.
deploy: $(SAM) $(STAMP)
	$(SAM) build $$($(LAMBDA_PYTHON) --version >/dev/null 2>&1 || echo --use-container)
	@if $(LAMBDA_PYTHON) --version >/dev/null 2>&1; then \
	  $(BIN)/python -m recovery_guide_authoring.bytecode --python $(LAMBDA_PYTHON) .aws-sam/build/SkillFunction .aws-sam/build/FeedFunction; \
	else echo "note: $(LAMBDA_PYTHON) not found, shipping source only (cold starts compile it)"; fi
	$(SAM) deploy $$(test -f samconfig.toml || echo --guided)

# The Alexa skill package as an ASK CLI v2 project: skill-package/ (skill.json, interactionModels/custom/
# <locale>.json, assets/images/ icons) beside the committed ask-resources.json, so `ask deploy` runs from here.
# Pass the deployed function and whether the stack texts (its EnableSms):
#   make skill-package SKILL_ENDPOINT_ARN=arn:aws:lambda:... PRIVACY_POLICY_URL=https://... SMS_ENABLED=true
SKILL_ENDPOINT_ARN ?=
PRIVACY_POLICY_URL ?=
SMS_ENABLED ?= false
skill-package: setup
	$(BIN)/python -m recovery_guide_authoring.skill_package --out skill-package \
	  $(if $(SKILL_ENDPOINT_ARN),--endpoint-arn '$(SKILL_ENDPOINT_ARN)') \
	  $(if $(PRIVACY_POLICY_URL),--privacy-policy-url '$(PRIVACY_POLICY_URL)') \
	  $(if $(filter true,$(SMS_ENABLED)),--sms-enabled)

clean:
	rm -rf $(VENV) $(SAM_VENV) build skill-package node_modules .pytest_cache .hypothesis
