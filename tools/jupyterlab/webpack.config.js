// The JupyterLab application of tools/jupyterlab, bundled by webpack 5 with @jupyterlab/builder
// (the toolchain JupyterLab 4.5 itself builds with; 4.6 moved to rspack and has no
// @jupyterlab/builder). `npm run lab:build` at the pack's root runs this.
//
// Development mode without source maps: minifying the ~30 MB of JupyterLab costs minutes and
// over 1 GB of memory on a 2-core machine, and the bundle is only ever served from 127.0.0.1.
const path = require("path");
const webpack = require("webpack");
const { Build } = require("@jupyterlab/builder");
const miniSVGDataURI = require("mini-svg-data-uri");
const pkg = require("./package.json");

const output = path.join(__dirname, "build");

// Copies each extension's settings schemas and themes into build/ (LabServerApp serves them
// from there) and writes build/style.js, which imports every extension's CSS.
const assets = Build.ensureAssets({
  packageNames: [...pkg.jupyterlab.extensions, ...pkg.jupyterlab.mimeExtensions],
  output,
});

module.exports = [
  {
    entry: ["./index.js"],
    output: { path: output, filename: "bundle.js", clean: false },
    bail: true,
    devtool: false,
    mode: "development",
    // Two cores shared with the rest of CI: one fewer parallel module build keeps memory down.
    parallelism: 50,
    module: {
      rules: [
        { test: /\.css$/, use: ["style-loader", "css-loader"] },
        { test: /\.html$/, type: "asset/resource" },
        { test: /\.md$/, type: "asset/source" },
        { test: /\.(jpg|png|gif)$/, type: "asset/resource" },
        { test: /\.js\.map$/, type: "asset/resource" },
        { test: /\.(woff2?|ttf)(\?v=\d+\.\d+\.\d+)?$/, type: "asset" },
        { test: /\.eot(\?v=\d+\.\d+\.\d+)?$/, type: "asset/resource" },
        // Icons referenced from CSS become data URIs; icons imported from code stay SVG text
        // (LabIcon parses them).
        {
          test: /\.svg(\?v=\d+\.\d+\.\d+)?$/,
          issuer: /\.css$/,
          type: "asset/inline",
          generator: { dataUrl: (content) => miniSVGDataURI(content.toString()) },
        },
        { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.js$/, type: "asset/source" },
      ],
    },
    plugins: [
      // Some packages call process.cwd() (the path polyfill); the browser has no process.
      new webpack.DefinePlugin({ process: { cwd: () => "/", env: {} } }),
    ],
  },
].concat(assets);
