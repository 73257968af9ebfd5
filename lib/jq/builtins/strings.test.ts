import { describe, expect, it } from "vitest";
import { jq, jqError } from "../test-helpers";

describe("string builtins", () => {
  it("splits, joins and trims", () => {
    expect(jq('split(", ")', "a, b, c")).toEqual([["a", "b", "c"]]);
    expect(jq('join("-")', ["a", 1, null, true])).toEqual(["a-1--true"]);
    expect(jq("[trim, ltrim, rtrim]", "  x  ")).toEqual([["x", "x  ", "  x"]]);
    expect(jq('[ltrimstr("a"), rtrimstr("c")]', "abc")).toEqual([["bc", "ab"]]);
  });

  it("works in code points for indices and slices", () => {
    expect(jq('indices("o")', "🇬🇧oo")).toEqual([[2, 3]]);
    expect(jq(".[1:3]", "a😀bc")).toEqual(["😀b"]);
    expect(jq("explode | implode", "a😀")).toEqual(["a😀"]);
  });

  it("converts between strings and numbers", () => {
    expect(jq("[.[] | tonumber]", ["1.5", "-2", ".5"])).toEqual([[1.5, -2, 0.5]]);
    expect(jqError('" 1" | tonumber')?.message).toBe('string (" 1") cannot be parsed as a number');
    expect(jq("tojson, (tojson | fromjson)", { a: [1, "x"] })).toEqual(['{"a":[1,"x"]}', { a: [1, "x"] }]);
  });

  it("changes ASCII case only", () => {
    expect(jq("ascii_upcase", "abé")).toEqual(["ABé"]);
  });

  it("formats with @csv, @tsv, @sh, @uri, @html and base64/base32", () => {
    expect(jq("@csv", [1, "a\"b", null])).toEqual(['1,"a""b",']);
    expect(jq("@tsv", ["a\tb", 1])).toEqual(["a\\tb\t1"]);
    expect(jq("@sh", ["it's", 2])).toEqual(["'it'\\''s' 2"]);
    expect(jq("@uri", "a b/é")).toEqual(["a%20b%2F%C3%A9"]);
    expect(jq("@html", "<a href='x'>")).toEqual(["&lt;a href=&apos;x&apos;&gt;"]);
    expect(jq("@base64 | ., @base64d", "hello")).toEqual(["aGVsbG8=", "hello"]);
    expect(jq("@base32 | ., @base32d", "hello")).toEqual(["NBSWY3DP", "hello"]);
  });
});
