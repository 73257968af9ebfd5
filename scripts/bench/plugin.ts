import "../../lib/plugin/plugin.bench.ts";
