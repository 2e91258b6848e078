#!/usr/bin/env sh
# Lints every PHP file under infra/ (php -l) and runs the pure-PHP tests of the ops API plugin.
# Exits non-zero on the first failure. Called by .ci/run (which installs php-cli when php is missing).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
infra=$(cd "$here/../.." && pwd)
if ! command -v php >/dev/null 2>&1; then
  echo "php is not installed (apt-get install -y php-cli)" >&2
  exit 2
fi
status=0
files=$(find "$infra" -name '*.php' -type f | sort)
for f in $files; do
  if ! out=$(php -l "$f" 2>&1); then
    echo "$out" >&2
    status=1
  fi
done
[ "$status" -eq 0 ] || { echo "php -l failed" >&2; exit 1; }
echo "php -l: $(echo "$files" | wc -l | tr -d ' ') files OK"
for t in "$here"/*-test.php; do
  php "$t"
done
