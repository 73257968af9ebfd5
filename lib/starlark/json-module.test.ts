import { describe, expect, it } from "vitest";
import { errorOf, ev } from "./test-helpers.ts";

describe("json module", () => {
  it("encodes values with sorted keys", () => {
    expect(ev("json.encode({'b': [1, 2.5, None, True], 'a': 'x\"y'})")).toBe(String.raw`"{\"a\":\"x\\\"y\",\"b\":[1,2.5,null,true]}"`);
    expect(ev("json.encode((1, 2)), json.encode(1 << 70)")).toBe('("[1,2]", "1180591620717411303424")');
  });

  it("rejects values JSON cannot hold", () => {
    expect(errorOf("json.encode(float('nan'))").message).toBe("json.encode: cannot encode non-finite float nan");
    expect(errorOf("json.encode({1: 2})").message).toBe("json.encode: dict has int key, want string");
    expect(errorOf("json.encode([len])").message).toBe("json.encode: at list index 0: cannot encode builtin_function_or_method as JSON");
    expect(errorOf("def f():\n  x = []\n  x.append(x)\n  json.encode(x)\nf()").message).toMatch(/cycle in JSON structure/);
  });

  it("decodes JSON text", () => {
    expect(ev("json.decode('{\"a\": [1, 2.0, \"\\\\u00e9\", null, false]}')")).toBe('{"a": [1, 2.0, "é", None, False]}');
    expect(ev("json.decode('123456789012345678901234567890')")).toBe("123456789012345678901234567890");
    expect(ev("json.decode('[1,', default = 'bad')")).toBe('"bad"');
  });

  it("reports decode errors with offsets", () => {
    expect(errorOf("json.decode('[1 2]')").message).toBe("json.decode: at offset 3, got '2', want ',' or ']'");
    expect(errorOf("json.decode('01')").message).toMatch(/invalid number: 01/);
  });

  it("indents JSON text", () => {
    expect(ev("json.indent('{\"a\":[1,{}]}', indent='  ')")).toBe(String.raw`"{\n  \"a\": [\n    1,\n    {}\n  ]\n}"`);
    expect(ev("json.encode_indent({'a': []}, prefix='>')")).toBe(String.raw`"{\n>\t\"a\": []\n>}"`);
  });
});
