#!/bin/bash
# Builds the Linux packages from an existing build tree, installs the .deb on this machine and
# exercises the installed app, then runs the validators. Run as root on Debian 12 from the
# repository root, after `cmake -S . -B build … && cmake --build build`:
#
#     packaging/ci-package.sh [BUILD_DIR]      (default: build)
#
# Exits non-zero when a package is missing, the installed app fails, or a validator reports
# an error. Lintian warnings fail too; informational tags are printed but do not.
set -euo pipefail

build=${1:-build}
if [[ ! -f $build/CPackConfig.cmake ]]; then
    echo "ci-package: $build/CPackConfig.cmake not found; configure and build first" >&2
    exit 2
fi

step() { printf '\n==> %s\n' "$*"; }
fail() {
    echo "ci-package: FAILED: $*" >&2
    exit 1
}

step "Installing packaging tools"
export DEBIAN_FRONTEND=noninteractive
tools=(desktop-file-utils appstream lintian rpm file xz-utils)
missing=()
for pkg in "${tools[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

step "Building packages (cpack)"
rm -f "$build"/sluice_*.deb "$build"/sluice-*.rpm "$build"/sluice-*.tar.gz
(cd "$build" && cpack -G "DEB;RPM;TGZ")
shopt -s nullglob
debs=("$build"/sluice_*.deb)
rpms=("$build"/sluice-*.rpm)
tgzs=("$build"/sluice-*-linux-*.tar.gz)
shopt -u nullglob
((${#debs[@]} == 1)) || fail "expected one .deb in $build, found ${#debs[@]}"
((${#rpms[@]} == 1)) || fail "expected one .rpm in $build, found ${#rpms[@]}"
((${#tgzs[@]} == 1)) || fail "expected one .tar.gz in $build, found ${#tgzs[@]}"
deb=${debs[0]}
version=$(dpkg-deb -f "$deb" Version)
ls -l "$deb" "${rpms[0]}" "${tgzs[0]}"

step "Checking the .rpm and the .tar.gz"
# Listings are read whole first: `grep -q` closing a pipe early would fail under pipefail.
rpm_requires=$(rpm -qp --requires "${rpms[0]}")
rpm_files=$(rpm -qpl "${rpms[0]}")
tgz_files=$(tar -tzf "${tgzs[0]}")
grep -q '^libQt6Core\.so\.6' <<<"$rpm_requires" ||
    fail "the .rpm has no automatic requirement on libQt6Core"
grep -qx /usr/bin/sluice <<<"$rpm_files" || fail "the .rpm has no /usr/bin/sluice"
grep -q '/bin/sluice$' <<<"$tgz_files" || fail "the .tar.gz has no bin/sluice"
echo "rpm requires $(grep -c . <<<"$rpm_requires") capabilities; .rpm and .tar.gz hold bin/sluice"

step "Installing $deb"
# apt needs a path with a slash to treat the argument as a file; it resolves Depends.
apt-get install -y -qq "$(realpath "$deb")" >/dev/null
dpkg-query -W -f='${Package} ${Version} ${Status}\n' sluice
[[ -x /usr/bin/sluice ]] || fail "/usr/bin/sluice is not installed"

step "Running the installed sluice --version"
out=$(/usr/bin/sluice --version) || fail "sluice --version exited with $?"
echo "$out"
[[ $out == *"$version"* ]] || fail "sluice --version printed '$out', expected version $version"

step "Starting the installed window offscreen"
# The window must still be running after two seconds (then `timeout` stops it: status 124).
# An earlier exit, a crash (status > 128) or a Qt fatal message fails the check.
log=$(mktemp)
set +e
QT_QPA_PLATFORM=offscreen SLUICE_DATA_DIR=$(mktemp -d) HOME=$(mktemp -d) XDG_RUNTIME_DIR=$(mktemp -d) \
    timeout --signal=TERM --kill-after=5 2 /usr/bin/sluice >"$log" 2>&1
status=$?
set -e
cat "$log"
if ((status != 124)); then
    fail "the window exited with status $status before it was closed"
fi
if grep -qiE 'qt\.qpa.*(could not|failed)|fatal|segmentation|aborted' "$log"; then
    fail "the window logged a fatal error"
fi
echo "window ran until closed (status $status)"

step "Validating the installed desktop file"
desktop-file-validate /usr/share/applications/io.github.sluice.Sluice.desktop
echo "desktop-file-validate: ok"

step "Validating the installed AppStream metainfo"
appstreamcli validate --no-net /usr/share/metainfo/io.github.sluice.Sluice.metainfo.xml

step "Checking the other installed files"
for f in /usr/share/man/man1/sluice.1.gz \
    /usr/share/bash-completion/completions/sluice \
    /usr/share/icons/hicolor/scalable/apps/io.github.sluice.Sluice.svg \
    /usr/share/icons/hicolor/{16x16,22x22,24x24,32x32,48x48,64x64,128x128,256x256,512x512}/apps/io.github.sluice.Sluice.png \
    /usr/share/sluice/translations/sluice_de.qm \
    /usr/share/doc/sluice/copyright; do
    [[ -s $f ]] || fail "$f is missing"
done
[[ $(zcat /usr/share/man/man1/sluice.1.gz | head -n 5) == *".TH SLUICE 1"* ]] ||
    fail "the man page is not a man page"
bash -n /usr/share/bash-completion/completions/sluice || fail "the bash completion has a syntax error"
echo "man page, completion, icons, translations, copyright: ok"

step "lintian"
# Errors and warnings fail; info/pedantic tags are shown for reference.
lintian --allow-root --fail-on error,warning --display-info "$deb"
echo "lintian: no errors or warnings"

printf '\nci-package: all checks passed for sluice %s\n' "$version"
