#!/usr/bin/env bash
# Every sabotage patch still applies to the tree (git apply --check), so a
# change that moves the code a patch breaks fails now, not on the day CI's
# --by-date run picks that patch. Usage: sabotage_patches_apply.sh SOURCE_DIR
set -euo pipefail
cd "${1:?usage: sabotage_patches_apply.sh SOURCE_DIR}"
failed=0
for patch in tests/sabotage/*.patch; do
  if ! git apply --check "$patch" 2>/dev/null; then
    echo "$patch no longer applies: remake it (tests/sabotage/README.md)" >&2
    failed=1
  fi
done
exit "$failed"
