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


def action_env(example):
    """A workspace and the environment GitHub gives the action's script, default inputs."""
    d, env = workspace(example)
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    env.update(GITHUB_ACTION_PATH=str(ROOT), GITHUB_STEP_SUMMARY=str(d / "summary.md"),
               RUNNER_TEMP=str(d), GITHUB_WORKSPACE=str(d), GOALC=str(GOALC), INPUT_AS_OF=AS_OF)
    for name, spec in action["inputs"].items():
        if name != "as-of":
            default = str(spec.get("default", ""))
            # an expression (`since`'s pull-request base) is empty outside a pull request
            env["INPUT_" + name.upper().replace("-", "_")] = "" if "${{" in default else default
    return d, env


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
        # the report opens with the plan's title, then its period and as-of line
        check(re.search(r"\n# [^\n]+\n\n[^\n]*as of \*\*", text) is not None,
              f"github {example}: the Markdown report in the job summary")
        check("```mermaid" in text, f"github {example}: the summary has the alignment diagram")
        if example == "broken":
            errors = sum(1 for l in annotations if l.startswith("::error "))
            warnings = sum(1 for l in annotations if l.startswith("::warning "))
            hidden = max(0, errors - 10) + max(0, warnings - 10)
            check(f"| error | {errors} |" in text and f"| warning | {warnings} |" in text,
                  f"github broken: the summary counts {errors} errors and {warnings} warnings")
            check(hidden > 0 and f"{hidden} more findings not shown as annotations" in text,
                  f"github broken: the summary says what GitHub's cap of 10 hides ({hidden}) {text[:400]}")

    # several paths, one per line: every one is checked (the second holds the errors)
    d, env = action_env("broken")
    env["INPUT_PATHS"] = "plans/org.plan.toml\n  plans/team.plan.toml  \n\n"
    r = run(["bash", str(ROOT / "scripts/github-action.sh")], d, env)
    files = {m.group(1) for m in re.finditer(r"^::\w+ file=([^,]+),", r.stdout, re.M)}
    check(r.returncode == 1 and files == {"plans/team.plan.toml"},
          f"github: multi-line paths are each checked (exit {r.returncode}, {sorted(files)})")
    # ... and a path with a space, on its own line
    (d / "plans").rename(d / "my plans")
    env["INPUT_PATHS"] = "my plans/org.plan.toml\nmy plans/team.plan.toml"
    r = run(["bash", str(ROOT / "scripts/github-action.sh")], d, env)
    check(r.returncode == 1 and "file=my plans/team.plan.toml" in r.stdout,
          f"github: a path with a space on its own line {r.stdout[-300:]}{r.stderr[-300:]}")
    # space-separated, as before
    d, env = action_env("broken")
    env["INPUT_PATHS"] = "plans/org.plan.toml plans/team.plan.toml"
    r = run(["bash", str(ROOT / "scripts/github-action.sh")], d, env)
    check(r.returncode == 1 and "file=plans/team.plan.toml" in r.stdout,
          "github: space-separated paths are each checked")

    # a workspace whose whole Markdown report is over 1 MiB: goalc leaves goals out and the
    # summary holds the report as goalc wrote it, under GitHub's 1 MiB, with no size check of
    # the action's own
    d, env = action_env("learning")
    shutil.rmtree(d / "plans")
    (d / "plans").mkdir()
    lines = ['[plan]\ntitle = "Large"\nowner = "ada"\nstart = 2026-01-01\nend = 2026-12-31\n',
             '[people.ada]\nname = "Ada"\nteam = "core"\n']
    for i in range(6000):
        lines.append(f'[goals.g{i}]\ntitle = "Raise the share of {i} long-titled widgets shipped to 90 %"\n'
                     f'owner = "ada"\n[goals.g{i}.metrics.m]\ntitle = "Widgets shipped {i}"\n'
                     f'unit = "%"\nbaseline = 10\ntarget = 90\n'
                     f'checkins = [{{ date = 2026-03-01, value = 40 }}]\n')
    (d / "plans" / "large.plan.toml").write_text("\n".join(lines))
    r = run(["bash", str(ROOT / "scripts/github-action.sh")], d, env)
    text = (d / "summary.md").read_text()
    size = len(text.encode())
    check("GOALC_SUMMARY_LIMIT" not in (ROOT / "scripts/github-action.sh").read_text()
          and size < 1024 * 1024 and "## goalc check" in text and "leaves out" in text
          and "--site DIR" in text,
          f"github: a report over 1 MiB arrives whole and under it ({size} bytes) {text[:600]}")

    # the release binary for the runner is used when the version has one: nothing is compiled
    d, env = action_env("learning")
    del env["GOALC"]
    version = re.search(r'^version = "(.*)"$', (ROOT / "Cargo.toml").read_text(), re.M).group(1)
    releases = d / "releases"
    target = "x86_64-unknown-linux-musl"
    pkg = releases / "stage" / f"goalc-{target}"
    pkg.mkdir(parents=True)
    shutil.copy(GOALC, pkg / "goalc")
    (releases / f"v{version}").mkdir()
    subprocess.run(["tar", "-czf", str(releases / f"v{version}" / f"goalc-{target}.tar.gz"),
                    "-C", str(releases / "stage"), f"goalc-{target}"], check=True)
    env.update(GOALC_RELEASES=f"file://{releases}", GOALC_ACTION_ROOT=str(d / "cache"),
               RUNNER_OS="Linux", RUNNER_ARCH="X64", PATH="/usr/bin:/bin")
    r = run(["bash", str(ROOT / "scripts/github-action.sh")], d, env)
    check(r.returncode == 0 and f"the release binary for {target}" in r.stdout
          and (d / "cache" / "bin" / "goalc").exists() and "Compiling" not in r.stdout,
          f"github: the release binary is used {r.stdout[-400:]}{r.stderr[-400:]}")
    # ... and the next run takes it from the cache folder
    r = run(["bash", str(ROOT / "scripts/github-action.sh")], d, env)
    check(r.returncode == 0 and "release binary" not in r.stdout, "github: the cached binary is reused")

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
    # goalc-system: the goalc on PATH, nothing built
    bin_dir = Path(tempfile.mkdtemp(prefix="goalc-system-bin-"))
    (bin_dir / "goalc").symlink_to(GOALC)
    system_env = dict(env, PATH=f"{bin_dir}:{os.environ['PATH']}")
    r = run([*pc, "try-repo", str(ROOT), "goalc-system"], repo, system_env)
    check(r.returncode == 1 and "unknown-reference" in r.stdout and "erp-ready-workforse" in r.stdout,
          f"pre-commit goalc-system: a broken plan fails with the diagnostic {r.stdout[-800:]}")
    plan = repo / "teams" / "learning.plan.toml"
    plan.write_text(plan.read_text().replace("erp-ready-workforse", "erp-ready-workforce"))
    git(repo, "add", "-A")
    r = run([*pc, "try-repo", str(ROOT), "goalc-system", "--all-files"], repo, system_env)
    check(r.returncode == 0, f"pre-commit goalc-system: a clean workspace passes {r.stdout[-800:]}")
    r = run([*pc, "try-repo", str(ROOT), "goalc-system"], repo, dict(env, PATH="/usr/bin:/bin"))
    check(r.returncode != 0 and "goalc" in r.stdout,
          f"pre-commit goalc-system: without goalc on PATH the hook fails {r.stdout[-300:]}")

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
    progress = (d / "progress.md").read_text()
    check(re.match(r"# [^\n]+\n\n[^\n]*as of \*\*", progress) is not None,
          f"shell: progress.md ({progress[:80]!r})")
    d, env = workspace("broken")
    r = run(["bash", "-c", snippet("shell").strip().splitlines()[0]], d, env)
    check(r.returncode == 1, f"shell: the broken example fails the first line (exit {r.returncode})")


for name, test in (("github", github), ("gitlab", gitlab), ("shell", shell),
                   ("pre-commit", pre_commit)):
    print(f"-- {name}")
    test()
print(f"{'FAILED' if failures else 'passed'}: {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
