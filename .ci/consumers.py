#!/usr/bin/env python3
"""The consumer matrix and its SARIF check (gates 'consumers' and 'sarif' of .ci/run).

  consumers.py build --feed DIR --version V --work DIR [NAME ...]
      Copies .ci/consumers/ to WORK/consumers, points it at the folder feed, and for each project of
      consumers/matrix.json (or the NAMEs given), one after the other: `dotnet add package` where asked,
      builds (restoring) with -p:ErrorLog=WORK/sarif/NAME.sarif,version=2.1 and requires exactly the expected
      Gatekeeper warnings/errors, then builds with -warnaserror and requires it to fail on exactly those
      (and on nothing else), or to pass when nothing is expected.
  consumers.py sarif --work DIR --repo ROOT
      Reads the SARIF logs the build wrote: every expected result is there with its level, and every
      Gatekeeper rule in a log has metadata: title and category as in README.md's rules table, and a
      help URI to docs/rules/ID.md (which exists).
Exit code 0 when everything holds, 1 otherwise.
"""
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MATRIX = os.path.join(HERE, "consumers", "matrix.json")
DOCS_URL = "https://github.com/gatekeeper-analyzers/gatekeeper/blob/main/docs/rules"
DIAGNOSTIC = re.compile(r"^\s*(?:(.+?)\((\d+),\d+(?:,\d+,\d+)?\)|[^:(]*?CSC|[^:(]*?\.csproj)\s*:\s*(warning|error) (GK\d{4}):", re.MULTILINE)
OTHER_ERROR = re.compile(r":\s*error ([A-Z]+\d+):(.*)$", re.MULTILINE)


def load_matrix(names):
    projects = json.load(open(MATRIX, encoding="utf-8"))["projects"]
    unknown = set(names) - {p["name"] for p in projects}
    if unknown:
        sys.exit(f"unknown consumer project(s): {sorted(unknown)}")
    return [p for p in projects if not names or p["name"] in names]


def expected_of(project):
    """{(level, rule, file, line)} from 'level rule file:line' entries."""
    result = set()
    for entry in project["expect"]:
        level, rule, place = entry.split()
        file, line = place.rsplit(":", 1)
        if level not in ("error", "warning", "note"):
            sys.exit(f"{project['name']}: bad level in {entry!r}")
        result.add((level, rule, file, int(line)))
    return result


def show(items):
    return "\n".join(f"    {level} {rule} {file}:{line}" for level, rule, file, line in sorted(items)) or "    (none)"


def run(args, cwd, log_path):
    with open(log_path, "w", encoding="utf-8") as log:
        return subprocess.run(args, cwd=cwd, stdout=log, stderr=subprocess.STDOUT).returncode


def reported(log_path, levels=("warning", "error")):
    text = open(log_path, encoding="utf-8", errors="replace").read()
    found = set()
    for path, line, level, rule in DIAGNOSTIC.findall(text):
        if level in levels:
            found.add((level, rule, os.path.basename(path.strip()) if path else "<no location>", int(line) if line else 0))
    return found


def global_packages():
    out = subprocess.run(["dotnet", "nuget", "locals", "global-packages", "--list"], capture_output=True, text=True).stdout
    return out.strip().split("global-packages:", 1)[-1].strip()


