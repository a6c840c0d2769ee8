#!/usr/bin/env python3
"""The 'format' gate of .ci/run: `dotnet format analyzers` applies every Gatekeeper code fix to a copy of
the sample, installed from the packed nupkg.

  format_sample.py --feed DIR --version V --work DIR --repo ROOT

Copies samples/ to WORK/format-sample, swaps its Directory.Build.props (Gatekeeper from source) for one that
installs Gatekeeper.Analyzers V from the folder feed, restores, runs
  dotnet format analyzers Samples.sln --diagnostics <every rule with a code fix> --severity info
and then builds the copy: it must compile (no compiler error), report no diagnostic of a fixable rule, and
every file that promised a fixable diagnostic (a '// GKxxxx:' comment) must have changed. The rules with a
fix are read from README.md's rules table (tests/Gatekeeper.Tests/Documentation keeps it in step with the
fixers). Exit code 0 when all of that holds.
"""
import argparse
import filecmp
import os
import re
import shutil
import subprocess
import sys

DIAGNOSTIC = re.compile(r"^\s*(.+?)\((\d+),\d+\): (warning|error) ([A-Z]+\d+):", re.MULTILINE)


def fixable_rules(repo):
    rules = []
    for line in open(os.path.join(repo, "README.md"), encoding="utf-8"):
        match = re.match(r"^\| \[(GK\d{4})\]\(docs/rules/GK\d{4}\.md\) \|.*\| (Yes|No) \|\s*$", line)
        if match and match.group(2) == "Yes":
            rules.append(match.group(1))
    return rules


def run(args, cwd, log_path):
    print("  $ " + " ".join(args))
    with open(log_path, "w", encoding="utf-8") as log:
        return subprocess.run(args, cwd=cwd, stdout=log, stderr=subprocess.STDOUT).returncode


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feed", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--repo", required=True)
    args = parser.parse_args(argv)
    repo, work = os.path.abspath(args.repo), os.path.abspath(args.work)

    rules = fixable_rules(repo)
    if not rules:
        sys.exit("README.md's rules table lists no rule with a code fix")
    print(f"rules with a code fix: {' '.join(rules)}")

    copy = os.path.join(work, "format-sample")
    original = os.path.join(work, "format-sample-before")
    for folder in (copy, original):
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(os.path.join(repo, "samples"), folder, ignore=shutil.ignore_patterns("bin", "obj"))

    # The promised fixable diagnostics, per file.
    promised = {}
    for folder, _, files in os.walk(copy):
        for name in files:
            if name.endswith(".cs"):
                path = os.path.join(folder, name)
                for line in open(path, encoding="utf-8"):
                    for rule in re.findall(r"^\s*[^/\s].*?//\s*(GK\d{4}):", line):
                        if rule in rules:
                            promised.setdefault(os.path.relpath(path, copy), set()).add(rule)
    if not promised:
        sys.exit("the sample promises no fixable diagnostic: the gate would prove nothing")

    # Gatekeeper from the package instead of from source; everything else as the sample has it.
    props = open(os.path.join(repo, "samples", "Directory.Build.props"), encoding="utf-8").read()
    props, count = re.subn(r"\s*<ItemGroup>\s*<!--.*?-->\s*(<ProjectReference [^>]*Gatekeeper[^>]*/>\s*)+</ItemGroup>",
                           f'\n  <ItemGroup>\n    <PackageReference Include="Gatekeeper.Analyzers" Version="{args.version}" PrivateAssets="all" />\n  </ItemGroup>',
                           props, flags=re.DOTALL)
    if count != 1:
        sys.exit("could not find the Gatekeeper ProjectReferences in samples/Directory.Build.props")
    open(os.path.join(copy, "Directory.Build.props"), "w", encoding="utf-8").write(props)
    with open(os.path.join(copy, "nuget.config"), "w", encoding="utf-8") as config:
        config.write(f"""<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="gatekeeper-ci" value="{os.path.abspath(args.feed)}" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
""")

    problems = []
    if run(["dotnet", "restore", "Samples.sln"], copy, os.path.join(work, "format-restore.log")) != 0:
        print(open(os.path.join(work, "format-restore.log"), encoding="utf-8", errors="replace").read())
        return 1
    status = run(["dotnet", "format", "analyzers", "Samples.sln", "--no-restore", "--severity", "info", "--diagnostics", *rules, "--verbosity", "normal"],
                 copy, os.path.join(work, "format.log"))
    format_log = open(os.path.join(work, "format.log"), encoding="utf-8", errors="replace").read()
    if status != 0:
        problems.append(f"dotnet format exited with {status}:\n{format_log[-4000:]}")

    changed = set()
    for relative in promised:
        if not filecmp.cmp(os.path.join(copy, relative), os.path.join(original, relative), shallow=False):
            changed.add(relative)
    for relative in sorted(promised):
        state = "fixed" if relative in changed else "NOT CHANGED"
        print(f"  {relative}: {', '.join(sorted(promised[relative]))} promised, {state}")
        if relative not in changed:
            problems.append(f"{relative} promises {', '.join(sorted(promised[relative]))} but dotnet format did not change it")

    build_log = os.path.join(work, "format-build.log")
    status = run(["dotnet", "build", "Samples.sln", "--no-restore"], copy, build_log)
    text = open(build_log, encoding="utf-8", errors="replace").read()
    found = sorted({(os.path.relpath(path.strip(), copy) if os.path.isabs(path.strip()) else path.strip(), int(line), level, code)
                    for path, line, level, code in DIAGNOSTIC.findall(text)})
    errors = [d for d in found if d[2] == "error"]
    left = [d for d in found if d[3] in rules]
    remaining = sorted({d[3] for d in found if d[3].startswith("GK")})
    if status != 0 or errors:
        problems.append("the fixed sample does not build:\n" + "\n".join(f"    {p}({l}): {lv} {c}" for p, l, lv, c in errors) + ("" if errors else text[-4000:]))
    if left:
        problems.append("fixable diagnostics are left:\n" + "\n".join(f"    {p}({l}): {lv} {c}" for p, l, lv, c in left))
    print(f"  after dotnet format: build {'succeeded' if status == 0 else 'FAILED'}, Gatekeeper rules still reported: {' '.join(remaining) or 'none'} (rules without a fix may remain)")

    for problem in problems:
        print("  problem: " + problem.replace("\n", "\n  "))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
