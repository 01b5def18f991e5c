#!/bin/sh
# The print engine of the test printer: ippeveprinter runs this once per document
# (`ippeveprinter -c eve-engine.sh`, argv[1] = the spooled file). It stands in for the paper path of
# a real printer and reports to ippeveprinter the way a real engine reports to its controller:
#   "STATE: +media-empty" / "STATE: -media-empty"  → the device's printer-state-reasons
#   "ATTR: job-impressions=N", "ATTR: job-impressions-completed=i" → the device's page counters
# Faults are driven from the control folder $MADOGUCHI_PRINTER_DIR (written by tests/helpers/printers.ts):
#   fault    — a printer-state-reasons keyword (media-empty, media-jam, cover-open …). While the file
#              exists the engine stops before the next sheet, exactly as a printer out of paper does.
#   page-ms  — milliseconds per sheet (a slow printer).
#   uri      — the printer's own IPP URI: at each sheet boundary (its stop point) the engine asks
#              whether its job was cancelled and, if so, stops feeding paper, like a real engine.
# Every finished sheet is counted in $DIR/impressions-total; the document lands in $DIR/out/.
set -u
DIR="${MADOGUCHI_PRINTER_DIR:?MADOGUCHI_PRINTER_DIR is not set}"
FILE="$1"
mkdir -p "$DIR/out"

pages=$(pdfinfo "$FILE" 2>/dev/null | awk '/^Pages:/ { print $2 }')
[ -n "$pages" ] || pages=1
copies="${IPP_COPIES:-1}"
total=$((pages * copies))
echo "ATTR: job-impressions=$total" >&2

page_ms=0
[ -f "$DIR/page-ms" ] && page_ms=$(cat "$DIR/page-ms")
sleep_s=$(awk -v ms="$page_ms" 'BEGIN { printf "%.3f", ms / 1000 }')

HERE=$(dirname "$0")
JOB_ID=$(basename "$FILE" | cut -d- -f1)
cancelled() {
  [ -f "$DIR/uri" ] || return 1
  ipptool -q -d job_id="$JOB_ID" "$(cat "$DIR/uri")" "$HERE/stop-point.test" 2>/dev/null
}

i=0
while [ "$i" -lt "$total" ]; do
  if [ -f "$DIR/fault" ]; then
    reason=$(cat "$DIR/fault")
    echo "STATE: +$reason" >&2
    echo "INFO: stopped: $reason" >&2
    n=0
    while [ -f "$DIR/fault" ]; do
      sleep 0.05
      n=$((n + 1))
      # Check for a cancel every ~0.25 s, not every tick: ipptool is a process start.
      if [ $((n % 5)) -eq 0 ] && cancelled; then echo "STATE: -$reason" >&2; exit 0; fi
    done
    echo "STATE: -$reason" >&2
  fi
  if cancelled; then exit 0; fi
  [ "$page_ms" -gt 0 ] && sleep "$sleep_s"
  i=$((i + 1))
  echo "ATTR: job-impressions-completed=$i" >&2
  # The device's lifetime counter (printer-impressions-completed of a real engine).
  n=0
  [ -f "$DIR/impressions-total" ] && n=$(cat "$DIR/impressions-total")
  echo $((n + 1)) > "$DIR/impressions-total"
done
cp "$FILE" "$DIR/out/$(basename "$FILE")"
exit 0
