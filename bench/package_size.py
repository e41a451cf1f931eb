"""Deployment package size: the zip SAM would upload, without boto3 (the Lambda runtime has it).

Dependencies: `pip install -r lambda/requirements.txt --target DIR` when that file exists, else
`ask-sdk-core` pinned by constraints.txt; boto3, botocore, s3transfer and jmespath are left out if
anything pulls them in. Code: the contents of lambda/ minus __pycache__, tests and *.pyc.
Zipped with deflate. Budget (DESIGN.md section 6): under 5 MB zipped.

    .venv/bin/python bench/package_size.py [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import REPO, LAMBDA_DIR, PYTHON, machine  # noqa: E402

BUDGET_MB = 5.0
PIP_TIMEOUT_S = 300
RUNTIME_PROVIDED = ("boto3", "botocore", "s3transfer", "jmespath")
SKIP_DIRS = {"__pycache__", "tests", ".pytest_cache", ".hypothesis"}
MB = 1024 * 1024




def install_dependencies(target: str) -> str:
    requirements = os.path.join(LAMBDA_DIR, "requirements.txt")
    cmd = [PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target", target]
    constraints = os.path.join(REPO, "constraints.txt")
    if os.path.exists(constraints):
        cmd += ["-c", constraints]
    if os.path.exists(requirements):
        lines = [ln.strip() for ln in open(requirements, encoding="utf-8")]
        wanted = [ln for ln in lines if ln and not ln.startswith("#")
                  and ln.split("=")[0].split("<")[0].split(">")[0].strip().lower() not in RUNTIME_PROVIDED]
        cmd += wanted
        source = f"lambda/requirements.txt ({len(wanted)} requirement(s), runtime-provided ones left out)"
    else:
        cmd += ["ask-sdk-core"]
        source = "ask-sdk-core from constraints.txt (no lambda/requirements.txt)"
    subprocess.run(cmd, check=True, timeout=PIP_TIMEOUT_S)
    for name in os.listdir(target):
        base = name.split("-")[0].lower()
        if base in RUNTIME_PROVIDED:
            path = os.path.join(target, name)
            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
    # pip's own scripts directory is not part of a Lambda package.
    shutil.rmtree(os.path.join(target, "bin"), ignore_errors=True)
    return source


def files_of(root: str, keep_pyc: bool):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS or (keep_pyc and d == "__pycache__"))
        for name in sorted(filenames):
            if name.endswith(".pyc") and not keep_pyc:
                continue
            path = os.path.join(dirpath, name)
            yield path, os.path.relpath(path, root)


def build_zip(zip_path: str, deps: str, keep_dep_pyc: bool) -> tuple[int, int, dict]:
    return zip_folders(zip_path, ((deps, keep_dep_pyc), (LAMBDA_DIR, False)))


def zip_folders(zip_path: str, roots) -> tuple[int, int, dict]:
    """Zip each (folder, keep .pyc) into one package: (zipped bytes, raw bytes, zipped bytes by top folder)."""
    raw = 0
    by_top: dict[str, int] = defaultdict(int)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for root, keep_pyc in roots:
            for path, arcname in files_of(root, keep_pyc):
                zf.write(path, arcname)
                info = zf.getinfo(arcname)
                raw += info.file_size
                by_top[arcname.split(os.sep)[0]] += info.compress_size
    return os.path.getsize(zip_path), raw, dict(by_top)


def deployed_zip(tmp: str, deps: str) -> tuple[int, int, int]:
    """The package as `make deploy` builds it: dependencies and our code in one folder, with
    bytecode for exactly the modules a cold start imports (recovery_guide_authoring.bytecode)."""
    sys.path.insert(0, os.path.join(REPO, "tools"))
    from recovery_guide_authoring import bytecode

    build = os.path.join(tmp, "build")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(deps, build, ignore=ignore)
    shutil.copytree(os.path.join(LAMBDA_DIR, "recovery_guide"), os.path.join(build, "recovery_guide"), ignore=ignore)
    files = bytecode.imported_files(build, PYTHON, bytecode.cold_start_events())
    bytecode.compile_files(files, PYTHON)
    zipped, raw, _ = zip_folders(os.path.join(tmp, "deployed.zip"), ((build, True),))
    return zipped, raw, len(files)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", default=None, help="also copy the zip here")
    args = parser.parse_args(argv)
    print(f"package size - {machine()}")
    with tempfile.TemporaryDirectory(prefix="rg-package-") as tmp:
        deps = os.path.join(tmp, "deps")
        source = install_dependencies(deps)
        print(f"  dependencies: {source}")
        zip_path = os.path.join(tmp, "function.zip")
        zipped, raw, by_top = build_zip(zip_path, deps, keep_dep_pyc=False)
        zipped_pyc, raw_pyc, _ = build_zip(os.path.join(tmp, "with-pyc.zip"), deps, keep_dep_pyc=True)
        zipped_deploy, raw_deploy, compiled = deployed_zip(tmp, deps)
        if args.keep:
            shutil.copy(zip_path, args.keep)
        lib = os.path.join(LAMBDA_DIR, "recovery_guide", "data", "library.json")
        print(f"  zipped (deflate): {zipped / MB:.2f} MB   unzipped: {raw / MB:.2f} MB")
        print(f"  with the dependencies' .pyc files as pip writes them: {zipped_pyc / MB:.2f} MB zipped, "
              f"{raw_pyc / MB:.2f} MB unzipped")
        print(f"  as `make deploy` ships it (bytecode for the {compiled} modules a cold start imports): "
              f"{zipped_deploy / MB:.2f} MB zipped, {raw_deploy / MB:.2f} MB unzipped")
        if os.path.exists(lib):
            print(f"  of which data/library.json: {os.path.getsize(lib) / MB:.2f} MB raw")
        print("  largest parts (zipped):")
        for name, size in sorted(by_top.items(), key=lambda kv: -kv[1])[:10]:
            print(f"    {size / MB:6.2f} MB  {name}")
    verdict = "within" if max(zipped, zipped_deploy) / MB < BUDGET_MB else "OVER"
    print(f"\npackage: {zipped / MB:.2f} MB zipped source only, {zipped_deploy / MB:.2f} MB as deployed: "
          f"{verdict} budget {BUDGET_MB} MB")
    result = {"zipped_mb": zipped / MB, "unzipped_mb": raw / MB, "zipped_with_dep_pyc_mb": zipped_pyc / MB,
              "zipped_as_deployed_mb": zipped_deploy / MB,
              "dependencies": source}
    print("RESULT " + json.dumps({"package_size": result}))
    return result


if __name__ == "__main__":
    main()