def build(feed, version, work, names):
    projects = load_matrix(names)
    root = os.path.join(work, "consumers")
    sarif = os.path.join(work, "sarif")
    logs = os.path.join(work, "consumer-logs")
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(os.path.join(HERE, "consumers"), root)
    os.makedirs(sarif, exist_ok=True)
    os.makedirs(logs, exist_ok=True)
    with open(os.path.join(root, "nuget.config"), "w", encoding="utf-8") as config:
        config.write(f"""<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="gatekeeper-ci" value="{feed}" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
""")
    # NuGet keeps Gatekeeper.Analyzers/<version> in the global packages folder: drop it, or a re-run
    # would test the package of an earlier run.
    shutil.rmtree(os.path.join(global_packages(), "gatekeeper.analyzers", version.lower()), ignore_errors=True)

    version_property = f"-p:GatekeeperPackageVersion={version}"
    failures = []
    for project in projects:
        name = project["name"]
        folder = os.path.join(root, name)
        expected = expected_of(project)
        shown = {e for e in expected if e[0] != "note"}
        print(f"--- {name}: {project.get('about', '')}")
        problems = []

        if project.get("add_package"):
            status = run(["dotnet", "add", "package", "Gatekeeper.Analyzers", "--version", version], folder, os.path.join(logs, f"{name}-add.log"))
            csproj = next(f for f in os.listdir(folder) if f.endswith(".csproj"))
            if status != 0:
                problems.append(f"dotnet add package failed (see {name}-add.log)")
            elif "<PrivateAssets>all</PrivateAssets>" not in open(os.path.join(folder, csproj), encoding="utf-8").read():
                problems.append("dotnet add package did not mark Gatekeeper.Analyzers as a development dependency (PrivateAssets=all)")

        if not problems:
            # The first build restores (the package comes from the feed), the second reuses that restore.
            log = os.path.join(logs, f"{name}-build.log")
            error_log = os.path.join(sarif, f"{name}.sarif").replace("\\", "/")
            status = run(["dotnet", "build", version_property, f"-p:ErrorLog={error_log}%2Cversion=2.1"], folder, log)
            actual = reported(log)
            if actual != shown:
                problems.append(f"dotnet build reported\n{show(actual)}\n  expected\n{show(shown)}")
                if status != 0:
                    problems.append("the build log ends with:\n" + open(log, encoding="utf-8", errors="replace").read()[-3000:])
            for rule in project.get("absent", []):
                if any(a[1] == rule for a in actual):
                    problems.append(f"{rule} is reported although it must be absent")
            must_fail = any(e[0] == "error" for e in shown)
            if (status != 0) != must_fail:
                problems.append(f"dotnet build {'succeeded' if status == 0 else 'failed'}, expected it to {'fail' if must_fail else 'succeed'}")
            if status != 0 and not must_fail:
                problems.append(open(log, encoding="utf-8", errors="replace").read()[-4000:])
            else:
                print(f"  dotnet build: {'failed' if status else 'succeeded'}, {len(actual)} Gatekeeper diagnostic(s) as expected" if not problems else "")

            log = os.path.join(logs, f"{name}-warnaserror.log")
            status = run(["dotnet", "build", "--no-restore", "--no-incremental", "-warnaserror", version_property], folder, log)
            as_errors = {("error",) + e[1:] for e in shown}
            actual = reported(log)
            text = open(log, encoding="utf-8", errors="replace").read()
            others = sorted({f"{code}:{message.strip()[:120]}" for code, message in OTHER_ERROR.findall(text) if not code.startswith("GK")})
            if not shown and status != 0:
                problems.append(f"dotnet build -warnaserror failed although nothing is expected:\n{text[-4000:]}")
            elif shown and status == 0:
                problems.append("dotnet build -warnaserror succeeded, but the Gatekeeper warnings should have failed it")
            elif actual != as_errors:
                problems.append(f"dotnet build -warnaserror reported\n{show(actual)}\n  expected\n{show(as_errors)}")
            if others:
                problems.append("dotnet build -warnaserror failed on more than Gatekeeper: " + "; ".join(others))
            if not problems:
                print(f"  dotnet build -warnaserror: {'failed on exactly the expected errors' if shown else 'succeeded'}")

        for problem in problems:
            print("  problem: " + problem.replace("\n", "\n  "))
        if problems:
            failures.append(name)

    print(f"consumer projects: {len(projects) - len(failures)} as expected, {len(failures)} not: {failures}" if failures else f"consumer projects: all {len(projects)} as expected")
    return 1 if failures else 0


def readme_rules(repo):
    rows = {}
    for line in open(os.path.join(repo, "README.md"), encoding="utf-8"):
        match = re.match(r"^\| \[(GK\d{4})\]\(docs/rules/GK\d{4}\.md\) \| (.+?) \| (.+?) \| (.+?) \| (.+?) \|", line)
        if match:
            rows[match.group(1)] = {"title": match.group(2), "category": match.group(3), "severity": match.group(4), "fix": match.group(5)}
    return rows


