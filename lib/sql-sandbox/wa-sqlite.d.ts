/** wa-sqlite's synchronous Emscripten build (the package types it only through its own index). */
declare module "wa-sqlite/dist/wa-sqlite.mjs" {
  const Factory: (config?: object) => Promise<unknown>;
  export default Factory;
}
