"""context-tidy as a Bazel aspect: see docs/bazel.md.

    bazel build //... \\
      --aspects=@context_tidy//:context_tidy.bzl%context_tidy \\
      --output_groups=context_tidy

For every cc_library, cc_binary and cc_test of the main repository that it
visits (the targets named, and what they reach through deps), one action per
C/C++ source runs context-tidy with the flags that would compile it: the C++
toolchain's, --copt/--cxxopt/--conlyopt, the target's copts, and the
includes and defines of its CcInfo.  The inputs of an action are the
source, the headers of the target's compilation context, the configuration
(--@context_tidy//:config) and the executable (--@context_tidy//:executable);
its output is the findings file bazel-bin/<package>/<target>.context-tidy/
<source>.txt, empty when there is none.  So an action reruns only when one
of these changes, and its result can come from --disk_cache or a remote
cache like any compile.

With --@context_tidy//:fail_on_findings, one more action per target fails
when a findings file of the target is not empty, and prints them; the
actions that run the checks are the same with or without it, so turning it
on or off reruns none of them.  A source that does not compile always
fails its action.
"""

load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "ACTION_NAMES")
load("@bazel_tools//tools/cpp:toolchain_utils.bzl", "find_cpp_toolchain")
load(":settings.bzl", "BoolSettingInfo")

ContextTidyInfo = provider(
    doc = "What the aspect made for a target and the targets it depends on.",
    fields = {
        "findings": "depset of the findings files",
        "verdicts": "depset of the verdicts' outputs (fail_on_findings)",
    },
)

_RULE_KINDS = ["cc_library", "cc_binary", "cc_test"]
_C_EXTENSIONS = ["c"]
_CXX_EXTENSIONS = ["cc", "cpp", "cxx", "c++", "C"]

# Options of GCC toolchains that clang does not know and rejects with an
# error ("unknown argument"): Bazel's own toolchain for GCC passes it.
_DROPPED_FLAGS = ["-fno-canonical-system-headers"]

def _deps_info(ctx):
    return [
        dep[ContextTidyInfo]
        for dep in getattr(ctx.rule.attr, "deps", [])
        if ContextTidyInfo in dep
    ]

def _is_source(f):
    return f.extension in _C_EXTENSIONS or f.extension in _CXX_EXTENSIONS

def _sources(ctx):
    return [f for f in getattr(ctx.rule.files, "srcs", []) if _is_source(f)]

def _private_headers(ctx):
    """The headers among srcs, which the target's sources may include."""
    return [f for f in getattr(ctx.rule.files, "srcs", []) if not _is_source(f)]

def _compile_flags(ctx, target, is_cxx):
    """The compiler options of a source of the target, without the source,
    the output and the dependency file."""
    cc_toolchain = find_cpp_toolchain(ctx)
    features = cc_common.configure_features(
        ctx = ctx,
        cc_toolchain = cc_toolchain,
        requested_features = ctx.features,
        unsupported_features = ctx.disabled_features,
    )
    compilation = target[CcInfo].compilation_context
    cpp = ctx.fragments.cpp
    user_flags = list(cpp.copts)
    user_flags += cpp.cxxopts if is_cxx else cpp.conlyopts
    user_flags += getattr(ctx.rule.attr, "copts", [])
    defines = [compilation.defines]
    if hasattr(compilation, "local_defines"):
        defines.append(compilation.local_defines)
    variables = cc_common.create_compile_variables(
        feature_configuration = features,
        cc_toolchain = cc_toolchain,
        user_compile_flags = user_flags,
        include_directories = compilation.includes,
        quote_include_directories = compilation.quote_includes,
        system_include_directories = compilation.system_includes,
        preprocessor_defines = depset(transitive = defines),
    )
    action = ACTION_NAMES.cpp_compile if is_cxx else ACTION_NAMES.c_compile
    flags = cc_common.get_memory_inefficient_command_line(
        feature_configuration = features,
        action_name = action,
        variables = variables,
    )
    if hasattr(compilation, "framework_includes"):
        flags = flags + ["-F" + d for d in compilation.framework_includes.to_list()]
    return [f for f in flags if f not in _DROPPED_FLAGS]

def _output_name(ctx, src):
    path = src.short_path
    package = ctx.label.package
    if package and path.startswith(package + "/"):
        path = path[len(package) + 1:]
    return "%s.context-tidy/%s.txt" % (ctx.label.name, path)

def _check(ctx, target, src, headers):
    findings = ctx.actions.declare_file(_output_name(ctx, src))
    config = ctx.file._config
    args = ctx.actions.args()
    args.add(findings)
    args.add(ctx.executable._context_tidy)
    args.add("--quiet")
    args.add(config, format = "--config-file=%s")
    args.add(src)
    args.add("--")
    args.add_all(_compile_flags(ctx, target, src.extension in _CXX_EXTENSIONS))
    ctx.actions.run(
        executable = ctx.executable._runner,
        arguments = [args],
        inputs = depset([src, config], transitive = [headers]),
        tools = [ctx.executable._context_tidy],
        outputs = [findings],
        mnemonic = "ContextTidy",
        progress_message = "context-tidy %s" % src.short_path,
    )
    return findings

def _verdict(ctx, findings):
    """An action that fails when one of the target's findings files is not
    empty, and prints them."""
    stamp = ctx.actions.declare_file("%s.context-tidy/no-findings" % ctx.label.name)
    args = ctx.actions.args()
    args.add(stamp)
    args.add_all(findings)
    ctx.actions.run(
        executable = ctx.executable._verdict,
        arguments = [args],
        inputs = findings,
        outputs = [stamp],
        mnemonic = "ContextTidyVerdict",
        progress_message = "context-tidy findings of %s" % ctx.label,
    )
    return stamp

def _context_tidy_impl(target, ctx):
    deps = _deps_info(ctx)
    findings = []
    verdicts = []
    if (ctx.rule.kind in _RULE_KINDS and CcInfo in target and
        not ctx.label.workspace_root):
        headers = depset(
            _private_headers(ctx),
            transitive = [target[CcInfo].compilation_context.headers],
        )
        findings = [_check(ctx, target, src, headers) for src in _sources(ctx)]
        if findings and ctx.attr._fail_on_findings[BoolSettingInfo].value:
            verdicts = [_verdict(ctx, findings)]
    info = ContextTidyInfo(
        findings = depset(findings, transitive = [d.findings for d in deps]),
        verdicts = depset(verdicts, transitive = [d.verdicts for d in deps]),
    )
    return [
        info,
        OutputGroupInfo(context_tidy = depset(
            transitive = [info.findings, info.verdicts],
        )),
    ]

context_tidy = aspect(
    implementation = _context_tidy_impl,
    attr_aspects = ["deps"],
    fragments = ["cpp"],
    attrs = {
        "_cc_toolchain": attr.label(
            default = Label("@bazel_tools//tools/cpp:current_cc_toolchain"),
        ),
        "_config": attr.label(
            default = Label("//:config"),
            allow_single_file = True,
        ),
        "_context_tidy": attr.label(
            default = Label("//:executable"),
            executable = True,
            cfg = "exec",
            allow_single_file = True,
        ),
        "_fail_on_findings": attr.label(
            default = Label("//:fail_on_findings"),
        ),
        "_runner": attr.label(
            default = Label("//:run_context_tidy.sh"),
            executable = True,
            cfg = "exec",
            allow_single_file = True,
        ),
        "_verdict": attr.label(
            default = Label("//:fail_on_findings.sh"),
            executable = True,
            cfg = "exec",
            allow_single_file = True,
        ),
    },
)
