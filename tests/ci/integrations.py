#!/usr/bin/env python3
"""goalc in the pipelines of the README's "Use in CI", each run with the real tool.

Usage: integrations.py GOALC JUNIT_XSD

- GitHub Actions: the README's workflow step, its inputs checked against action.yml and passed
  to the action's script the way GitHub does (INPUT_*, GITHUB_STEP_SUMMARY, ...).
- GitLab CI: the README's `script` lines in a shell; the Code Quality JSON checked for the
  fields GitLab reads and the JUnit XML validated against Jenkins' JUnit schema (xmlschema).
- pre-commit: `pre-commit try-repo` against this checkout in a temporary git repository, and
  the README's `.pre-commit-config.yaml` (repo and rev pointed here) refusing a real commit.
- Any shell: the README's lines.

Needs pre-commit, PyYAML and xmlschema (installed by .ci/run), git and cargo.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import xmlschema
import yaml

ROOT = Path(__file__).resolve().parents[2]
GOALC = Path(sys.argv[1]).resolve()
SCHEMA = xmlschema.XMLSchema(sys.argv[2])
# The examples judge progress at a pinned date; so do the snippets run here.
AS_OF = "2026-06-15"
failures = []


def check(condition, what):
    """Records a result; `what` may end with the tool's output, shown only on failure."""
    if condition:
        print("ok    " + what.splitlines()[0][:110])
    else:
        print("FAIL  " + what)
        failures.append(what)


def snippet(name):
    readme = (ROOT / "README.md").read_text()
    m = re.search(r"<!-- ci:%s -->\n```\w*\n(.*?)```" % re.escape(name), readme, re.S)
    if not m:
        sys.exit(f"README.md has no snippet marked <!-- ci:{name} -->")
    return m.group(1)


def workspace(example):
    """A temporary folder with the example copied to plans/ and goalc on PATH."""
    d = Path(tempfile.mkdtemp(prefix="goalc-ci-"))
    shutil.copytree(ROOT / "examples" / example, d / "plans")
    bin_dir = d / ".bin"
    bin_dir.mkdir()
    (bin_dir / "goalc").symlink_to(GOALC)
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", NO_COLOR="1")
    return d, env


def run(cmd, cwd, env, **kw):
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, **kw)


