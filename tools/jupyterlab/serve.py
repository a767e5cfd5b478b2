"""Serves the pack's JupyterLab build (tools/jupyterlab/build) on Debian's jupyter-server.

`npm run lab:build` makes the build; `npm start -- --lab-build` and the browser test's
JupyterLab stage run this file with /usr/bin/python3, which has python3-jupyter-server (1.23)
and python3-jupyterlab-server (2.16): no JupyterLab from PyPI, no file from a wheel.

Options are the usual Jupyter server ones (`--ServerApp.port=8899`, `--ServerApp.root_dir=...`)
plus this app's folders (`--DescentLab.user_settings_dir=...`, `--DescentLab.workspaces_dir=...`).
"""
import json
import os
import sys

from jupyterlab_server import LabServerApp
from traitlets import Unicode

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, "build")
PACK_ROOT = os.path.dirname(os.path.dirname(HERE))

if not os.path.exists(os.path.join(BUILD, "bundle.js")):
    sys.exit("tools/jupyterlab/build/bundle.js is missing: run `npm run lab:build` at the pack's root first")

with open(os.path.join(HERE, "package.json"), encoding="utf-8") as f:
    VERSION = json.load(f)["version"]


def _jupyter_server_extension_points():
    # jupyter-server finds the app it starts through its module's extension points.
    return [{"module": __name__, "app": DescentLab}]


class DescentLab(LabServerApp):
    """JupyterLab (the pack's npm build) as a jupyter-server extension app at /lab."""

    # Must be this module's name: jupyter-server looks the starting extension up by it.
    name = __name__
    extension_url = "/lab"
    # A trait, so `npm start` can open the lessons' folder: --DescentLab.default_url=/lab/tree/notebooks
    default_url = Unicode("/lab", help="Where the browser opens").tag(config=True)
    # The pack's build carries every plugin it uses; a federated extension of the user's
    # Python environment would be built against some other JupyterLab.
    load_other_extensions = False
    app_name = "JupyterLab"
    app_version = VERSION
    static_dir = BUILD
    templates_dir = os.path.join(HERE, "templates")
    schemas_dir = os.path.join(BUILD, "schemas")
    themes_dir = os.path.join(BUILD, "themes")
    app_settings_dir = os.path.join(BUILD, "application_settings")
    # Per-clone state under the ignored build/ folder, never in the user's home; traits (not
    # plain attributes) so that the command line can point them elsewhere (the browser test).
    user_settings_dir = Unicode(
        os.path.join(PACK_ROOT, "build", "jupyterlab-state", "user-settings"), help="JupyterLab's user settings folder"
    ).tag(config=True)
    workspaces_dir = Unicode(
        os.path.join(PACK_ROOT, "build", "jupyterlab-state", "workspaces"), help="JupyterLab's saved workspaces folder"
    ).tag(config=True)

    def initialize_settings(self):
        super().initialize_settings()
        # No terminal handlers are loaded (they live in the jupyterlab Python package).
        self.serverapp.web_app.settings["terminals_available"] = False


if __name__ == "__main__":
    DescentLab.launch_instance()
