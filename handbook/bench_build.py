"""`make bench`'s build figures (handbook/bench.py): the site build against a fair plain
baseline, and both with the docs copied COPIES times."""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.config import load_config

from handbook import settings
from handbook.languages import languages

# The site build is timed with the docs once and copied COPIES times (goal: growth at most 4.4×);
# each site build is the median of RUNS (one run on 2 busy cores is noisy), after one run that
# is not counted; the plain and the hooked builds take turns, so that both meet the same load,
# and the ratio is the median of the RUNS rounds' own ratios (one slow plain run moves it less
# than it moves a ratio of two medians).
COPIES = 4
RUNS = 5


def _seconds(command: list[str], cwd: Path = settings.ROOT) -> tuple[float, float]:
    """Wall time and CPU time (user + system, the command and its children) of one run of a
    command. The ratios use CPU time: wall time on 2 cores shared with other builds measures the
    neighbours as much as the build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # Python keeps the hooks compiled in __pycache__, as it does on a writer's machine (a machine
    # that sets PYTHONDONTWRITEBYTECODE would compile every hook again at each timed build).
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, cwd=cwd, env=dict(env, NO_MKDOCS_2_WARNING="1"), check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def _scratch_project(scratch: Path, *, copies: int, hooks: bool) -> Path:
    """A config in `scratch` that inherits mkdocs.yml (MkDocs' INHERIT), building the same docs,
    theme, overrides and assets, with our hooks or with only handbook/plain_build.py (which lets
    our templates render with the values our hooks would give left empty). With copies > 1 the
    docs of every language are there `copies` times (docs/<lang>/copy2/ …, in the nav too)."""
    config = load_config(str(settings.ROOT / "mkdocs.yml"))
    docs, nav = config.docs_dir, config.nav
    if copies > 1:
        docs = str(scratch / "docs")
        shutil.copytree(config.docs_dir, docs)
        for language in languages(config):
            for number in range(2, copies + 1):
                shutil.copytree(Path(config.docs_dir) / language, Path(docs) / language / f"copy{number}")
        nav = nav + [{f"Copy {number}": _prefixed(nav, f"copy{number}/")} for number in range(2, copies + 1)]
    child = {
        "INHERIT": str(settings.ROOT / "mkdocs.yml"),
        "docs_dir": docs,
        "nav": nav,
        "theme": {"custom_dir": str(settings.ROOT / "overrides")},
        "hooks": [str(settings.ROOT / name) for name in config.hooks] if hooks
        else [str(settings.ROOT / "handbook" / "plain_build.py")],
        "strict": hooks,
    }
    path = scratch / "mkdocs.yml"
    path.write_text(json.dumps(child, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML
    return path


def _prefixed(nav, prefix: str):
    if isinstance(nav, str):
        return prefix + nav
    if isinstance(nav, dict):
        return {title: _prefixed(item, prefix) for title, item in nav.items()}
    return [_prefixed(item, prefix) for item in nav]


def _build_command(scratch: Path, *, copies: int, hooks: bool) -> list[str]:
    """`mkdocs build` of a new scratch project (see ``_scratch_project``)."""
    project = scratch / f"{'hooks' if hooks else 'plain'}-x{copies}"
    project.mkdir()
    config = _scratch_project(project, copies=copies, hooks=hooks)
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(project / "site")]


def build_figures(config: settings.Settings) -> dict:
    """Site build with our hooks against the fair plain baseline (the same docs, theme, overrides
    and assets without our hooks), the growth of both with the docs copied COPIES times, and the
    full `make handbook` (no installs). Each site build is the median of RUNS; ratios of CPU time
    (the site build's: the median of the rounds' ratios, each round given too)."""
    figures, cpu, rounds = {}, {}, []
    with tempfile.TemporaryDirectory() as scratch:
        for copies in (1, COPIES):
            commands = {hooks: _build_command(Path(scratch), copies=copies, hooks=hooks) for hooks in (False, True)}
            for command in commands.values():
                _seconds(command)  # not counted: reads every file from disk, fills build/'s caches as `make handbook` does
            runs: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
            for _ in range(RUNS):
                for hooks, command in commands.items():
                    runs[hooks].append(_seconds(command))
            if copies == 1:
                rounds = [hooked / plain for (_, plain), (_, hooked) in zip(runs[False], runs[True])]
            for hooks, measured in runs.items():
                key = f"{'site' if hooks else 'plain_mkdocs'}_build" + ("" if copies == 1 else f"_x{copies}")
                wall = round(statistics.median(seconds for seconds, _ in measured), 2)
                cpu[key] = round(statistics.median(seconds for _, seconds in measured), 2)
                figures[f"{key}_seconds"], figures[f"{key}_cpu_seconds"] = wall, cpu[key]
    return {
        **figures,
        "site_build_ratio_to_plain": round(statistics.median(rounds), 2),
        "site_build_ratio_to_plain_rounds": [round(ratio, 2) for ratio in rounds],
        f"site_build_growth_x{COPIES}": round(cpu[f"site_build_x{COPIES}"] / cpu["site_build"], 2),
        f"plain_mkdocs_build_growth_x{COPIES}": round(cpu[f"plain_mkdocs_build_x{COPIES}"] / cpu["plain_mkdocs_build"], 2),
        "handbook_seconds": round(_seconds([sys.executable, "-m", "handbook", "build"])[0], 2),
    }