def github():
    steps = yaml.safe_load(snippet("github"))["jobs"]["goalc"]["steps"]
    step = next(s for s in steps if "goalc" in s.get("uses", "") and "checkout" not in s["uses"])
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    inputs = step.get("with", {})
    unknown = set(inputs) - set(action["inputs"])
    check(not unknown, f"github: the README's inputs exist in action.yml ({sorted(inputs)})")
    for example, expected in (("broken", 1), ("learning", 0)):
        d, env = workspace(example)
        summary = d / "summary.md"
        env.update(GITHUB_ACTION_PATH=str(ROOT), GITHUB_STEP_SUMMARY=str(summary),
                   RUNNER_TEMP=str(d), GITHUB_WORKSPACE=str(d), GOALC=str(GOALC))
        for name, spec in action["inputs"].items():
            value = inputs.get(name, spec.get("default", ""))
            # GitHub evaluates expressions in defaults; outside a pull request they are empty.
            if isinstance(value, str) and "${{" in value:
                value = ""
            if isinstance(value, bool):
                value = "true" if value else "false"
            env["INPUT_" + name.upper().replace("-", "_")] = str(value)
        env["INPUT_AS_OF"] = AS_OF
        r = run(["bash", str(ROOT / "scripts/github-action.sh")], d, env)
        check(r.returncode == expected,
              f"github {example}: exit {r.returncode}, expected {expected} {r.stderr[-500:]}")
        annotations = [l for l in r.stdout.splitlines() if l.startswith("::")]
        if example == "broken":
            check(any(l.startswith("::error file=plans/") and "title=unknown-reference" in l
                      for l in annotations), "github broken: an error annotation on a plan file")
            check(any(l.startswith("::warning file=plans/") for l in annotations),
                  "github broken: warnings annotated too (deny-warnings fails on them)")
        else:
            check(annotations == [], f"github learning: no annotations ({annotations[:2]})")
        text = summary.read_text() if summary.exists() else ""
        check(text.startswith("# Progress report: plans"),
              f"github {example}: the Markdown report in the job summary")
        check("```mermaid" in text, f"github {example}: the summary has the alignment diagram")
    # `since`: a pull request that lowers a target, checked against its base commit
    d, env = workspace("learning")
    git(d, "init", "-q")
    git(d, "add", "-A")
    git(d, "commit", "-q", "-m", "base", date="2025-12-01")
    base = git(d, "rev-parse", "HEAD").stdout.strip()
    # an increase metric (baseline 400): 1300 -> 900 is easier
    plan = d / "plans" / "teams" / "learning.plan.toml"
    text = plan.read_text()
    check("baseline = 400\ntarget = 1300\n" in text, "github since: the example has the metric to lower")
    plan.write_text(text.replace("baseline = 400\ntarget = 1300\n", "baseline = 400\ntarget = 900\n", 1))
    git(d, "commit", "-q", "-a", "-m", "lower a target", date=AS_OF)
    summary = d / "summary.md"
    env.update(GITHUB_ACTION_PATH=str(ROOT), GITHUB_STEP_SUMMARY=str(summary), RUNNER_TEMP=str(d),
               GITHUB_WORKSPACE=str(d), GOALC=str(GOALC), INPUT_AS_OF=AS_OF, INPUT_SINCE=base,
               INPUT_PATHS="plans")
    r = run(["bash", str(ROOT / "scripts/github-action.sh")], d, env)
    text = summary.read_text() if summary.exists() else ""
    check(r.returncode == 0 and any("title=target-lowered" in l for l in r.stdout.splitlines()),
          f"github since: the lowered target annotated {r.stdout[-500:]} {r.stderr[-500:]}")
    check(f"## Changed since {base}" in text, "github since: the summary says what changed")
    env["INPUT_SINCE"] = "no-such-ref"
    r = run(["bash", str(ROOT / "scripts/github-action.sh")], d, env)
    check(r.returncode == 2 and "unknown revision" in r.stderr, f"github since: an unknown base is exit 2 {r.stderr[-300:]}")

    # a bad input is a clear error, not a silent default
    d, env = workspace("learning")
    env.update(GITHUB_ACTION_PATH=str(ROOT), GOALC=str(GOALC), INPUT_DENY_WARNINGS="yes")
    r = run(["bash", str(ROOT / "scripts/github-action.sh")], d, env)
    check(r.returncode == 2 and "deny-warnings must be true or false" in r.stdout,
          "github: deny-warnings: yes is refused")


def gitlab():
    job = yaml.safe_load(snippet("gitlab"))["goalc"]
    reports = job["artifacts"]["reports"]
    d, env = workspace("broken")
    for line in job["script"]:
        r = run(["bash", "-c", line.replace("goalc check", f"goalc --as-of {AS_OF} check")], d, env)
        print(f"      $ {line}  -> exit {r.returncode}")
    quality = json.loads((d / reports["codequality"]).read_text())
    check(len(quality) > 0 and all(
        {"description", "check_name", "severity", "fingerprint"} <= set(q)
        and q["location"]["path"].startswith("plans/") and q["location"]["lines"]["begin"] >= 1
        for q in quality), f"gitlab: {len(quality)} Code Quality issues with the fields GitLab reads")
    check(len({q["fingerprint"] for q in quality}) == len(quality), "gitlab: unique fingerprints")
    junit = d / reports["junit"]
    errors = list(SCHEMA.iter_errors(str(junit)))
    check(not errors, f"gitlab: JUnit report valid against the JUnit schema {errors[:1]}")
    # and the clean example, whose report has one passing case per file
    d, env = workspace("learning")
    r = run(["goalc", "check", "--format", "junit", "plans"], d, env)
    errors = list(SCHEMA.iter_errors(r.stdout))
    check(r.returncode == 0 and not errors, f"junit: the clean example is valid too {errors[:1]}")


def git(repo, *args, check_ok=True, date=None):
    env = dict(os.environ, GIT_AUTHOR_NAME="ci", GIT_AUTHOR_EMAIL="ci@example.test",
               GIT_COMMITTER_NAME="ci", GIT_COMMITTER_EMAIL="ci@example.test")
    if date:
        env.update(GIT_AUTHOR_DATE=f"{date}T12:00:00+00:00", GIT_COMMITTER_DATE=f"{date}T12:00:00+00:00")
    r = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    if check_ok and r.returncode != 0:
        sys.exit(f"git {' '.join(args)} failed: {r.stderr}")
    return r


