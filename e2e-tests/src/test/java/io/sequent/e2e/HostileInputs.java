package io.sequent.e2e;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Generators of hostile request parts: strings that break naive parsing, encoders and databases;
 * malformed, wrongly typed, deeply nested and oversized JSON. Driven by one seeded {@link Random},
 * so a failing run is reproduced by its seed.
 */
final class HostileInputs {

    private static final List<String> NASTY = List.of(
            "", " ", "\t\n", "null", "undefined", "NaN", "-1", "0", "99999999999999999999999", "1e309", "-0.0",
            "true", "[]", "{}", "'", "\"", "\\", "\\u0000", "%00", "%", "%zz", "../../etc/passwd", "..%2f..%2f",
            "' OR '1'='1", "'; DROP TABLE directory_user; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
            "#{7*7}", "{{7*7}}", "*)(uid=*))(|(uid=*", "cn=admin,dc=x", "\u202Eevil\u202C", "\u200B\u200C\u200D\uFEFF",
            "Z\u0351\u0360\u0361a\u0352\u035Bl\u0350\u0357g\u0358o", "\uD83D\uDE00\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
            "\u0000", "\u0007\u001B[31m", "𝕬𝖉𝖒𝖎𝖓", "İıſK", "ß", "\uFFFD", "a".repeat(300), "é".repeat(2000),
            "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "not-a-uuid",
            "token:software:totp", "admin", "environment", "/", "//", "?", "#", "&a=b", "a;b", "CON", "\r\nX-Injected: 1");

    private final Random random;

    HostileInputs(long seed) {
        this.random = new Random(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** A hostile string: from the list, random unicode, or both. */
    String string() {
        return switch (random.nextInt(4)) {
            case 0, 1 -> NASTY.get(random.nextInt(NASTY.size()));
            case 2 -> randomUnicode(1 + random.nextInt(40));
            default -> NASTY.get(random.nextInt(NASTY.size())) + randomUnicode(1 + random.nextInt(8));
        };
    }

    private String randomUnicode(int length) {
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            int cp = switch (random.nextInt(5)) {
                case 0 -> 0x20 + random.nextInt(0x5F);          // printable ASCII
                case 1 -> random.nextInt(0x20);                 // control characters
                case 2 -> 0x80 + random.nextInt(0x780);         // Latin, Greek, Cyrillic, Hebrew, Arabic
                case 3 -> 0x1F300 + random.nextInt(0x300);      // emoji (surrogate pairs)
                default -> 0x0300 + random.nextInt(0x70);       // combining marks
            };
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    /** A JSON value of any type, hostile where it is a string. */
    String value(int depth) {
        return switch (random.nextInt(depth > 2 ? 6 : 9)) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> List.of("0", "-1", "1e309", "-9223372036854775809", "3.14", "99999999999999999999", "1E-400")
                    .get(random.nextInt(7));
            case 3, 4, 5 -> quote(string());
            case 6 -> "[" + value(depth + 1) + "," + value(depth + 1) + "]";
            default -> object(depth + 1, List.of());
        };
    }

    /** An object using the operation's own field names (so validation is reached) with hostile values. */
    String object(int depth, List<String> fields) {
        StringBuilder b = new StringBuilder("{");
        int n = fields.isEmpty() ? random.nextInt(4) : 1 + random.nextInt(fields.size());
        for (int i = 0; i < n; i++) {
            String name = !fields.isEmpty() && random.nextInt(5) > 0 ? fields.get(random.nextInt(fields.size())) : string();
            b.append(i == 0 ? "" : ",").append(quote(name)).append(':').append(value(depth));
        }
        return b.append('}').toString();
    }

    /** A malformed document: truncated, bad escapes, trailing garbage, comments, duplicate keys... */
    String malformed(List<String> fields) {
        String base = object(0, fields);
        return switch (random.nextInt(8)) {
            case 0 -> base.substring(0, Math.max(1, random.nextInt(base.length())));
            case 1 -> "{\"a\": \"\\uZZZZ\"}";
            case 2 -> base + "garbage";
            case 3 -> "{/* comment */ \"a\": 1}";
            case 4 -> "{'single': 'quotes'}";
            case 5 -> "{\"a\": 1,}";
            case 6 -> "\uFEFF" + base;
            default -> "{\"a\": " + "1".repeat(5000) + "}";
        };
    }

    /** Arrays nested far deeper than any parser should follow. */
    static String deep(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /** A syntactically valid JSON object larger than every service's request limit (256 KiB). */
    static String oversized() {
        return "{\"username\": \"" + "a".repeat(300 * 1024) + "\"}";
    }

    /** Bytes that are not UTF-8. */
    static byte[] invalidUtf8() {
        return new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
