"""A boolean command-line setting (--@context_tidy//:NAME=true|false)."""

BoolSettingInfo = provider(
    doc = "The value of a bool_setting.",
    fields = {"value": "True or False"},
)

def _bool_setting_impl(ctx):
    return [BoolSettingInfo(value = ctx.build_setting_value)]

bool_setting = rule(
    implementation = _bool_setting_impl,
    build_setting = config.bool(flag = True),
)
