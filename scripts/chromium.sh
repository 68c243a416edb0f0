# Sourced by test.sh: Debian's Chromium for the browser tests, installed when missing (needs root).
#   chromium_find    sets chromium_bin; returns non-zero when it is missing and cannot be installed

chromium_find() {
  chromium_bin=$(command -v chromium || true)
  if [ -z "$chromium_bin" ]; then
    printf '[%s] %s\n' "$(basename "$0")" "Chromium not found; installing Debian's chromium package" >&2
    if [ "$(id -u)" -ne 0 ]; then
      printf '[%s] %s\n' "$(basename "$0")" "installing needs root: run 'sudo apt-get install -y chromium' once" >&2
      return 2
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
      || { printf '[%s] %s\n' "$(basename "$0")" "could not install chromium" >&2; return 2; }
    chromium_bin=$(command -v chromium)
  fi
}
