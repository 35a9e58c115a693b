"""Kedro settings; everything not set here keeps Kedro's default."""

# kedro-viz, when installed, would otherwise add hooks that write .viz/ on every run.
DISABLE_HOOKS_FOR_PLUGINS = ("kedro-viz",)
