/** wrangler (and the vitest workers pool) import `.wasm` files as compiled modules. */
declare module "wa-sqlite/dist/wa-sqlite.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