def break_a_plan(repo):
    plan = repo / "teams" / "learning.plan.toml"
    text = plan.read_text()
    text = text.replace('aligns_to = "erp-ready-workforce"', 'aligns_to = "erp-ready-workforse"', 1)
    plan.write_text(text)
    return plan


def pre_commit():
    home = Path(tempfile.mkdtemp(prefix="goalc-pre-commit-home-"))
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), NO_COLOR="1",
               GIT_AUTHOR_NAME="ci", GIT_AUTHOR_EMAIL="ci@example.test",
               GIT_COMMITTER_NAME="ci", GIT_COMMITTER_EMAIL="ci@example.test")
    pc = [sys.executable, "-m", "pre_commit"]

    # try-repo: this checkout as it is, working tree included
    repo = Path(tempfile.mkdtemp(prefix="goalc-try-repo-"))
    git(repo, "init", "-q")
    shutil.copytree(ROOT / "examples" / "learning", repo, dirs_exist_ok=True)
    git(repo, "add", "-A")
    r = run([*pc, "try-repo", str(ROOT), "goalc"], repo, env)
    check(r.returncode == 0, f"pre-commit try-repo: a clean workspace passes {r.stdout[-800:]}")
    break_a_plan(repo)
    git(repo, "add", "-A")
    r = run([*pc, "try-repo", str(ROOT), "goalc"], repo, env)
    check(r.returncode == 1 and "unknown-reference" in r.stdout and "erp-ready-workforse" in r.stdout,
          f"pre-commit try-repo: a broken plan fails with the diagnostic {r.stdout[-800:]}")

    # the README's config, pointed at this checkout's HEAD, guarding real commits
    head = git(ROOT, "rev-parse", "HEAD").stdout.strip()
    config = snippet("pre-commit")
    config = re.sub(r"repo: \S+", f"repo: {ROOT}", config)
    config = re.sub(r"rev: \S+", f"rev: {head}", config)
    repo = Path(tempfile.mkdtemp(prefix="goalc-commit-"))
    git(repo, "init", "-q")
    shutil.copytree(ROOT / "examples" / "learning", repo, dirs_exist_ok=True)
    (repo / ".pre-commit-config.yaml").write_text(config)
    r = run([*pc, "install"], repo, env)
    check(r.returncode == 0, f"pre-commit install {r.stderr[-400:]}")
    git(repo, "add", "-A")
    r = run(["git", "commit", "-q", "-m", "plans"], repo, env)
    check(r.returncode == 0, f"pre-commit: a clean commit goes in {r.stdout[-800:]}{r.stderr[-800:]}")
    break_a_plan(repo)
    git(repo, "add", "-A")
    r = run(["git", "commit", "-q", "-m", "broken"], repo, env)
    out = r.stdout + r.stderr
    check(r.returncode != 0 and "unknown-reference" in out and "teams/learning.plan.toml" in out,
          f"pre-commit: a commit with a broken plan is refused, the diagnostic shown {out[-800:]}")
    commits = git(repo, "rev-list", "--count", "HEAD").stdout.strip()
    check(commits == "1", f"pre-commit: the broken commit did not land ({commits} commits)")


def shell():
    d, env = workspace("learning")
    for line in snippet("shell").strip().splitlines():
        r = run(["bash", "-c", line], d, env)
        check(r.returncode == 0, f"shell: {line} -> exit {r.returncode} {r.stderr[-300:]}")
    check((d / "progress.md").read_text().startswith("# Progress report"), "shell: progress.md")
    d, env = workspace("broken")
    r = run(["bash", "-c", snippet("shell").strip().splitlines()[0]], d, env)
    check(r.returncode == 1, f"shell: the broken example fails the first line (exit {r.returncode})")


for name, test in (("github", github), ("gitlab", gitlab), ("shell", shell),
                   ("pre-commit", pre_commit)):
    print(f"-- {name}")
    test()
print(f"{'FAILED' if failures else 'passed'}: {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
