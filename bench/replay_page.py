from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from bench.replay import replay

replay(get_script_run_ctx())
