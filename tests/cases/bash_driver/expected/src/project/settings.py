"""Kedro settings; everything not set here keeps Kedro's default."""

import warnings

# Kedro 1.7 registers its config resolvers with an OmegaConf call that OmegaConf 2.4 deprecates:
# four warnings on every run that the project can do nothing about. Only that one is silenced.
warnings.filterwarnings(
    "ignore", message=r"register_new_resolver\(\) is deprecated", category=UserWarning
)

# kedro-viz, when installed, would otherwise add hooks that write .viz/ on every run.
DISABLE_HOOKS_FOR_PLUGINS = ("kedro-viz",)
