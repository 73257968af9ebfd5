// The Worker bundle imports these as text (wrangler.toml [[rules]] type "Text").
declare module "*.star" {
  const text: string;
  export default text;
}

declare module "*.css" {
  const text: string;
  export default text;
}
