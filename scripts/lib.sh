# shellcheck shell=bash
# Shared helpers for scripts/setup, scripts/test and scripts/run. Source it, do not run it.
#
# Provides: ACP_ROOT (project root), log/warn/die, step timing (step_begin/step_end),
# as_root (runs a command as root: directly, or through sudo), KSyntaxHighlighting paths
# (ACP_KSH_VERSION, ACP_KSH_PREFIX) and acp_cmake_prefix_path.

if [[ -n "${ACP_LIB_SH_LOADED:-}" ]]; then
  return 0
fi
ACP_LIB_SH_LOADED=1

ACP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export ACP_ROOT

# --- messages ---------------------------------------------------------------------------------
ACP_SCRIPT_NAME="$(basename "$0")"

log()  { printf '[%s] %s\n' "$ACP_SCRIPT_NAME" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "$ACP_SCRIPT_NAME" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "$ACP_SCRIPT_NAME" "$*" >&2; exit 1; }

# --- timing -------------------------------------------------------------------------------------
# step_begin NAME; ...; step_end  -> prints "NAME took 1.23 s" and records it for timing_summary.
ACP_STEP_NAME=""
ACP_STEP_T0=""
ACP_TIMINGS=()

now() { printf '%s' "${EPOCHREALTIME/,/.}"; }

elapsed_since() { # elapsed_since T0 -> seconds with two decimals
  awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'
}

step_begin() {
  ACP_STEP_NAME="$1"
  ACP_STEP_T0="$(now)"
  log "==> $ACP_STEP_NAME"
}

step_end() {
  local secs
  secs="$(elapsed_since "$ACP_STEP_T0")"
  log "<== $ACP_STEP_NAME: ${secs} s"
  ACP_TIMINGS+=("$(printf '%-28s %8s s' "$ACP_STEP_NAME" "$secs")")
}

timing_summary() {
  local line
  log "timings:"
  for line in "${ACP_TIMINGS[@]}"; do
    printf '    %s\n' "$line"
  done
}

# --- privileges ---------------------------------------------------------------------------------
# as_root CMD...: run as root (directly when we are root, else through sudo).
as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root for: $* (not root and sudo is not installed)"
  fi
}

# --- Qt and KSyntaxHighlighting -----------------------------------------------------------------
# Qt version as packaged (6.4.2 on bookworm); empty when qt6-base-dev is missing.
acp_qt_version() {
  local v
  v="$(dpkg-query -W -f='${Version}' qt6-base-dev 2>/dev/null || true)"
  v="${v#*:}"      # epoch
  v="${v%%[+~-]*}" # +dfsg, ~, debian revision
  printf '%s' "$v"
}

ACP_KSH_VERSION="5.116.0"
ACP_KSH_PREFIX="$ACP_ROOT/.deps/ksyntaxhighlighting-$ACP_KSH_VERSION"
ACP_CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/acp-console"
export ACP_KSH_PREFIX ACP_CACHE_DIR

# CMAKE_PREFIX_PATH for configuring the project.
acp_cmake_prefix_path() {
  printf '%s' "$ACP_KSH_PREFIX"
}

# acp_refresh_autogen BUILD_DIR: after a configure, makes AUTOMOC look again at targets whose
# source list changed. CMake 3.25's Ninja rule for AUTOMOC depends only on the files moc read last
# time, so a header added later (a pull or merge into an existing build directory) was never
# mocced and the link failed on its staticMetaObject. A target's AutogenInfo.json newer than its
# autogen timestamp means its sources changed: drop the timestamp so the rule runs again.
acp_refresh_autogen() {
  local build="$1" info dir name
  while IFS= read -r info; do
    dir="$(dirname "$(dirname "$(dirname "$info")")")"   # <dir>/CMakeFiles/<t>_autogen.dir/AutogenInfo.json -> <dir>
    name="$(basename "$(dirname "$info")" .dir)"       # <t>_autogen
    if [[ -f "$dir/$name/timestamp" && "$info" -nt "$dir/$name/timestamp" ]]; then
      rm -f "$dir/$name/timestamp"
    fi
  done < <(find "$build" -path '*CMakeFiles/*_autogen.dir/AutogenInfo.json' 2>/dev/null)
}
