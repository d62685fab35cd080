#!/bin/sh
# Builds the same generated course with Pacer and with a minimal Hugo site,
# side by side in one run, and prints the ratio (SPEC 10; BENCHMARKS.md).
# It also times leastwork, the floor: the Hugo site's pages read, decoded,
# rendered with goldmark and written, nothing more; and leastwork+s, the
# floor that also writes the student pages of one Pacer build made before
# the runs, copied as they are (what writing them costs, with no work to
# make them).
#
#   scripts/bench-hugo.sh [ACTIVITIES [STUDENTS [RUNS [SHAPE]]]]   default 5000 1000 5 default
#
# SHAPE is a course shape of gencourse (default, few, wide, long; see
# BENCHMARKS.md). Courses are generated once into $BENCH_DIR (default
# $TMPDIR/pacer-bench-hugo) and reused.
#
# Hugo v0.165.0 is installed with `go install` when it is not on PATH or in
# $(go env GOPATH)/bin (v0.165.0 is the newest release that builds with
# Go 1.26; installing takes a few minutes). Set HUGO to use another binary.
set -eu
cd "$(dirname "$0")/.."
activities=${1:-5000}
students=${2:-1000}
runs=${3:-5}
shape=${4:-default}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/pacer-bench-hugo}

hugo=${HUGO:-}
if [ -z "$hugo" ]; then
	gobin=$(go env GOBIN)
	[ -n "$gobin" ] || gobin=$(go env GOPATH)/bin
	if [ -x "$gobin/hugo" ]; then
		hugo=$gobin/hugo
	elif command -v hugo >/dev/null 2>&1; then
		hugo=$(command -v hugo)
	else
		echo "installing Hugo v0.165.0 (a few minutes)..." >&2
		GOTOOLCHAIN=local go install github.com/gohugoio/hugo@v0.165.0
		hugo=$gobin/hugo
	fi
fi
"$hugo" version >&2

mkdir -p "$work/bin"
go build -o "$work/bin/pacer" ./cmd/pacer
go build -o "$work/bin/sidebyside" ./engine/internal/gencourse/cmd/sidebyside
go build -o "$work/bin/leastwork" ./engine/internal/gencourse/cmd/leastwork

go build -o "$work/bin/gencourse" ./engine/internal/gencourse/cmd/gencourse

# The default shape keeps the folder names of earlier runs.
prefix=
[ "$shape" = default ] || prefix=$shape-
site=$work/${prefix}pacer-$activities-$students
hsite=$work/${prefix}hugo-$activities
[ -f "$site/.generated" ] || { rm -rf "$site"; "$work/bin/gencourse" -shape "$shape" -activities "$activities" -students "$students" -pacer "$site" && touch "$site/.generated"; }
[ -f "$hsite/.generated" ] || { rm -rf "$hsite"; "$work/bin/gencourse" -shape "$shape" -activities "$activities" -hugo "$hsite" && touch "$hsite/.generated"; }

pages=$(find "$hsite/content" -name '*.md' | wc -l)
echo "shape $shape: same $pages activity and competency pages; Pacer also renders $students student pages, unit pages and the home page" >&2
echo "machine: $(nproc) cores, $(uname -sr), $(go version | cut -d' ' -f3)" >&2
spages=$work/${prefix}students-$activities-$students
rm -rf "$spages"
PACER_SECRET=bench-secret "$work/bin/pacer" build -q -s "$site" -o "$spages.build" >/dev/null 2>&1
mkdir "$spages" && mv "$spages.build/s" "$spages/s" && rm -rf "$spages.build"
echo "student pages: $(find "$spages" -type f | wc -l) files, $(du -sb --apparent-size "$spages" | cut -f1) bytes" >&2
PACER_SECRET=bench-secret "$work/bin/sidebyside" -runs "$runs" \
	-cmd "pacer=$work/bin/pacer build -q -s $site -o {out}" \
	-cmd "leastwork=$work/bin/leastwork -s $hsite -o {out}" \
	-cmd "leastwork+s=$work/bin/leastwork -s $hsite -o {out} -copy $spages" \
	-cmd "hugo=$hugo --quiet --ignoreCache -s $hsite -d {out}"
