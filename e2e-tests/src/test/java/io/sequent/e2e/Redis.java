package io.sequent.e2e;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Reads a key from the suite's Redis (the real one, or a fault suite's own), to look at a service's read model from outside. */
final class Redis {

    private Redis() {
    }

    /** GET {@code key} in database {@code db}; null when absent. */
    static String get(int db, String key) {
        return bulk(db, "GET", key);
    }

    /** HGET {@code key field} in database {@code db}; null when absent. */
    static String hget(int db, String key, String field) {
        return bulk(db, "HGET", key, field);
    }

    /** A command answered with a bulk string (or nil). */
    private static String bulk(int db, String... command) {
        try (Socket socket = new Socket("127.0.0.1", Suite.REDIS_PORT)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            out.write(command("SELECT", Integer.toString(db)));
            out.write(command(command));
            out.flush();
            String selected = line(in);
            if (!selected.equals("+OK")) {
                throw new IllegalStateException("SELECT answered " + selected);
            }
            String header = line(in);
            if (header.equals("$-1")) {
                return null;
            }
            int length = Integer.parseInt(header.substring(1));
            byte[] value = in.readNBytes(length);
            line(in);
            return new String(value, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] command(String... parts) {
        StringBuilder resp = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String part : parts) {
            resp.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
        }
        return resp.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\r') {
            line.append((char) c);
        }
        in.read(); // '\n'
        return line.toString();
    }
}