def sarif(work, repo):
    rules_table = readme_rules(repo)
    problems = []
    checked = 0
    for project in load_matrix([]):
        name = project["name"]
        path = os.path.join(work, "sarif", f"{name}.sarif")
        if not os.path.exists(path):
            problems.append(f"{name}: no SARIF log at {path} (did the consumers gate run?)")
            continue
        log = json.load(open(path, encoding="utf-8-sig"))
        if log.get("version") != "2.1.0":
            problems.append(f"{name}: SARIF version {log.get('version')!r}, expected 2.1.0")
        results, rules = set(), {}
        for run_ in log.get("runs", []):
            for rule in run_.get("tool", {}).get("driver", {}).get("rules", []):
                rules[rule["id"]] = rule
            for result in run_.get("results", []):
                if not result.get("ruleId", "").startswith("GK"):
                    continue
                location = (result.get("locations") or [{}])[0].get("physicalLocation", {})
                uri = location.get("artifactLocation", {}).get("uri", "<no location>")
                line = location.get("region", {}).get("startLine", 0)
                results.add((result.get("level", "warning"), result["ruleId"], uri.rsplit("/", 1)[-1], line))
        expected = expected_of(project)
        if results != expected:
            problems.append(f"{name}: the SARIF log holds\n{show(results)}\n  expected\n{show(expected)}")
        for rule_id in sorted({r[1] for r in results}):
            rule = rules.get(rule_id)
            row = rules_table.get(rule_id)
            if rule is None:
                problems.append(f"{name}: no rule metadata for {rule_id} in the SARIF log")
                continue
            if row is None:
                problems.append(f"{name}: {rule_id} is not in README.md's rules table")
                continue
            help_uri = rule.get("helpUri", "")
            if help_uri != f"{DOCS_URL}/{rule_id}.md":
                problems.append(f"{name}: {rule_id} helpUri is {help_uri!r}, expected {DOCS_URL}/{rule_id}.md")
            if not os.path.exists(os.path.join(repo, "docs", "rules", f"{rule_id}.md")):
                problems.append(f"{name}: {rule_id} helpUri points to docs/rules/{rule_id}.md, which does not exist")
            title = rule.get("shortDescription", {}).get("text")
            if title != row["title"]:
                problems.append(f"{name}: {rule_id} shortDescription is {title!r}, README says {row['title']!r}")
            if not rule.get("fullDescription", {}).get("text"):
                problems.append(f"{name}: {rule_id} has no fullDescription")
            category = rule.get("properties", {}).get("category")
            if category != row["category"]:
                problems.append(f"{name}: {rule_id} category is {category!r}, README says {row['category']!r}")
            checked += 1
        # Every rule of the package is described (not only those reported), at its default level.
        for rule_id, row in sorted(rules_table.items()):
            rule = rules.get(rule_id)
            if rule is None:
                problems.append(f"{name}: the SARIF log describes no rule {rule_id} (README.md lists it)")
                continue
            default = rule.get("defaultConfiguration", {})
            level = "none" if default.get("enabled") is False else default.get("level", "warning")
            expected_level = {"Error": "error", "Warning": "warning", "Info": "note", "Hidden": "none"}.get(row["severity"])
            if level != expected_level:
                problems.append(f"{name}: {rule_id} default level is {level!r}, README says {row['severity']} ({expected_level})")
        print(f"  {name}: {len(results)} Gatekeeper result(s), levels and rule metadata checked")
    for problem in problems:
        print("  problem: " + problem.replace("\n", "\n  "))
    if checked == 0 and not problems:
        problems.append("no Gatekeeper rule was checked")
        print("  problem: no Gatekeeper rule was checked")
    return 1 if problems else 0


def main(argv):
    import argparse
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    build_command = commands.add_parser("build")
    build_command.add_argument("--feed", required=True)
    build_command.add_argument("--version", required=True)
    build_command.add_argument("--work", required=True)
    build_command.add_argument("names", nargs="*")
    sarif_command = commands.add_parser("sarif")
    sarif_command.add_argument("--work", required=True)
    sarif_command.add_argument("--repo", required=True)
    args = parser.parse_args(argv)
    if args.command == "build":
        return build(os.path.abspath(args.feed), args.version, os.path.abspath(args.work), args.names)
    return sarif(os.path.abspath(args.work), os.path.abspath(args.repo))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
