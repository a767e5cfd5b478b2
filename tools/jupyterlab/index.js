// Entry point of the pack's JupyterLab build: the plugins JupyterLab's own application loads
// for notebooks, files, menus, settings, themes, math and the usual output renderers.
// Left out: terminals (not served by this launcher), the debugger and the language server
// (tslab supports neither), the extension manager (no PyPI here), collaboration, news.
import { JupyterLab } from "@jupyterlab/application";
import { PageConfig } from "@jupyterlab/coreutils";

// Chunks and assets load from the server's static URL, which is only known at run time.
// eslint-disable-next-line no-undef
__webpack_public_path__ = PageConfig.getOption("fullStaticUrl") + "/";

const styles = import("./build/style.js");

/** Plugins of a package (as an array), without those that need a server part this launcher lacks. */
const without = (ids) => (mod) => mod.default.filter((p) => !ids.some((id) => p.id.includes(id)));

const extensions = [
  import("@jupyterlab/application-extension"),
  // News and update checks call /lab/api/news, which jupyterlab-server 2.16 does not serve;
  // its "get notified about Jupyter news?" question would only sit in a corner.
  import("@jupyterlab/apputils-extension").then(without([":announcements"])),
  import("@jupyterlab/celltags-extension"),
  import("@jupyterlab/codemirror-extension"),
  import("@jupyterlab/completer-extension"),
  import("@jupyterlab/console-extension"),
  import("@jupyterlab/csvviewer-extension"),
  import("@jupyterlab/docmanager-extension"),
  import("@jupyterlab/documentsearch-extension"),
  import("@jupyterlab/filebrowser-extension"),
  import("@jupyterlab/fileeditor-extension").then(without([":language-server"])),
  import("@jupyterlab/help-extension"),
  import("@jupyterlab/imageviewer-extension"),
  import("@jupyterlab/inspector-extension"),
  import("@jupyterlab/launcher-extension"),
  import("@jupyterlab/mainmenu-extension"),
  import("@jupyterlab/markdownviewer-extension"),
  import("@jupyterlab/markedparser-extension"),
  import("@jupyterlab/mathjax-extension"),
  import("@jupyterlab/metadataform-extension"),
  import("@jupyterlab/notebook-extension").then(without([":language-server"])),
  import("@jupyterlab/rendermime-extension"),
  import("@jupyterlab/running-extension"),
  import("@jupyterlab/settingeditor-extension"),
  import("@jupyterlab/shortcuts-extension"),
  import("@jupyterlab/statusbar-extension"),
  import("@jupyterlab/theme-dark-extension"),
  import("@jupyterlab/theme-light-extension"),
  import("@jupyterlab/toc-extension"),
  import("@jupyterlab/tooltip-extension"),
  import("@jupyterlab/translation-extension"),
  import("@jupyterlab/ui-components-extension"),
];

const mimeExtensions = [import("@jupyterlab/javascript-extension"), import("@jupyterlab/json-extension")];

window.addEventListener("load", async () => {
  await styles;
  const lab = new JupyterLab({ mimeExtensions: await Promise.all(mimeExtensions) });
  lab.registerPluginModules(await Promise.all(extensions));
  // The pack's browser test reads kernel replies and cell models through the application,
  // as JupyterLab's own UI tests (galata) do with `window.jupyterapp`.
  window.jupyterapp = lab;
  await lab.start();
  await lab.restored;
  document.body.dataset.descentLab = "ready";
});
