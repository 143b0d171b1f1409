#!/usr/bin/env python3
"""Checks the shape of generator/: stage folders, include direction, no cycles.

Reads the stage libraries and what each may use from generator/CMakeLists.txt
(the sourced_stage(NAME DEPENDS ...) lines), then every #include "..." under
generator/, and fails (exit 1, one line per problem) when
  - a file includes a header of a stage its own stage does not depend on,
  - the stage dependencies form a cycle,
  - the modules (foo.h + foo.cpp) form an include cycle,
  - a header is in no stage folder, or two folders hold a header of one name.
Usage: check_includes.py [GENERATOR_DIR]
"""
import os
import re
import sys


def stages(generator):
    text = open(os.path.join(generator, "CMakeLists.txt")).read()
    deps = {}
    for m in re.finditer(r"^sourced_stage\((\w+)([^)]*)\)", text, re.M):
        words = m.group(2).split()
        listed, mode = [], None
        for w in words:
            if w in ("DEPENDS", "PACKAGES", "EXCLUDE"):
                mode = w
            elif mode == "DEPENDS":
                listed.append(w)
        deps[m.group(1)] = listed
    return deps


def find_cycle(graph):
    """A list of nodes forming a cycle, or None. Iterative DFS, deterministic order."""
    state = {}
    for root in sorted(graph):
        if root in state:
            continue
        stack = [(root, iter(sorted(graph.get(root, ()))))]
        path = [root]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            if state.get(child) == 1:
                return path[path.index(child):] + [child]
            if child not in state:
                state[child] = 1
                path.append(child)
                stack.append((child, iter(sorted(graph.get(child, ())))))
    return None


def closure(deps, stage):
    seen, todo = set(), list(deps.get(stage, ()))
    while todo:
        d = todo.pop()
        if d not in seen:
            seen.add(d)
            todo.extend(deps.get(d, ()))
    return seen


def main():
    generator = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "generator")
    deps = stages(generator)
    problems = []
    if not deps:
        problems.append("no sourced_stage(...) declarations in generator/CMakeLists.txt")
    for stage, listed in deps.items():
        for d in listed:
            if d not in deps:
                problems.append(f"stage {stage} depends on unknown stage {d}")
    cycle = find_cycle(deps)
    if cycle:
        problems.append("stage dependency cycle: " + " -> ".join(cycle))

    folder_of = {}  # header file name -> stage folder
    files = []
    for entry in sorted(os.listdir(generator)):
        folder = os.path.join(generator, entry)
        if not os.path.isdir(folder):
            if entry.endswith((".h", ".cpp")):
                problems.append(f"generator/{entry}: not in a stage folder")
            continue
        if entry not in deps:
            problems.append(f"generator/{entry}/: folder is not a stage in generator/CMakeLists.txt")
        for name in sorted(os.listdir(folder)):
            if name.endswith(".h"):
                if name in folder_of:
                    problems.append(f"generator/{entry}/{name}: also in generator/{folder_of[name]}/")
                folder_of[name] = entry
            if name.endswith((".h", ".cpp")):
                files.append((entry, name))

    modules = {}  # module name -> modules it includes
    for stage, name in files:
        module = os.path.splitext(name)[0]
        edges = modules.setdefault(module, set())
        path = os.path.join(generator, stage, name)
        for number, line in enumerate(open(path, encoding="utf-8"), 1):
            m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
            if not m:
                continue
            header = os.path.basename(m.group(1))
            target = folder_of.get(header)
            if target is None:
                problems.append(f"generator/{stage}/{name}:{number}: includes {m.group(1)}, which no stage folder has")
                continue
            if target != stage and target not in closure(deps, stage):
                problems.append(f"generator/{stage}/{name}:{number}: includes {header} from {target}/, "
                                f"which stage {stage} does not depend on")
            included = os.path.splitext(header)[0]
            if included != module:
                edges.add(included)
    cycle = find_cycle(modules)
    if cycle:
        problems.append("module include cycle: " + " -> ".join(cycle))

    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"{len(deps)} stages, {len(modules)} modules, {len(files)} files: includes follow the stages, no cycle")
    return 0


if __name__ == "__main__":
    sys.exit(main())
