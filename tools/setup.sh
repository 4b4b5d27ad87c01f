# Shared by tools/context-tidy and tools/run-tests: installs what is missing
# and builds the plugin.  Source it; do not run it.
#
#   ct_ensure_packages pkg...      apt-get install the missing ones
#   ct_build <llvm-major>          configure + build into build/llvm-<major>
#   ct_build <llvm-major> sanitize the ASan+UBSan build (CONTEXT_TIDY_SANITIZE,
#                                  clang-<major>) into build/llvm-<major>-sanitize
#   ct_build <llvm-major> "" target...   configure, build only those targets
#
# Packages: ct_build_packages is what configuring and building needs (and
# running the plugin, context-tidy and context-clangd); ct_test_packages is
# what only the tests need on top (real API headers, the editors and tools
# the integration tests drive); ct_corpus_packages what the validation
# corpora need (installed by tools/validate-repos and tools/validate-bugs).
#
# CONTEXT_TIDY_BUILD_ROOT overrides where builds go (default: <repo>/build).

CT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CT_BUILD_ROOT="${CONTEXT_TIDY_BUILD_ROOT:-$CT_ROOT/build}"

ct_log() { printf '[context-tidy] %s\n' "$*" >&2; }

# The packages a build against LLVM <major> needs.  libgrpc++-dev and
# libprotobuf-dev: context-clangd links clangd's remote index (gRPC), as
# Debian's clangd does.  From LLVM 22 on, clangd's CMake package names gRPC
# and protobuf by their imported targets, so the configure runs
# find_package(gRPC), whose gRPCTargets.cmake fails unless the files it
# imports exist: /usr/bin/grpc_cpp_plugin (protobuf-compiler-grpc, which
# brings protoc).  test/integration/setup-clean-build.test configures and
# builds in a clean root that has only these packages.
ct_build_packages() {
  local v="$1"
  echo cmake ninja-build g++ python3 python3-yaml libgtest-dev \
    "clang-tidy-$v" "libclang-$v-dev" "llvm-$v-dev" "llvm-$v-tools" "clang-$v" \
    libgrpc++-dev libprotobuf-dev
  [ "$v" -ge 22 ] && echo protobuf-compiler-grpc
  return 0
}

# What the sanitizer build (ct_build <major> sanitize) needs on top:
# clang's shared ASan/UBSan runtime.
ct_sanitize_packages() {
  echo "libclang-rt-$1-dev"
}

# What only the tests need: the real API headers they compile against, and
# the tools the integration tests drive (test/integration/): git and
# pre-commit, Vim with ALE, Emacs with Flycheck, Neovim (its LSP client with
# context-clangd), node and npm (SARIF schema validation), dpkg-dev (cpack's
# dpkg-shlibdeps), mmdebstrap (the clean-install test) and bazel-bootstrap
# (Bazel 4, the aspect's test).
ct_test_packages() {
  echo libasio-dev libboost-dev libboost-fiber-dev libgrpc++-dev libtbb-dev
  echo git pre-commit vim vim-ale emacs-nox elpa-flycheck neovim dpkg-dev mmdebstrap
  echo bazel-bootstrap
  # node and npm: Debian's packages, unless a node with npm is installed
  # already (e.g. from another repository, whose nodejs includes npm).
  command -v node >/dev/null && command -v npm >/dev/null || echo nodejs npm
}

# What the validation corpora need (tools/validate-repos, tools/validate-bugs
# install them when missing; docs/validation/): the headers their
# translation units include besides the real API headers of the tests, and
# protoc with the gRPC plugin for the .proto files validate-repos compiles.
# Without them, TUs do not parse and their findings vanish silently.
ct_corpus_packages() {
  echo libasio-dev libboost-dev libboost-fiber-dev libgrpc++-dev libtbb-dev
  echo catch2 doctest-dev libgtest-dev libspdlog-dev libfmt-dev libcurl4-openssl-dev
  echo libssl-dev libxml2-dev protobuf-compiler protobuf-compiler-grpc
  echo libusb-1.0-0-dev libsdl2-dev libtorrent-rasterbar-dev
}

ct_ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  ct_log "installing: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { ct_log "need root (or sudo) to install ${missing[*]}"; return 1; }
    sudo="sudo"
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >&2 || return 1
}

ct_build() {
  local v="$1" variant="${2:-}" dir="$CT_BUILD_ROOT/llvm-$1"
  local launcher=() extra=() targets=()
  [ $# -gt 2 ] && for t in "${@:3}"; do targets+=(--target "$t"); done
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  # Batches of files (CMakeLists.txt): a cold build in less than half the
  # time.  CONTEXT_TIDY_UNITY_BUILD=OFF for one file a compile.
  extra=(-DCMAKE_UNITY_BUILD="${CONTEXT_TIDY_UNITY_BUILD:-ON}")
  if [ "$variant" = sanitize ]; then
    dir="$CT_BUILD_ROOT/llvm-$v-sanitize"
    extra+=(-DCONTEXT_TIDY_SANITIZE=ON -DCMAKE_CXX_COMPILER="clang++-$v"
           -DCMAKE_BUILD_TYPE=Release -DCONTEXT_TIDY_BUILD_STANDALONE=OFF
           -DCONTEXT_TIDY_BUILD_CLANGD=OFF)
  fi
  if [ ! -f "$dir/build.ninja" ]; then
    ct_log "configuring $dir (LLVM $v${variant:+, $variant})"
    cmake -S "$CT_ROOT" -B "$dir" -G Ninja -DCONTEXT_TIDY_LLVM_VERSION="$v" \
      "${launcher[@]}" "${extra[@]}" ${CONTEXT_TIDY_CMAKE_ARGS:-} >&2 || return 1
  fi
  ct_log "building $dir"
  cmake --build "$dir" "${targets[@]}" >&2 || return 1
}
