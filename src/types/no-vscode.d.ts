// What `vscode` resolves to in the pure layers (core, protocol, derivations, webview; see their
// tsconfig.json): a module with nothing in it, so any use of `vscode` there fails to compile.
export type NoVscodeInThisLayer = never;
