#!/usr/bin/env bash
# The structure docs/architecture.md describes, checked: the floors only include downwards,
# core and session use no widgets, every header is included from the one root (src/), and
# no source file grows past 500 lines. Prints one line per breach and fails if there is any.
set -uo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root/src" || exit 2
status=0
breach() { echo "$1"; status=1; }

# Which folders a floor may include from. Anything else is a breach.
allowed_core='^core/'
allowed_session='^(core|session)/'
allowed_cli='^(core|session|cli)/'
allowed_gui='^(core|session|gui|resources)/'
check_floor() {
    local dir=$1 allowed=$2 file inc
    while IFS=: read -r file _ inc; do
        inc=${inc#*\"}; inc=${inc%%\"*}
        case $inc in ui_*.h|*.moc|moc_*.cpp|sluice_version.h) continue ;; esac
        [[ $inc =~ $allowed ]] || breach "$dir/$file includes \"$inc\", which $dir may not use"
    done < <(cd "$dir" && grep -rn --include='*.cpp' --include='*.h' -E '^\s*#\s*include\s+"' . |
             sed 's|^\./||')
}
check_floor core "$allowed_core"
check_floor session "$allowed_session"
check_floor cli "$allowed_cli"
check_floor gui "$allowed_gui"

# No widgets below the window.
while IFS= read -r hit; do
    breach "$hit: widgets below src/gui"
done < <(grep -rn --include='*.cpp' --include='*.h' -E '#\s*include\s*<(QtWidgets/|QWidget|QApplication|QMainWindow|QDialog|QLabel|QPushButton|QStyle)' core session cli | cut -d: -f1,2)

# Bare includes of our own headers (one include root: "core/net/lineframer.h").
while IFS= read -r file; do
    while IFS= read -r inc; do
        inc=${inc#*\"}; inc=${inc%%\"*}
        case $inc in */*|ui_*.h|*.moc|moc_*.cpp|sluice_version.h) continue ;; esac
        breach "$file includes \"$inc\" by bare name; include it from src/ (\"folder/…/$inc\")"
    done < <(grep -E '^\s*#\s*include\s+"' "$file")
done < <(find . -name '*.cpp' -o -name '*.h' | sed 's|^\./||')

# Files a reader can hold in their head: the program, its tests and its benchmarks.
cd "$root" || exit 2
while read -r lines file; do
    [ "$file" = total ] && continue
    [ "$lines" -gt 500 ] && breach "$file has $lines lines (the limit is 500): split it by what its parts do"
done < <(find src tests bench \( -name '*.cpp' -o -name '*.h' \) -not -path '*/node_modules/*' \
             -exec wc -l {} + | sed 's|\./||')

exit $status
